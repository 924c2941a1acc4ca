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

    private final SandboxVmFile file;
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
        this.behaviour = new SandboxVmBehaviour(clock);
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
     * Removes a VM.
     *
     * @param ref the VM's name (case-insensitive) or ID
     * @return the VM that was removed
     */
    public VirtualMachine remove(String ref) {
        return file.update(f -> {
            List<VmEntry> vms = new ArrayList<>(f.vms());
            VmEntry removed = vms.remove(indexOf(f, ref));
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), behaviour.toVm(removed));
        }).result();
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
