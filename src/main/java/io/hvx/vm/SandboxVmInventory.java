package io.hvx.vm;

import io.hvx.files.AtomicFiles;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.InvalidInputException;
import io.hvx.core.NameResolver;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmInventory;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The sandbox's VMs, kept in {@code <sandboxDir>/vms.json} so the CLI, the GUI and external
 * tools see the same list. Created on first use with the demo VMs of {@link SandboxSeed}
 * (demo-linux running with its responders, demo-windows off). Writes are atomic (temporary file
 * in the same directory, fsync, atomic rename) and serialized between processes by a lock file;
 * a file that cannot be read is reported and never overwritten.
 *
 * <p>File shape (version 1):
 * <pre>{"version":1,"vms":[{"id":"…","name":"demo-linux","state":"Running","generation":2,
 *  "version":"10.0","memoryBytes":2147483648,"startedAt":"2026-…Z",
 *  "responders":[{"service":"00000007-facb-11e6-bd58-64006a7986d3","kind":"echo"}]}]}</pre>
 * {@code responders} lists the built-in responders (echo, sink, source) the sandbox endpoints
 * serve for a running VM; read them with {@link #responders()}.
 */
public final class SandboxVmInventory implements VmInventory {

    /** The file name inside the sandbox directory. */
    public static final String FILE_NAME = "vms.json";

    static final long DEMO_MEMORY = 2L << 30;
    static final String DEMO_VERSION = "10.0";
    private static final int MAX_NAME = 100;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path dir;
    private final Path file;
    private final Clock clock;

    public SandboxVmInventory(Path sandboxDir) {
        this(sandboxDir, Clock.systemUTC());
    }

    public SandboxVmInventory(Path sandboxDir, Clock clock) {
        this.dir = sandboxDir;
        this.file = sandboxDir.resolve(FILE_NAME);
        this.clock = clock;
    }

    /** The VM file. */
    public Path file() {
        return file;
    }

    // Gson-mapped file content; field names are the file format.
    record ResponderEntry(String service, String kind) {
    }

    record VmEntry(String id, String name, String state, int generation, String version, long memoryBytes,
                   String startedAt, List<ResponderEntry> responders) {
    }

    record VmFile(int version, List<VmEntry> vms) {
    }

    @Override
    public List<VirtualMachine> list() {
        List<VirtualMachine> out = new ArrayList<>();
        for (VmEntry e : load().vms()) {
            out.add(toVm(e));
        }
        return out;
    }

    /**
     * The built-in responders of every sandbox VM, as stored in the file (the sandbox endpoints
     * start them for VMs that are running). Entries with an unreadable GUID are left out.
     */
    public List<SandboxSeed.Responder> responders() {
        List<SandboxSeed.Responder> out = new ArrayList<>();
        for (VmEntry e : load().vms()) {
            Guid vm = Guid.tryParse(e.id());
            for (ResponderEntry r : e.responders() == null ? List.<ResponderEntry>of() : e.responders()) {
                Guid service = r == null ? null : Guid.tryParse(r.service());
                if (vm != null && service != null && r.kind() != null) {
                    out.add(new SandboxSeed.Responder(vm, service, r.kind()));
                }
            }
        }
        return out;
    }

    /** The responders of one VM (see {@link #responders()}). */
    public List<SandboxSeed.Responder> responders(Guid vmId) {
        return responders().stream().filter(r -> r.vmId().equals(vmId)).toList();
    }

    /**
     * Adds a VM.
     *
     * @param id      the ID to use, or null for a new random one
     * @param running whether it starts running
     * @throws InvalidInputException for a bad or taken name or ID
     */
    public VirtualMachine add(String name, Guid id, boolean running) {
        String n = validName(name);
        Guid vmId = id != null ? id : Guid.random();
        if (VmAlias.byGuid(vmId).isPresent()) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.aliasId", vmId, VmAlias.byGuid(vmId).get().alias()));
        }
        VmEntry[] added = new VmEntry[1];
        update(f -> {
            for (VmEntry e : f.vms()) {
                if (e.name().equalsIgnoreCase(n)) {
                    throw new InvalidInputException(Problem.of("vms.sandbox.error.nameTaken", n, e.id()));
                }
                if (vmId.equals(Guid.tryParse(e.id()))) {
                    throw new InvalidInputException(Problem.of("vms.sandbox.error.idTaken", vmId, e.name()));
                }
            }
            VmEntry e = new VmEntry(vmId.toString(), n, running ? VirtualMachine.RUNNING : VirtualMachine.OFF, 2,
                    DEMO_VERSION, DEMO_MEMORY, running ? clock.instant().toString() : null, List.of());
            added[0] = e;
            List<VmEntry> vms = new ArrayList<>(f.vms());
            vms.add(e);
            return new VmFile(1, vms);
        });
        return toVm(added[0]);
    }

    /**
     * Turns a VM on or off.
     *
     * @param ref the VM's name (case-insensitive) or ID
     */
    public VirtualMachine setState(String ref, boolean running) {
        VmEntry[] changed = new VmEntry[1];
        update(f -> {
            int i = indexOf(f, ref);
            VmEntry e = f.vms().get(i);
            boolean wasRunning = VirtualMachine.RUNNING.equalsIgnoreCase(e.state());
            String startedAt = running ? (wasRunning && e.startedAt() != null ? e.startedAt() : clock.instant().toString()) : null;
            VmEntry n = new VmEntry(e.id(), e.name(), running ? VirtualMachine.RUNNING : VirtualMachine.OFF,
                    e.generation(), e.version(), e.memoryBytes(), startedAt, e.responders());
            changed[0] = n;
            List<VmEntry> vms = new ArrayList<>(f.vms());
            vms.set(i, n);
            return new VmFile(1, vms);
        });
        return toVm(changed[0]);
    }

    /**
     * Removes a VM.
     *
     * @param ref the VM's name (case-insensitive) or ID
     * @return the VM that was removed
     */
    public VirtualMachine remove(String ref) {
        VmEntry[] removed = new VmEntry[1];
        update(f -> {
            int i = indexOf(f, ref);
            List<VmEntry> vms = new ArrayList<>(f.vms());
            removed[0] = vms.remove(i);
            return new VmFile(1, vms);
        });
        return toVm(removed[0]);
    }

    @Override
    public Optional<IntegrationServices> integrationServices() {
        return Optional.of(this::integrationServicesOf);
    }

    /**
     * A fixed, plausible set (Hyper-V's defaults: Guest Service Interface off, the rest on), with
     * the status Hyper-V shows for a running VM, or no status when the VM is off.
     */
    private List<IntegrationService> integrationServicesOf(Guid vmId) {
        VirtualMachine vm = list().stream().filter(v -> v.id().equals(vmId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(Problem.of("vms.error.unknownId", vmId)));
        String ok = vm.isRunning() ? "OK" : "";
        return List.of(
                new IntegrationService(IntegrationService.GUEST_SERVICE_INTERFACE, false, ok, ""),
                new IntegrationService("Heartbeat", true, ok, ok),
                new IntegrationService("Key-Value Pair Exchange", true, ok, ""),
                new IntegrationService("Shutdown", true, ok, ""),
                new IntegrationService("Time Synchronization", true, ok, ""),
                new IntegrationService("VSS", true, ok, ""));
    }

    /** Notifies {@code onChange} (on a background thread) when the VM file changes. */
    @Override
    public Optional<AutoCloseable> watch(Runnable onChange) {
        WatchService ws;
        try {
            Files.createDirectories(dir);
            ws = dir.getFileSystem().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty();
        }
        Thread.ofVirtual().name("hvx-sandbox-vms-watch").start(() -> {
            try {
                while (true) {
                    WatchKey key = ws.take();
                    boolean ours = false;
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.kind() == StandardWatchEventKinds.OVERFLOW
                                || FILE_NAME.equals(String.valueOf(ev.context()))) {
                            ours = true;
                        }
                    }
                    if (ours) {
                        onChange.run();
                    }
                    if (!key.reset()) {
                        return;
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed by the caller
            }
        });
        return Optional.of(ws::close);
    }

    private VirtualMachine toVm(VmEntry e) {
        Guid id = Guid.tryParse(e.id());
        boolean running = VirtualMachine.RUNNING.equalsIgnoreCase(e.state());
        long uptime = 0;
        if (running && e.startedAt() != null) {
            try {
                uptime = Math.max(0, Duration.between(Instant.parse(e.startedAt()), clock.instant()).toSeconds());
            } catch (DateTimeParseException ex) {
                uptime = 0;
            }
        }
        return new VirtualMachine(id, e.name(), e.state(), uptime, e.generation(), e.version(),
                running ? e.memoryBytes() : 0, running ? 1 : 0);
    }

    private static int indexOf(VmFile f, String ref) {
        Guid g = Guid.tryParse(ref);
        List<VirtualMachine> vms = new ArrayList<>();
        for (VmEntry e : f.vms()) {
            vms.add(new VirtualMachine(Guid.parse(e.id()), e.name(), e.state(), 0, 0, "", 0, 0));
        }
        Guid target = g != null ? g : NameResolver.vmByName(ref, vms).id();
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).id().equals(target)) {
                return i;
            }
        }
        throw new InvalidInputException(Problem.of("vms.error.unknownId", target));
    }

    private static String validName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.name", n, String.valueOf(MAX_NAME)));
        }
        if (Guid.tryParse(n) != null || VmAlias.byName(n).isPresent()) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.nameReserved", n));
        }
        return n;
    }

    /** The file's content, creating it with the seed on first use. */
    private VmFile load() {
        VmFile f = read();
        if (f != null) {
            return f;
        }
        return update(UnaryOperator.identity());
    }

    /** Reads the file; null when it does not exist. */
    private VmFile read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.sandbox.error.read", file), e.toString(), e);
        }
        try {
            VmFile f = GSON.fromJson(text, VmFile.class);
            if (f == null) {
                throw new JsonParseException("empty file");
            }
            List<VmEntry> vms = new ArrayList<>();
            for (VmEntry e : f.vms() == null ? List.<VmEntry>of() : f.vms()) {
                if (e != null && Guid.tryParse(e.id()) != null) {
                    vms.add(new VmEntry(Guid.parse(e.id()).toString(), e.name() == null ? "" : e.name(),
                            e.state() == null ? VirtualMachine.OFF : e.state(), e.generation(),
                            e.version() == null ? "" : e.version(), e.memoryBytes(), e.startedAt(),
                            e.responders() == null ? List.of() : e.responders()));
                }
            }
            return new VmFile(f.version(), vms);
        } catch (JsonParseException | IllegalStateException e) {
            throw new OperationFailedException(Problem.of("vms.sandbox.error.corrupt", file), e.getMessage(), e);
        }
    }

    /** Read-modify-write under the inter-process lock; seeds a missing file first. */
    private VmFile update(UnaryOperator<VmFile> change) {
        try {
            Files.createDirectories(dir);
            try (FileChannel lockChannel = FileChannel.open(dir.resolve(FILE_NAME + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
                FileLock lock = lockChannel.lock();
                try {
                    VmFile current = read();
                    boolean seed = current == null;
                    if (seed) {
                        current = seed();
                    }
                    VmFile next = change.apply(current);
                    if (seed || next != current) {
                        write(next);
                    }
                    return next;
                } finally {
                    lock.release();
                }
            }
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.sandbox.error.write", file), e.toString(), e);
        }
    }

    private VmFile seed() {
        List<VmEntry> vms = new ArrayList<>();
        vms.add(seedEntry(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.DEMO_LINUX_NAME, true));
        vms.add(seedEntry(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.DEMO_WINDOWS_NAME, false));
        return new VmFile(1, vms);
    }

    private VmEntry seedEntry(Guid id, String name, boolean running) {
        List<ResponderEntry> responders = SandboxSeed.RESPONDERS.stream().filter(r -> r.vmId().equals(id))
                .map(r -> new ResponderEntry(r.serviceId().toString(), r.kind())).toList();
        return new VmEntry(id.toString(), name, running ? VirtualMachine.RUNNING : VirtualMachine.OFF, 2,
                DEMO_VERSION, running ? DEMO_MEMORY : 4L << 30, running ? clock.instant().toString() : null, responders);
    }

    private void write(VmFile f) throws IOException {
        AtomicFiles.write(file, (GSON.toJson(f) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
