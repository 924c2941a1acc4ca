package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VirtualMachine;
import io.hvx.vm.SandboxVmFile.ResponderEntry;
import io.hvx.vm.SandboxVmFile.VmEntry;
import io.hvx.vm.SandboxVmFile.VmFile;
import java.time.Clock;
import java.util.List;

/** What a new sandbox's VM file holds: the demo VMs of {@link SandboxSeed} with their responders. */
final class SandboxVmSeed {

    static final long DEMO_MEMORY = 2L << 30;
    static final String DEMO_VERSION = "10.0";

    private SandboxVmSeed() {
    }

    static VmFile of(Clock clock) {
        return new VmFile(SandboxVmFile.VERSION, List.of(
                entry(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.DEMO_LINUX_NAME, true, clock),
                entry(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.DEMO_WINDOWS_NAME, false, clock)));
    }

    private static VmEntry entry(Guid id, String name, boolean running, Clock clock) {
        List<ResponderEntry> responders = SandboxSeed.RESPONDERS.stream().filter(r -> r.vmId().equals(id))
                .map(r -> new ResponderEntry(r.serviceId().toString(), r.kind())).toList();
        return new VmEntry(id.toString(), name, running ? VirtualMachine.RUNNING : VirtualMachine.OFF, 2,
                DEMO_VERSION, running ? DEMO_MEMORY : 4L << 30, running ? clock.instant().toString() : null, responders, null);
    }
}
