package io.hvx.net.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.OperationFailedException;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Winsock path on Windows: AF_UNIX exercises connect/accept/send/recv/shutdown of
 * {@link WinsockSocket} on a runner without Hyper-V; AF_HYPERV socket creation says whether the
 * provider exists.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "Winsock exists only on Windows")
class WinsockSocketIT {

    @TempDir
    Path dir;

    @Test
    void unixConnectAcceptEchoAndHalfClose() {
        Path p = dir.resolve("s");
        try (WinsockSocket listener = WinsockSocket.listenUnix(p, 4);
             WinsockSocket client = WinsockSocket.connectUnix(p, Duration.ofSeconds(5));
             StreamConnection server = listener.accept(Duration.ofSeconds(5)).orElseThrow()) {
            client.writeFully(ByteBuffer.wrap("hello".getBytes()));
            client.shutdownOutput();
            ByteBuffer in = ByteBuffer.allocateDirect(64);
            while (server.read(in) >= 0) {
                // until EOF from the half-close
            }
            assertThat(in.position()).isEqualTo(5);
            in.flip();
            server.writeFully(in);
            server.shutdownOutput();
            ByteBuffer back = ByteBuffer.allocate(64);
            while (client.read(back) >= 0) {
                // until EOF
            }
            assertThat(new String(back.array(), 0, back.position())).isEqualTo("hello");
        }
    }

    @Test
    void acceptTimesOutAndCloseUnblocksIt() throws Exception {
        try (WinsockSocket listener = WinsockSocket.listenUnix(dir.resolve("t"), 4)) {
            assertThat(listener.accept(Duration.ofMillis(200))).isEmpty();
            Thread t = Thread.ofPlatform().start(() -> {
                try {
                    listener.accept(Duration.ofSeconds(30));
                } catch (OperationFailedException expected) {
                    // closed
                }
            });
            Thread.sleep(200);
            listener.close();
            t.join(2000);
            assertThat(t.isAlive()).isFalse();
        }
    }

    @Test
    void connectingToAnAbsentUnixPathFailsWithASentence() {
        OperationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class,
                () -> WinsockSocket.connectUnix(dir.resolve("none"), Duration.ofSeconds(2)));
        assertThat(e.detail()).contains("Winsock error");
    }

    @Test
    void hyperVSocketCreationSucceedsOrReportsNoProvider() {
        int result = WinsockSocket.probeHyperV();
        System.out.println(result == 0
                ? "AF_HYPERV socket created: this Windows has the Hyper-V socket provider"
                : "AF_HYPERV socket creation failed with Winsock error " + result
                        + (result == 10047 ? " (WSAEAFNOSUPPORT: no Hyper-V socket provider)" : ""));
        assertThat(result).isIn(0, 10047);
    }
}
