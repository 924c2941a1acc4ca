package io.hvx.core;

/**
 * The ports of one mode, wired by the composition root. Everything above the backend (view
 * models, CLI commands) reaches the platform only through this.
 */
public interface Backend {

    /** Where and how the app runs. */
    Environment environment();

    /** Opens connections to endpoints in this mode. */
    Connector connector();

    /** Binds listeners for endpoints in this mode. */
    ListenerFactory listenerFactory();

    /** The sandbox VMs when running in sandbox mode (names for the CLI, {@code hvx sandbox serve}). */
    default java.util.Optional<SandboxVms> sandboxVms() {
        return java.util.Optional.empty();
    }

    /** The hvsocket service registrations of this mode (registry, sandbox store, saved list). */
    ServiceRegistry services();

    /** The VMs of this mode: PowerShell on Windows, the host in a Linux guest, the sandbox's file. */
    VmInventory vms();

    /**
     * Which registered services each VM may use (Hyper-V's per-VM policy on Windows, the sandbox
     * VM file in the sandbox); empty where the mode has none (a Linux guest).
     */
    default java.util.Optional<ServicePolicies> policies() {
        return java.util.Optional.empty();
    }

    /**
     * What the doctor and the self-test ask the platform (socket provider, rights, default
     * connect timeout); empty for a backend without platform adapters (stand-ins in tests).
     */
    default java.util.Optional<HostChecks> hostChecks() {
        return java.util.Optional.empty();
    }

    /** What users type for VMs and services, resolved against this mode's inventory and registrations. */
    default NameResolver names() {
        return new NameResolver(vms(), services());
    }
}
