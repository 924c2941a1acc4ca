package io.hvx.core;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Port: which registered hvsocket services each VM may use. On a Windows host this is Hyper-V's
 * per-VM {@code Msvm_GuestCommunicationServiceSettingData.EnabledStatePolicy} (through PowerShell
 * CIM cmdlets); in the sandbox it is kept with the sandbox VMs ({@code vms.json}). A Linux guest
 * has none ({@link Backend#policies()} is empty there).
 *
 * <p>Every change is recorded in the services' undo journal first, so {@code hvx services undo}
 * (and Undo in Services) reverts it; a check and the write it guards happen under the store's
 * lock. Calls may block (PowerShell, files) and are bounded by a timeout: UI code runs them
 * through its task runner. Failures are {@link HvxException}s: {@link InvalidInputException} for
 * an unknown VM or a service that is not registered, {@link ElevationRequiredException} when
 * Hyper-V needs an elevated administrator or a member of Hyper-V Administrators,
 * {@link OperationFailedException} otherwise (a failed Hyper-V job with its error text).
 */
public interface ServicePolicies {

    /** Whether a service is on for a VM right now, as far as anyone can tell. */
    enum Effective {
        ENABLED, DISABLED, UNKNOWN;

        /** Message key naming the state for users. */
        public String labelKey() {
            return switch (this) {
                case ENABLED -> Messages.key("services.effective.enabled");
                case DISABLED -> Messages.key("services.effective.disabled");
                case UNKNOWN -> Messages.key("services.effective.unknown");
            };
        }
    }

    /**
     * One service as one VM sees it.
     *
     * @param vmName      the VM's name (its ID when it has none)
     * @param serviceName the registered friendly name, or null when it has none (or is not
     *                    registered any more)
     * @param policy      the VM's policy for the service ({@link ServicePolicy#DEFERRED} when the VM
     *                    has no setting of its own for it)
     * @param effective   whether the service is on: reported by Hyper-V for a running VM where it
     *                    says, else derived from the policy and the VM's default
     * @param reported    true when {@code effective} is what Hyper-V reported, false when derived
     * @param registered  whether the service is registered on the host
     */
    record Row(Guid vmId, String vmName, Guid serviceId, String serviceName, ServicePolicy policy,
               Effective effective, boolean reported, boolean registered) {
        public Row {
            Objects.requireNonNull(vmId, "vmId");
            Objects.requireNonNull(serviceId, "serviceId");
            Objects.requireNonNull(policy, "policy");
            Objects.requireNonNull(effective, "effective");
            vmName = vmName == null || vmName.isBlank() ? vmId.toString() : vmName;
        }

        /** The service as users name it: its registered name, else its GUID. */
        public String serviceLabel() {
            return serviceName == null || serviceName.isBlank() ? serviceId.toString() : serviceName;
        }
    }

    /**
     * What a read found.
     *
     * @param vms  the VMs read, in the source's order (also those without any row)
     * @param rows one row per (VM, service), VMs in that order, services by name then ID
     * @param note a sentence to show beside an empty or incomplete table (e.g. an account without
     *             Hyper-V rights sees no VMs), or null
     */
    record Table(List<NameResolver.Named> vms, List<Row> rows, Problem note) {
        public Table {
            vms = List.copyOf(vms);
            rows = List.copyOf(rows);
        }

        /** The rows of one VM. */
        public List<Row> ofVm(Guid vmId) {
            return rows.stream().filter(r -> r.vmId().equals(vmId)).toList();
        }

        /** The rows of one service, one per VM. */
        public List<Row> ofService(Guid serviceId) {
            return rows.stream().filter(r -> r.serviceId().equals(serviceId)).toList();
        }

        /** The row of one (VM, service), if the VM knows the service. */
        public Optional<Row> find(Guid vmId, Guid serviceId) {
            return rows.stream().filter(r -> r.vmId().equals(vmId) && r.serviceId().equals(serviceId)).findFirst();
        }

        /** The note, if there is one. */
        public Optional<Problem> noteIfAny() {
            return Optional.ofNullable(note);
        }
    }

    /**
     * What a change did.
     *
     * @param changed   the rows as they are after the change, for the (VM, service) pairs whose
     *                  policy changed
     * @param unchanged how many pairs had that policy already (nothing written for them)
     */
    record Result(List<Row> changed, int unchanged) {
        public Result {
            changed = List.copyOf(changed);
        }
    }

    /** The policies of every VM for every service it knows. */
    Table table();

    /**
     * The policies of one VM.
     *
     * @throws InvalidInputException when no VM has this ID
     */
    Table of(Guid vmId);

    /**
     * Sets the policy of one service for one VM (one undo step; nothing is written when the VM
     * has that policy already).
     *
     * @throws InvalidInputException when no VM has this ID or the service is not registered
     */
    Result set(Guid vmId, Guid serviceId, ServicePolicy policy);

    /**
     * Sets the policy of one service for every VM (one undo step).
     *
     * @throws InvalidInputException when the service is not registered
     */
    Result setOnAllVms(Guid serviceId, ServicePolicy policy);
}
