package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicy;
import io.hvx.registry.PolicyStore;
import io.hvx.vm.SandboxVmFile.Change;
import io.hvx.vm.SandboxVmFile.PolicyEntry;
import io.hvx.vm.SandboxVmFile.VmEntry;
import io.hvx.vm.SandboxVmFile.VmFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The per-VM service policies of the sandbox, kept with its VMs in {@code vms.json}
 * ({@code "policies":[{"service","policy"}]} of each VM). A VM without a policy of its own for a
 * service defers to its default, which in the sandbox is enabled, as Hyper-V's
 * {@code DefaultEnabledStatePolicy} is unless changed. Writes change only the touched entries,
 * under the VM file's lock; everything else in the file is kept as it was.
 */
final class SandboxVmPolicies implements PolicyStore {

    /** What a sandbox VM's deferred policy means (Hyper-V's default). */
    static final ServicePolicy DEFAULT = ServicePolicy.ENABLED;

    private final SandboxVmFile file;

    SandboxVmPolicies(SandboxVmFile file) {
        this.file = file;
    }

    @Override
    public Snapshot read() {
        return new Snapshot(file.load().vms().stream().map(SandboxVmPolicies::settings).toList(), null);
    }

    @Override
    public Snapshot read(Guid vmId) {
        VmEntry e = file.load().vms().stream().filter(v -> v.guid().equals(vmId)).findFirst()
                .orElseThrow(() -> new InvalidInputException(Problem.of("vms.error.unknownId", vmId)));
        return new Snapshot(List.of(settings(e)), null);
    }

    /** The policy of one VM for one service; {@link ServicePolicy#DEFERRED} when it has none (or no such VM). */
    ServicePolicy policy(Guid vmId, Guid serviceId) {
        return file.load().vms().stream().filter(v -> v.guid().equals(vmId)).findFirst()
                .map(e -> policies(e).getOrDefault(serviceId, ServicePolicy.DEFERRED))
                .orElse(ServicePolicy.DEFERRED);
    }

    @Override
    public void write(List<Setting> settings) {
        file.update(f -> {
            List<VmEntry> vms = new ArrayList<>(f.vms());
            for (Setting s : settings) {
                int i = indexOf(vms, s.vmId());
                vms.set(i, with(vms.get(i), s.serviceId(), s.policy()));
            }
            return new Change<>(new VmFile(SandboxVmFile.VERSION, vms), null);
        });
    }

    /**
     * The entry with {@code policy} for the service: a deferred policy removes the VM's own entry
     * (the VM's default decides again); the others keep their place.
     */
    private static VmEntry with(VmEntry e, Guid serviceId, ServicePolicy policy) {
        List<PolicyEntry> ps = new ArrayList<>();
        boolean replaced = false;
        for (PolicyEntry p : e.policies() == null ? List.<PolicyEntry>of() : e.policies()) {
            if (p.serviceId().equals(serviceId)) {
                replaced = true;
                if (policy != ServicePolicy.DEFERRED) {
                    ps.add(new PolicyEntry(p.service(), policy.id()));
                }
            } else {
                ps.add(p);
            }
        }
        if (!replaced && policy != ServicePolicy.DEFERRED) {
            ps.add(new PolicyEntry(serviceId.toString(), policy.id()));
        }
        return e.withPolicies(ps);
    }

    private static int indexOf(List<VmEntry> vms, Guid vmId) {
        for (int i = 0; i < vms.size(); i++) {
            if (vms.get(i).guid().equals(vmId)) {
                return i;
            }
        }
        throw new InvalidInputException(Problem.of("vms.error.unknownId", vmId));
    }

    private static VmSettings settings(VmEntry e) {
        return new VmSettings(e.guid(), e.name(), DEFAULT, policies(e), Map.of());
    }

    private static Map<Guid, ServicePolicy> policies(VmEntry e) {
        Map<Guid, ServicePolicy> m = new LinkedHashMap<>();
        for (PolicyEntry p : e.policies() == null ? List.<PolicyEntry>of() : e.policies()) {
            m.put(p.serviceId(), p.value());
        }
        return m;
    }

    @Override
    public String journalKey() {
        return "policy:" + file.path().toUri();
    }

    @Override
    public Optional<Path> lockFile() {
        return Optional.of(file.lockFile());
    }

    @Override
    public String location() {
        return file.path().toString();
    }
}
