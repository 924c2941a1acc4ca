package io.hvx.net.sandbox;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Listener;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import io.hvx.net.ResponderServer;
import io.hvx.net.SourcePattern;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hyper-V semantics of the sandbox, over real Unix sockets. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
@Timeout(60)
class SandboxEndpointsTest {

    private static final Duration T = Duration.ofSeconds(2);
    private static final Guid UNREGISTERED = VsockTemplate.guidForPort(4242);

    @TempDir
    Path dir;

    private SandboxEndpoints sandbox;

    @BeforeEach
    void setUp() throws Exception {
        Messages.setLocale(Locale.US);
        JsonSandboxFakes.writeSeed(dir);
        SandboxPaths paths = SandboxPaths.forSandbox(dir);
        sandbox = new SandboxEndpoints(paths, JsonSandboxFakes.vms(dir), JsonSandboxFakes.services(dir),
                new SandboxResponders(paths));
    }

    @AfterEach
    void tearDown() {
        sandbox.responders().close();
    }

    private static byte[] roundTrip(StreamConnection c, byte[] data) {
        c.writeFully(ByteBuffer.wrap(data));
        c.shutdownOutput();
        ByteBuffer b = ByteBuffer.allocate(data.length + 16);
        while (c.read(b) >= 0) {
            // until EOF
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void runningDemoVmAnswersWithItsBuiltInResponders() {
        try (StreamConnection c = sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), T)) {
            assertThat(new String(roundTrip(c, "bytes!".getBytes()))).isEqualTo("bytes!");
            assertThat(c.peerAddress()).isEqualTo("unix:" + sandbox.path(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE));
        }
        try (StreamConnection c = sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.SOURCE_SERVICE), T)) {
            ByteBuffer b = ByteBuffer.allocate(1000);
            while (b.hasRemaining()) {
                c.read(b);
            }
            assertThat(SourcePattern.firstMismatch(b.flip(), 0)).isEqualTo(-1);
        }
    }

    @Test
    void vmThatIsOffFailsLikeWindowsWithinTheTimeout() {
        long t0 = System.nanoTime();
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.ECHO_SERVICE), T));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(T);
        assertThat(e.problem().key()).isEqualTo("net.winsock.unreachable");
        assertThat(e.getMessage()).startsWith("demo-windows/00000007-facb-11e6-bd58-64006a7986d3 cannot be reached");
        assertThat(e.detail()).contains("10051").contains("Off");
    }

    @Test
    void vmTurnedOffLaterIsUnreachableToo() throws Exception {
        JsonSandboxFakes.writeVms(dir, "Off", "Off");
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), T));
        assertThat(e.problem().key()).isEqualTo("net.winsock.unreachable");
    }

    @Test
    void unknownVmIsUnreachable() {
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(Guid.random(), SandboxSeed.ECHO_SERVICE), T));
        assertThat(e.problem().key()).isEqualTo("net.winsock.unreachable");
        assertThat(e.detail()).contains("no VM has the ID");
    }

    @Test
    void serviceNobodyServesIsRefusedLikeWindows() {
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, UNREGISTERED), T));
        assertThat(e.problem().key()).isEqualTo("net.winsock.refused");
        assertThat(e.detail()).contains("10061");
    }

    @Test
    void hostListenerOnAnUnregisteredServiceFailsLikeWsaeacces() {
        for (Guid vm : new Guid[] {VmAlias.WILDCARD.guid(), VmAlias.CHILDREN.guid(), Guid.random()}) {
            OperationFailedException e = assertThrows(OperationFailedException.class,
                    () -> sandbox.listen(new HvEndpoint(vm, UNREGISTERED)));
            assertThat(e.problem().key()).isEqualTo("net.winsock.accessBind");
            assertThat(e.detail()).contains("10013");
        }
    }

    @Test
    void hostListenerOnARegisteredServiceIsReachableFromGuestsAtItsPath() {
        HvEndpoint ep = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.SINK_SERVICE);
        try (Listener l = sandbox.listen(ep)) {
            assertThat(l.localAddress()).isEqualTo("unix:" + sandbox.path(VmAlias.WILDCARD.guid(), SandboxSeed.SINK_SERVICE));
            // loopback reaches host listeners bound to wildcard
            try (StreamConnection c = sandbox.connect(new HvEndpoint(VmAlias.LOOPBACK.guid(), SandboxSeed.SINK_SERVICE), T);
                 StreamConnection s = l.accept(T).orElseThrow()) {
                c.writeFully(ByteBuffer.wrap(new byte[] {5}));
                ByteBuffer b = ByteBuffer.allocate(1);
                s.read(b);
                assertThat(b.get(0)).isEqualTo((byte) 5);
            }
        }
    }

    @Test
    void specificVmListenerIsWhatConnectingToThatVmReaches() {
        Guid svc = VsockTemplate.guidForPort(5000);
        try (Listener guest = sandbox.listen(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, svc))) {
            // a host-side wildcard listener on the same service is a different endpoint
            OperationFailedException unregistered = assertThrows(OperationFailedException.class,
                    () -> sandbox.listen(new HvEndpoint(VmAlias.WILDCARD.guid(), svc)));
            assertThat(unregistered.problem().key()).isEqualTo("net.winsock.accessBind");
            try (Listener host = sandbox.listen(new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE));
                 StreamConnection c = sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, svc), T)) {
                assertThat(guest.accept(T)).isPresent();
                assertThat(host.accept(Duration.ofMillis(100))).isEmpty();
                assertThat(c.peerAddress()).contains(SandboxPaths.base32(SandboxSeed.DEMO_LINUX_ID));
            }
        }
    }

    @Test
    void listeningInsideAVmThatIsOffIsRefused() {
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.listen(new HvEndpoint(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.ECHO_SERVICE)));
        assertThat(e.problem().key()).isEqualTo("net.sandbox.listenVmOff");
        assertThat(e.getMessage()).contains("demo-windows");
    }

    @Test
    void secondListenerOnTheSameEndpointFailsAsInUse() {
        HvEndpoint ep = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(6000));
        try (Listener first = sandbox.listen(ep)) {
            OperationFailedException e = assertThrows(OperationFailedException.class, () -> sandbox.listen(ep));
            assertThat(e.problem().key()).isEqualTo("net.error.addressInUse");
            assertThat(first.isClosed()).isFalse();
        }
    }

    @Test
    void aUsersListenerTakesPrecedenceOverTheBuiltInResponder() {
        HvEndpoint ep = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE);
        try (Listener mine = sandbox.listen(ep);
             ResponderServer server = ResponderServer.start(mine, (conn, act) -> conn.writeFully(ByteBuffer.wrap("mine".getBytes())),
                     ResponderServer.Options.defaults());
             StreamConnection c = sandbox.connect(ep, T)) {
            assertThat(new String(roundTrip(c, new byte[0]))).isEqualTo("mine");
            assertThat(server.accepted()).isEqualTo(1);
        }
    }

    @Test
    void staleSocketFileOfAnExitedResponderIsReplaced() throws Exception {
        HvEndpoint ep = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE);
        Path p = sandbox.path(ep.vmId(), ep.serviceId());
        java.nio.file.Files.createDirectories(p.getParent());
        io.hvx.net.posix.PosixSocket.listen(new io.hvx.net.posix.PosixAddress.Unix(p), 1).close(); // leaves the file
        try (StreamConnection c = sandbox.connect(ep, T)) {
            assertThat(new String(roundTrip(c, "x".getBytes()))).isEqualTo("x");
        }
    }

    @Test
    void listenerWhoseQueueStaysFullTimesOutLikeWsaetimedoutOnTime() throws Exception {
        Guid svc = VsockTemplate.guidForPort(7000);
        Path p = sandbox.path(SandboxSeed.DEMO_LINUX_ID, svc);
        java.nio.file.Files.createDirectories(p.getParent());
        java.util.List<AutoCloseable> open = new java.util.ArrayList<>();
        try (io.hvx.net.posix.PosixListener l = io.hvx.net.posix.PosixListener.bind(
                new io.hvx.net.posix.PosixAddress.Unix(p), new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, svc), 0)) {
            try {
                while (open.size() < 64) {
                    open.add(io.hvx.net.posix.PosixSocket.connect(new io.hvx.net.posix.PosixAddress.Unix(p), Duration.ofMillis(30)));
                }
            } catch (OperationFailedException full) {
                // the queue is full now
            }
            long t0 = System.nanoTime();
            OperationFailedException e = assertThrows(OperationFailedException.class,
                    () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, svc), Duration.ofMillis(600)));
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(590), Duration.ofMillis(1400));
            assertThat(e.problem().key()).isEqualTo("net.winsock.timeout");
            assertThat(e.getMessage()).contains("within 600 ms");
            assertThat(e.detail()).contains("10060").contains("EAGAIN");
            assertThat(l.isClosed()).isFalse();
        } finally {
            for (AutoCloseable c : open) {
                c.close();
            }
        }
    }

    @Test
    void aListenerInASandboxDirWithSpacesIsSeenAsServing(@TempDir Path base) throws Exception {
        Path spaced = base.resolve("my sandbox");
        JsonSandboxFakes.writeSeed(spaced);
        SandboxPaths paths = SandboxPaths.forSandbox(spaced);
        HvEndpoint ep = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(6100));
        SandboxEndpoints sb = new SandboxEndpoints(paths, JsonSandboxFakes.vms(spaced), JsonSandboxFakes.services(spaced),
                new SandboxResponders(paths));
        try (Listener l = sb.listen(ep)) {
            assertThat(SandboxResponders.isServed(paths.path(ep))).isTrue();
            assertThat(l.accept(Duration.ofMillis(50))).as("the check connected to nobody").isEmpty();
        }
        assertThat(SandboxResponders.isServed(paths.path(ep))).isFalse();
    }

    @Test
    void aServiceTheVmsPolicyDisablesIsRefusedNamingThePolicyAndOthersStillWork() throws Exception {
        JsonSandboxFakes.writePolicy(dir, SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE, "disabled");
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), T));
        assertThat(e.problem().key()).isEqualTo("services.policy.connectRefused");
        assertThat(e.getMessage()).contains("per-VM service policy").contains(SandboxSeed.DEMO_LINUX_NAME);
        assertThat(e.detail()).contains("EnabledStatePolicy").contains("10013").contains("modelled");
        try (StreamConnection c = sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.SINK_SERVICE), T)) {
            assertThat(c.peerAddress()).isNotBlank();
        }

        JsonSandboxFakes.writePolicy(dir, SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE, "enabled");
        try (StreamConnection c = sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), T)) {
            assertThat(new String(roundTrip(c, "back".getBytes()))).isEqualTo("back");
        }
    }

    @Test
    void aVmThatIsOffIsReportedAsOffEvenWhenItsPolicyDisablesTheService() throws Exception {
        JsonSandboxFakes.writeVms(dir, "Off", "Off");
        JsonSandboxFakes.writePolicy(dir, SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE, "disabled");
        OperationFailedException e = assertThrows(OperationFailedException.class,
                () -> sandbox.connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), T));
        assertThat(e.problem().key()).isEqualTo("net.winsock.unreachable");
    }
}
