package io.hvx.core;

import java.util.List;
import java.util.Optional;

/**
 * Port: the virtual machines a connection can target in the current mode. On a Windows host they
 * come from PowerShell {@code Hyper-V\Get-VM}; inside a Linux guest the only one is the host;
 * in the sandbox they come from the sandbox's VM file.
 *
 * <p>Implementations may be slow (a PowerShell cold start takes seconds): callers on a UI thread
 * must run {@link #list()} in the background. Every call is bounded by a timeout.
 */
public interface VmInventory {

    /**
     * The VMs, in the order the source lists them; an empty list when there are none.
     *
     * @throws ElevationRequiredException when listing needs elevation or a group membership
     * @throws OperationFailedException   when the source cannot be read (sentence + detail)
     */
    List<VirtualMachine> list();

    /**
     * The VMs with a note to show beside them when the list may be incomplete for a reason the
     * user can change (Hyper-V's {@code Get-VM} lists nothing, without an error, to an account
     * that is neither elevated nor in Hyper-V Administrators). Sources without such a reason
     * return {@link #list()} without a note.
     *
     * @throws ElevationRequiredException when listing needs elevation or a group membership
     * @throws OperationFailedException   when the source cannot be read (sentence + detail)
     */
    default Listing listing() {
        return new Listing(list(), null);
    }

    /**
     * What {@link #listing()} found.
     *
     * @param vms  the VMs, as {@link #list()} returns them
     * @param note the sentence to show beside them, or null
     */
    record Listing(List<VirtualMachine> vms, Problem note) {
        public Listing {
            vms = List.copyOf(vms);
        }

        /** The note, if there is one. */
        public Optional<Problem> noteIfAny() {
            return Optional.ofNullable(note);
        }
    }

    /**
     * The integration-service query of this inventory, when the source can answer it (Hyper-V
     * and the sandbox can; a Linux guest cannot see the host's integration services).
     */
    default Optional<IntegrationServices> integrationServices() {
        return Optional.empty();
    }

    /**
     * Registers {@code onChange} to run (on an arbitrary thread) when the inventory's source
     * changes outside this process, for sources that can tell (the sandbox's VM file).
     *
     * @return a handle that stops the notifications, or empty when the source cannot tell
     *         (callers then refresh on an interval)
     */
    default Optional<AutoCloseable> watch(Runnable onChange) {
        return Optional.empty();
    }

    /** Port: the integration services of one VM ({@code Get-VMIntegrationService}). */
    @FunctionalInterface
    interface IntegrationServices {

        /**
         * The integration services of the VM with this ID.
         *
         * @throws InvalidInputException    when no VM has this ID
         * @throws OperationFailedException when the source cannot be read
         */
        List<IntegrationService> of(Guid vmId);
    }
}
