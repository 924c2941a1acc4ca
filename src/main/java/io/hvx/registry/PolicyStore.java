package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicy;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where per-VM service policies live: Hyper-V's WMI provider (through PowerShell) or the sandbox
 * VM file. A store only reads and writes; {@link Policies} applies the rules, the lock and the undo
 * journal over it.
 */
public interface PolicyStore {

    /**
     * One VM's settings as the store has them.
     *
     * @param vmName        the VM's name
     * @param defaultPolicy what {@link ServicePolicy#DEFERRED} means for this VM
     *                      ({@code ENABLED} or {@code DISABLED}), or null when the store cannot tell
     * @param policies      the VM's own policy per service (a service missing here is deferred)
     * @param reported      whether each service is on, where Hyper-V reports it (a running VM);
     *                      empty when it does not
     */
    record VmSettings(Guid vmId, String vmName, ServicePolicy defaultPolicy, Map<Guid, ServicePolicy> policies,
                      Map<Guid, Boolean> reported) {
        public VmSettings {
            Objects.requireNonNull(vmId, "vmId");
            policies = Map.copyOf(policies);
            reported = Map.copyOf(reported);
        }

        /** The VM's policy for {@code serviceId} ({@link ServicePolicy#DEFERRED} when it has none). */
        public ServicePolicy policy(Guid serviceId) {
            return policies.getOrDefault(serviceId, ServicePolicy.DEFERRED);
        }
    }

    /**
     * What a read found.
     *
     * @param note a sentence to show beside the result (e.g. an account without Hyper-V rights
     *             sees no VMs), or null
     */
    record Snapshot(List<VmSettings> vms, Problem note) {
        public Snapshot {
            vms = List.copyOf(vms);
        }

        /** The settings of the VM with this ID, if it was read. */
        public Optional<VmSettings> vm(Guid vmId) {
            return vms.stream().filter(v -> v.vmId().equals(vmId)).findFirst();
        }
    }

    /** One policy to write. */
    record Setting(Guid vmId, Guid serviceId, ServicePolicy policy) {
        public Setting {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(policy, "policy");
        }
    }

    /** Every VM's settings. */
    Snapshot read();

    /**
     * One VM's settings.
     *
     * @throws io.hvx.core.InvalidInputException when no VM has this ID
     */
    Snapshot read(Guid vmId);

    /**
     * Writes {@code settings} ({@link ServicePolicy#DEFERRED} gives the decision back to the VM's
     * default). Called under {@link Policies}' lock, after the journal recorded the step.
     *
     * @throws io.hvx.core.InvalidInputException when a VM no longer exists
     */
    void write(List<Setting> settings);

    /** The key the undo journal files this store's steps under. */
    String journalKey();

    /** The lock file the store shares with other writers of it, or empty to use the journal's. */
    Optional<Path> lockFile();

    /** Where the policies live, for messages. */
    String location();
}
