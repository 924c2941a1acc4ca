package io.hvx.core;

import java.util.Objects;

/**
 * One virtual machine as an inventory reports it.
 *
 * @param id             the VM ID (the {@code VmId} of {@code SOCKADDR_HV})
 * @param name           the VM's name as Hyper-V shows it
 * @param state          the state as PowerShell names it ({@code Running}, {@code Off}, {@code Saved}…);
 *                       names this product does not know are kept as they came, a number without a
 *                       known name reads {@code Unknown(n)}
 * @param uptimeSeconds  seconds since the VM started; 0 when it is not running
 * @param generation     1 or 2 for Hyper-V VMs; 0 when not applicable (the host seen from a guest)
 * @param version        configuration version such as {@code 10.0}, or empty
 * @param memoryAssigned memory assigned now, in bytes (0 when off)
 * @param cpuUsage       CPU usage in percent
 */
public record VirtualMachine(Guid id, String name, String state, long uptimeSeconds, int generation,
                             String version, long memoryAssigned, int cpuUsage) {

    /** The state Hyper-V reports for a running VM. */
    public static final String RUNNING = "Running";
    /** The state Hyper-V reports for a VM that is off. */
    public static final String OFF = "Off";

    public VirtualMachine {
        Objects.requireNonNull(id, "id");
        name = name == null ? "" : name;
        state = state == null || state.isBlank() ? "Unknown" : state;
        version = version == null ? "" : version;
    }

    /** Whether the VM runs (a connection can reach it). */
    public boolean isRunning() {
        return RUNNING.equalsIgnoreCase(state);
    }
}
