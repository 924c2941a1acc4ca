package io.hvx.vm;

import io.hvx.core.Guid;

/**
 * How the inventory reaches PowerShell: a fresh process per request (the CLI) or one
 * long-lived process answering over stdin (the GUI). Either way each call is bounded by the
 * channel's timeout.
 */
public interface PowerShellChannel extends AutoCloseable {

    /** What {@code get-vms.ps1} printed. */
    PowerShellOutput vms();

    /** What {@code get-integration-services.ps1} printed for {@code vmId}. */
    PowerShellOutput integrationServices(Guid vmId);

    /** What {@code get-service-policies.ps1} printed for {@code vmId}, or for every VM when it is null. */
    PowerShellOutput servicePolicies(Guid vmId);

    /**
     * What {@code set-service-policies.ps1} printed for {@code changes}
     * ({@link PowerShellScripts#policyChanges}).
     */
    PowerShellOutput setServicePolicies(String changes);

    /** Stops any process the channel keeps. */
    @Override
    void close();
}
