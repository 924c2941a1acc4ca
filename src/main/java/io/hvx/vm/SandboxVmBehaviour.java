package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VirtualMachine;
import io.hvx.vm.SandboxVmFile.ResponderEntry;
import io.hvx.vm.SandboxVmFile.VmEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * How a sandbox VM behaves like a Hyper-V one: its uptime runs from when it was started, memory
 * is assigned only while it runs, and it reports Hyper-V's default integration services.
 */
final class SandboxVmBehaviour {

    private final Clock clock;

    SandboxVmBehaviour(Clock clock) {
        this.clock = clock;
    }

    /** The VM as the inventory port reports it. */
    VirtualMachine toVm(VmEntry e) {
        boolean running = VirtualMachine.RUNNING.equalsIgnoreCase(e.state());
        long uptime = 0;
        if (running && e.startedAt() != null) {
            try {
                uptime = Math.max(0, Duration.between(Instant.parse(e.startedAt()), clock.instant()).toSeconds());
            } catch (DateTimeParseException ex) {
                // a start time we cannot read shows as just started; the file keeps it as it is
                uptime = 0;
            }
        }
        return new VirtualMachine(e.guid(), e.name(), e.state() == null ? VirtualMachine.OFF : e.state(), uptime,
                e.generation(), e.version() == null ? "" : e.version(), running ? e.memoryBytes() : 0, running ? 1 : 0);
    }

    /** The entry after turning it on or off: a VM that starts gets a new start time. */
    VmEntry withState(VmEntry e, boolean running) {
        boolean wasRunning = VirtualMachine.RUNNING.equalsIgnoreCase(e.state());
        String startedAt = running ? (wasRunning && e.startedAt() != null ? e.startedAt() : clock.instant().toString()) : null;
        return new VmEntry(e.id(), e.name(), running ? VirtualMachine.RUNNING : VirtualMachine.OFF,
                e.generation(), e.version(), e.memoryBytes(), startedAt, e.responders(), e.policies());
    }

    /** A removed entry put back: as it was, except that a running VM starts now. */
    VmEntry restored(VmEntry e) {
        boolean running = VirtualMachine.RUNNING.equalsIgnoreCase(e.state());
        return new VmEntry(e.id(), e.name(), e.state(), e.generation(), e.version(), e.memoryBytes(),
                running ? clock.instant().toString() : null, e.responders(), e.policies());
    }

    /** A new VM like the demo ones: generation 2, configuration 10.0, 2 GiB, no responders. */
    VmEntry newVm(Guid id, String name, boolean running) {
        return new VmEntry(id.toString(), name, running ? VirtualMachine.RUNNING : VirtualMachine.OFF, 2,
                SandboxVmSeed.DEMO_VERSION, SandboxVmSeed.DEMO_MEMORY, running ? clock.instant().toString() : null, List.of(),
                null);
    }

    /** The built-in responders configured for the VM (served while it runs). */
    static List<SandboxSeed.Responder> responders(VmEntry e) {
        List<SandboxSeed.Responder> out = new ArrayList<>();
        for (ResponderEntry r : e.responders() == null ? List.<ResponderEntry>of() : e.responders()) {
            out.add(new SandboxSeed.Responder(e.guid(), Guid.parse(r.service()), r.kind()));
        }
        return out;
    }

    /**
     * A fixed, plausible set (Hyper-V's defaults: Guest Service Interface off, the rest on), with
     * the status Hyper-V shows for a running VM, or no status when the VM is off.
     */
    static List<IntegrationService> integrationServices(VirtualMachine vm) {
        String ok = vm.isRunning() ? "OK" : "";
        return List.of(
                new IntegrationService(IntegrationService.GUEST_SERVICE_INTERFACE, false, ok, ""),
                new IntegrationService("Heartbeat", true, ok, ok),
                new IntegrationService("Key-Value Pair Exchange", true, ok, ""),
                new IntegrationService("Shutdown", true, ok, ""),
                new IntegrationService("Time Synchronization", true, ok, ""),
                new IntegrationService("VSS", true, ok, ""));
    }
}
