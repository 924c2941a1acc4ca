package io.hvx.core;

import java.util.List;

/**
 * What a new sandbox starts with, so a newcomer can connect and see bytes at once: two demo VMs
 * (one running, one off) and a few registered services, of which the running VM serves three
 * with the built-in responders. Shared by the sandbox service store, the sandbox VM inventory
 * and the sandbox endpoints so they agree.
 */
public final class SandboxSeed {

    private SandboxSeed() {
    }

    /** The running demo VM: serves echo, sink and source. */
    public static final Guid DEMO_LINUX_ID = Guid.parse("3f6a9c21-5b0e-4d7a-9e12-7c48b1d0a5e3");
    public static final String DEMO_LINUX_NAME = "demo-linux";

    /** The demo VM that is off: connecting to it shows the VM-off error. */
    public static final Guid DEMO_WINDOWS_ID = Guid.parse("b81d4e07-2c93-4f65-a0d8-96e3f2c7b14a");
    public static final String DEMO_WINDOWS_NAME = "demo-windows";

    /** Echo on vsock port 7, like the classic echo service. */
    public static final Guid ECHO_SERVICE = VsockTemplate.guidForPort(7);
    /** Sink (discard) on vsock port 9. */
    public static final Guid SINK_SERVICE = VsockTemplate.guidForPort(9);
    /** Source (chargen-like pattern) on vsock port 19. */
    public static final Guid SOURCE_SERVICE = VsockTemplate.guidForPort(19);

    /** Creator recorded on seeded registrations. */
    public static final String CREATED_BY = "hvx sandbox";

    /** A seeded service registration. {@code createdBy} null means another tool registered it. */
    public record Service(Guid id, String name, String createdBy) {
    }

    /** A built-in responder a running sandbox VM serves on a service. */
    public record Responder(Guid vmId, Guid serviceId, String kind) {
    }

    public static final List<Service> SERVICES = List.of(
            new Service(KnownService.VM_SESSION_SERVICE.id(), KnownService.VM_SESSION_SERVICE.elementName(), null),
            new Service(KnownService.VM_SESSION_SERVICE_2.id(), KnownService.VM_SESSION_SERVICE_2.elementName(), null),
            new Service(ECHO_SERVICE, "Demo echo", CREATED_BY),
            new Service(SINK_SERVICE, "Demo sink", CREATED_BY),
            new Service(SOURCE_SERVICE, "Demo source", CREATED_BY),
            new Service(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"), "Docker VPNKit Ethernet", null));

    public static final List<Responder> RESPONDERS = List.of(
            new Responder(DEMO_LINUX_ID, ECHO_SERVICE, "echo"),
            new Responder(DEMO_LINUX_ID, SINK_SERVICE, "sink"),
            new Responder(DEMO_LINUX_ID, SOURCE_SERVICE, "source"));
}
