package io.hvx.net.windows;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Winsock path on Windows: AF_UNIX exercises connect/accept/send/recv/shutdown and close
 * of {@link WinsockSocket} on any Windows 10 1803 or later; {@link HyperVLoopbackIT} does the
 * same over AF_HYPERV where the provider exists.
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
    void acceptTimesOutAndCloseEndsAWaitingAccept() throws Exception {
        try (WinsockSocket listener = WinsockSocket.listenUnix(dir.resolve("t"), 4)) {
            assertThat(listener.accept(Duration.ofMillis(200))).isEmpty();
            CountDownLatch accepting = new CountDownLatch(1);
            Throwable[] seen = new Throwable[1];
            Thread t = Thread.ofPlatform().start(() -> {
                accepting.countDown();
                seen[0] = catchThrowable(() -> listener.accept(Duration.ofMinutes(2)));
            });
            assertThat(accepting.await(10, TimeUnit.SECONDS)).isTrue();
            listener.close();
            t.join(Duration.ofSeconds(30));
            assertThat(t.isAlive()).isFalse();
            assertThat(seen[0]).isInstanceOf(OperationFailedException.class);
            assertThat(((HvxException) seen[0]).problem().key()).isEqualTo("net.error.closed");
        }
    }

    /**
     * Issue 10, defect 1: a close while another thread reads must end that read promptly and must
     * never let the handle be reused under it, which would hand it another connection's bytes.
     * Each round closes a connection whose reader is waiting while a fresh connection carries
     * bytes; the closed one's reader must see "closed" and nothing else.
     */
    @Test
    void closeEndsAWaitingReadAndNoReaderEverSeesAnotherConnectionsBytes() throws Exception {
        Path p = dir.resolve("race");
        try (WinsockSocket listener = WinsockSocket.listenUnix(p, 16)) {
            for (int round = 0; round < 100; round++) {
                WinsockSocket quiet = WinsockSocket.connectUnix(p, Duration.ofSeconds(5));
                WinsockSocket quietPeer = listener.accept(Duration.ofSeconds(5)).orElseThrow();
                CountDownLatch reading = new CountDownLatch(1);
                ByteBuffer got = ByteBuffer.allocate(64);
                Throwable[] ended = new Throwable[1];
                Thread reader = Thread.ofPlatform().start(() -> {
                    reading.countDown();
                    ended[0] = catchThrowable(() -> {
                        while (true) {
                            if (quiet.read(got) < 0) {
                                throw new AssertionError("EOF on a connection nobody closed");
                            }
                        }
                    });
                });
                assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
                quiet.close();
                byte[] payload = ("round " + round).getBytes(StandardCharsets.UTF_8);
                try (WinsockSocket busy = WinsockSocket.connectUnix(p, Duration.ofSeconds(5));
                     WinsockSocket busyPeer = listener.accept(Duration.ofSeconds(5)).orElseThrow()) {
                    busyPeer.writeFully(ByteBuffer.wrap(payload));
                    busyPeer.shutdownOutput();
                    ByteBuffer back = ByteBuffer.allocate(64);
                    while (busy.read(back) >= 0) {
                        // until EOF
                    }
                    assertThat(new String(back.array(), 0, back.position(), StandardCharsets.UTF_8))
                            .isEqualTo("round " + round);
                }
                reader.join(Duration.ofSeconds(30));
                assertThat(reader.isAlive()).as("reader still blocked after close, round " + round).isFalse();
                assertThat(ended[0]).as("round " + round).isInstanceOf(OperationFailedException.class);
                assertThat(((HvxException) ended[0]).problem().key()).isEqualTo("net.error.closed");
                assertThat(got.position()).as("bytes read by a closed connection, round " + round).isZero();
                quietPeer.close();
            }
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
