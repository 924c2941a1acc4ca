package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.NameResolver;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.files.AtomicFiles;
import io.hvx.files.DirectoryWatcher;
import io.hvx.files.JsonStoreFile;
import io.hvx.registry.PolicyStore;
import io.hvx.vm.SandboxVmFile.Change;
import io.hvx.vm.SandboxVmFile.VmEntry;
import io.hvx.vm.SandboxVmFile.VmFile;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The sandbox's VMs, kept in {@code <sandboxDir>/vms.json} so the CLI, the GUI and external
 * tools see the same list. Created on first use with the demo VMs of {@link SandboxSeed}
 * (demo-linux running with its responders, demo-windows off).
 *
 * <p>The jobs are split: {@link SandboxVmFile} stores (strict records, lock, atomic writes),
 * {@link SandboxVmSeed} seeds, {@link SandboxVmRules} validates names and IDs,
 * {@link SandboxVmBehaviour} makes the entries behave like Hyper-V VMs, and
 * {@link DirectoryWatcher} watches. Every change checks and writes under the file's lock.
 *
 * <p>A VM removed ({@link #remove}, {@link #reset}) is kept in {@code <sandboxDir>/vms-removed.json}
 * (same shape, newest last, at most {@value #MAX_REMOVED}) until {@link #restore} puts it back.
 *
 * <p>File shape (version 2; version 1 is the same without {@code policies}, and is what is
 * written while no VM has a policy of its own):
 * <pre>{"version":2,"vms":[{"id":"…","name":"demo-linux","state":"Running","generation":2,
 *  "version":"10.0","memoryBytes":2147483648,"startedAt":"2026-…Z",
 *  "responders":[{"service":"00000007-facb-11e6-bd58-64006a7986d3","kind":"echo"}],
 *  "policies":[{"service":"00000007-facb-11e6-bd58-64006a7986d3","policy":"disabled"}]}]}</pre>
 */
public final class SandboxVmInventory implements VmInventory {

    /** The file name inside the sandbox directory. */
    public static final String FILE_NAME = "vms.json";
    /** The removed VMs inside the sandbox directory. */
    public static final String REMOVED_FILE_NAME = "vms-removed.json";
    /** Oldest removed VMs are forgotten beyond this many. */
    static final int MAX_REMOVED = 50;

    private final SandboxVmFile file;
    private final SandboxVmFile removedFile;
    private final Clock clock;
    private final SandboxVmBehaviour behaviour;
    private final SandboxVmPolicies policies;

    public SandboxVmInventory(Path sandboxDir) {
        this(sandboxDir, Clock.systemUTC());
    }

    public SandboxVmInventory(Path sandboxDir, Clock clock) {
        this(sandboxDir, clock, AtomicFiles::write);
    }

    /** An inventory writing through {@code writer} (tests simulate a full disk with it). */
    SandboxVmInventory(Path sandboxDir, Clock clock, JsonStoreFile.Writer writer) {
        this.file = new SandboxVmFile(sandboxDir.resolve(FILE_NAME), () -> SandboxVmSeed.of(clock), writer);
        this.removedFile = new SandboxVmFile(sandboxDir.resolve(REMOVED_FILE_NAME),
                () -> new VmFile(SandboxVmFile.VERSION, List.of()), writer);
        this.behaviour = new SandboxVmBehaviour(clock);
        this.clock = clock;
        this.policies = new SandboxVmPolicies(file);
    }

    /** The per-VM service policies kept with these VMs (see {@link SandboxVmPolicies}). */
    public PolicyStore policies() {
        return policies;
    }

    /**
     * The VM's own policy for a service, {@link ServicePolicy#DEFERRED} when it has none (the
     * sandbox's default then enables it, as Hyper-V's does).
     */
    public ServicePolicy policy(Guid vmId, Guid serviceId) {
        return policies.policy(vmId, serviceId);
    }

    /** The VM file. */
    public Path file() {
        return file.path();
    }

    @Override
    public List<VirtualMachine> list() {
        return file.load().vms().stream().map(behaviour::toVm).toList();
    }

    /** The built-in responders of every sandbox VM (the sandbox endpoints start them for VMs that run). */
    public List<SandboxSeed.Responder> responders() {
        List<SandboxSeed.Responder> out = new ArrayList<>();
        for (VmEntry e : file.load().vms()) {
            out.addAll(SandboxVmBehaviour.responders(e));
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
        String n = SandboxVmRules.name(name);
        Guid vmId = id != null ? id : Guid.random();
        SandboxVmRules.id(vmId);
        return file.update(f -> {
            SandboxVmRules.free(n, vmId, f.vms());
            VmEntry e = behaviour.newVm(vmId, n, running);
            List<VmEntry> vms = new ArrayList<>(f.vms());
            vms.add(e);
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), behaviour.toVm(e));
        }).result();
    }

    /**
     * Turns a VM on or off.
     *
     * @param ref the VM's name (case-insensitive) or ID
     */
    public VirtualMachine setState(String ref, boolean running) {
        return file.update(f -> {
            int i = indexOf(f, ref);
            VmEntry e = behaviour.withState(f.vms().get(i), running);
            List<VmEntry> vms = new ArrayList<>(f.vms());
            vms.set(i, e);
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), behaviour.toVm(e));
        }).result();
    }

    /**
     * The VM a reference names.
     *
     * @param ref the VM's name (case-insensitive) or ID
     * @throws InvalidInputException when no VM (or several) has that name, or no VM that ID
     */
    public VirtualMachine find(String ref) {
        VmFile f = file.load();
        return behaviour.toVm(f.vms().get(indexOf(f, ref)));
    }

    /**
     * Removes a VM; {@link #restore} puts it back.
     *
     * @param ref the VM's name (case-insensitive) or ID
     * @return the VM that was removed
     */
    public VirtualMachine remove(String ref) {
        return file.update(f -> {
            List<VmEntry> vms = new ArrayList<>(f.vms());
            VmEntry removed = vms.remove(indexOf(f, ref));
            // kept before the VM goes: if writing vms.json then fails, the VM is still listed
            // and a restore refuses it as present, so nothing is lost either way
            keepRemoved(List.of(removed));
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), behaviour.toVm(removed));
        }).result();
    }

    /**
     * Puts a removed VM back, with its ID and responders (a running VM starts now).
     *
     * @param ref the removed VM's name (case-insensitive) or ID, or null for the one removed last
     * @return the VM as it is now
     * @throws InvalidInputException when no such VM was removed, or its name or ID is taken again
     */
    public VirtualMachine restore(String ref) {
        VmEntry back = file.update(f -> {
            VmEntry e = findRemoved(removedFile.load().vms(), ref);
            SandboxVmRules.free(e.name(), e.guid(), f.vms());
            VmEntry restored = behaviour.restored(e);
            List<VmEntry> vms = new ArrayList<>(f.vms());
            vms.add(restored);
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), restored);
        }).result();
        // taken off the list after it is back: a failure in between leaves it listed, and
        // restoring it again is refused because its ID is taken
        removedFile.update(r -> new Change<>(without(r, back.guid()), null));
        return behaviour.toVm(back);
    }

    /**
     * Brings the VMs back to a new sandbox's: the demo VMs as seeded, every other VM kept as
     * removed (so {@link #restore} brings it back).
     *
     * @return the VMs that were put aside
     */
    public List<VirtualMachine> reset() {
        return file.update(f -> {
            VmFile seed = SandboxVmSeed.of(clock);
            List<Guid> demo = seed.vms().stream().map(VmEntry::guid).toList();
            List<VmEntry> aside = f.vms().stream().filter(e -> !demo.contains(e.guid())).toList();
            if (!aside.isEmpty()) {
                keepRemoved(aside);
            }
            return new Change<>(seed, aside.stream().map(behaviour::toVm).toList());
        }).result();
    }

    private void keepRemoved(List<VmEntry> entries) {
        removedFile.update(r -> {
            VmFile next = r;
            for (VmEntry e : entries) {
                // one entry per ID, the newest: an ID removed twice comes back as it was last
                next = without(next, e.guid());
                List<VmEntry> vms = new ArrayList<>(next.vms());
                vms.add(e);
                next = new VmFile(SandboxVmFile.VERSION, vms);
            }
            List<VmEntry> vms = next.vms();
            if (vms.size() > MAX_REMOVED) {
                next = new VmFile(SandboxVmFile.VERSION, List.copyOf(vms.subList(vms.size() - MAX_REMOVED, vms.size())));
            }
            return new Change<>(next, null);
        });
    }

    private static VmFile without(VmFile f, Guid id) {
        List<VmEntry> vms = f.vms().stream().filter(e -> !e.guid().equals(id)).toList();
        return vms.size() == f.vms().size() ? f : new VmFile(SandboxVmFile.VERSION, vms);
    }

    private static VmEntry findRemoved(List<VmEntry> removed, String ref) {
        if (removed.isEmpty()) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.nothingRemoved"));
        }
        if (ref == null) {
            return removed.getLast();
        }
        Guid g = Guid.tryParse(ref);
        for (int i = removed.size() - 1; i >= 0; i--) {
            VmEntry e = removed.get(i);
            if (g != null ? e.guid().equals(g) : e.name().equalsIgnoreCase(ref.strip())) {
                return e;
            }
        }
        throw new InvalidInputException(Problem.of("vms.sandbox.error.notRemoved", ref,
                String.join(", ", removed.reversed().stream().map(VmEntry::name).toList())));
    }

    @Override
    public Optional<IntegrationServices> integrationServices() {
        return Optional.of(vmId -> SandboxVmBehaviour.integrationServices(list().stream()
                .filter(v -> v.id().equals(vmId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(Problem.of("vms.error.unknownId", vmId)))));
    }

    /** Notifies {@code onChange} (on a background thread) when the VM file changes. */
    @Override
    public Optional<AutoCloseable> watch(Runnable onChange) {
        return Optional.of(DirectoryWatcher.watch(file.path().getParent(), Set.of(FILE_NAME), onChange));
    }

    private int indexOf(VmFile f, String ref) {
        Guid g = Guid.tryParse(ref);
        List<VirtualMachine> vms = f.vms().stream().map(behaviour::toVm).toList();
        Guid target = g != null ? g : NameResolver.vmByName(ref, vms).id();
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).id().equals(target)) {
                return i;
            }
        }
        throw new InvalidInputException(Problem.of("vms.error.unknownId", target));
    }
}
