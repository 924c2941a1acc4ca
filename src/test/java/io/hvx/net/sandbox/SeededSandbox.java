package io.hvx.net.sandbox;

import io.hvx.core.Guid;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServicePolicy;
import java.util.List;
import java.util.Optional;

/**
 * Test fixture: the sandbox as {@link SandboxSeed} defines it on first start (demo-linux running
 * with its three responders, demo-windows off, the seeded service registrations) as fixed views,
 * for tests that need endpoints but not the live stores.
 */
public final class SeededSandbox {

    private SeededSandbox() {
    }

    public static SandboxVms vms() {
        List<SandboxVms.Vm> all = List.of(
                new SandboxVms.Vm(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.DEMO_LINUX_NAME, true, "Running"),
                new SandboxVms.Vm(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.DEMO_WINDOWS_NAME, false, "Off"));
        return new SandboxVms() {
            @Override
            public Optional<Vm> find(Guid vmId) {
                return all.stream().filter(v -> v.id().equals(vmId)).findFirst();
            }

            @Override
            public List<SandboxSeed.Responder> responders(Guid vmId) {
                return SandboxSeed.RESPONDERS.stream().filter(r -> r.vmId().equals(vmId)).toList();
            }

            @Override
            public List<Vm> all() {
                return all;
            }

            @Override
            public ServicePolicy policy(Guid vmId, Guid serviceId) {
                return ServicePolicy.DEFERRED;
            }
        };
    }

    public static RegisteredServices services() {
        return id -> SandboxSeed.SERVICES.stream().anyMatch(s -> s.id().equals(id));
    }

    /** Endpoints of {@code sandboxDir} over these fixed views. */
    public static SandboxEndpoints endpoints(java.nio.file.Path sandboxDir) {
        SandboxPaths paths = SandboxPaths.forSandbox(sandboxDir);
        return new SandboxEndpoints(paths, vms(), services(), new SandboxResponders(paths));
    }
}
