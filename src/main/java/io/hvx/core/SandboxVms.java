package io.hvx.core;

import java.util.List;
import java.util.Optional;

/**
 * What the sandbox endpoints need to know about sandbox VMs: whether a VM exists and runs, which
 * built-in responders it serves and which services it may use. A narrow view of the VM inventory, so the connection
 * engine does not depend on how VMs are stored.
 */
public interface SandboxVms {

    /** A sandbox VM as the endpoints see it. */
    record Vm(Guid id, String name, boolean running, String state) {
    }

    /** The VM with this ID, or empty when the sandbox has no such VM. */
    Optional<Vm> find(Guid vmId);

    /** The built-in responders configured for this VM (served only while it runs). */
    List<SandboxSeed.Responder> responders(Guid vmId);

    /** Every sandbox VM. */
    List<Vm> all();

    /**
     * The VM's policy for a service ({@link ServicePolicy#DEFERRED} when it has none of its own,
     * which in the sandbox means enabled, as Hyper-V's default is).
     */
    ServicePolicy policy(Guid vmId, Guid serviceId);
}
