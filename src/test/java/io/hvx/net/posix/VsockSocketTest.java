package io.hvx.net.posix;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.SockaddrVm;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import io.hvx.core.Guid;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * AF_VSOCK socket, bind and listen on this machine. These tests never connect a vsock socket:
 * the host behind CID 2 (or any other CID) is not ours to talk to.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
class VsockSocketTest {

    static boolean vsockPresent() {
        return Files.exists(Path.of("/dev/vsock"));
    }

    @Test
    @EnabledIf(value = "vsockPresent", disabledReason = "no /dev/vsock: this kernel has no vsock transport loaded")
    void bindsCidAnyListensAndReportsTheBoundAddress() {
        long port = 0x4000_0000L + ThreadLocalRandom.current().nextInt(1 << 20);
        HvEndpoint ep = new HvEndpoint(VmAlias.WILDCARD.guid(), VsockTemplate.guidForPort(port));
        try (PosixListener l = PosixListener.bind(new PosixAddress.Vsock(VsockEndpoints.listenAddress(ep)), ep)) {
            assertThat(l.localAddress()).startsWith("vsock:").endsWith(":" + port);
            assertThat(l.accept(Duration.ofMillis(100))).isEmpty();
            l.close();
            assertThat(l.isClosed()).isTrue();
        }
    }

    @Test
    @EnabledIf(value = "vsockPresent", disabledReason = "no /dev/vsock: this kernel has no vsock transport loaded")
    void closeFromAnotherThreadUnblocksAVsockAccept() throws Exception {
        long port = 0x4000_0000L + ThreadLocalRandom.current().nextInt(1 << 20);
        HvEndpoint ep = new HvEndpoint(VmAlias.WILDCARD.guid(), VsockTemplate.guidForPort(port));
        PosixListener l = PosixListener.bind(new PosixAddress.Vsock(VsockEndpoints.listenAddress(ep)), ep);
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                l.accept(Duration.ofSeconds(30));
            } catch (RuntimeException expected) {
                // closed
            }
        });
        Thread.sleep(150);
        l.close();
        t.join(2000);
        assertThat(t.isAlive()).isFalse();
    }

    @Test
    void guestEndpointsBecomeCidAndTemplatePort() {
        HvEndpoint parent = new HvEndpoint(VmAlias.PARENT.guid(), VsockTemplate.guidForPort(5000));
        assertThat(SockaddrVm.forEndpoint(parent)).isEqualTo(new SockaddrVm(2, 5000));
        assertThat(VsockEndpoints.listenAddress(parent)).isEqualTo(new SockaddrVm(SockaddrVm.CID_ANY, 5000));
        HvEndpoint nonTemplate = new HvEndpoint(VmAlias.PARENT.guid(), Guid.parse("999e53d4-3d5c-4c3e-8779-bed06ec056e1"));
        assertThatThrownBy(() -> VsockEndpoints.connector().connect(nonTemplate, Duration.ofSeconds(1)))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("Linux guests can only reach services whose GUID is the vsock template");
    }
}
