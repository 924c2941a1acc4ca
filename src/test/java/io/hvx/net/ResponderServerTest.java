package io.hvx.net;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
@Timeout(60)
class ResponderServerTest {

    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE);

    @TempDir
    Path dir;

    private ResponderServer start(ResponderServer.Kind kind, ResponderServer.Options o) {
        return ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(dir.resolve("r")), EP), kind, o);
    }

    private PosixSocket connect() {
        return PosixSocket.connect(new PosixAddress.Unix(dir.resolve("r")), Duration.ofSeconds(5));
    }

    private static byte[] readAll(StreamConnection c) {
        ByteBuffer b = ByteBuffer.allocate(1 << 20);
        while (c.read(b) >= 0) {
            // until EOF
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    @Test
    void echoSendsEverythingBackAndHalfClosesAfterTheClient() {
        try (ResponderServer s = start(ResponderServer.Kind.ECHO, ResponderServer.Options.defaults());
             PosixSocket c = connect()) {
            c.writeFully(ByteBuffer.wrap("hello echo".getBytes()));
            c.shutdownOutput();
            assertThat(new String(readAll(c))).isEqualTo("hello echo");
            assertThat(s.accepted()).isEqualTo(1);
        }
    }

    @Test
    void sinkCountsWhatItReads() throws Exception {
        try (ResponderServer s = start(ResponderServer.Kind.SINK, ResponderServer.Options.defaults())) {
            try (PosixSocket c = connect()) {
                c.writeFully(ByteBuffer.allocate(300_000));
                c.shutdownOutput();
                assertThat(readAll(c)).isEmpty();
            }
            long deadline = System.nanoTime() + 5_000_000_000L;
            while (s.bytesReceived() < 300_000 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(s.bytesReceived()).isEqualTo(300_000);
        }
    }

    @Test
    void sourceSendsTheSharedPattern() {
        try (ResponderServer s = start(ResponderServer.Kind.SOURCE, ResponderServer.Options.defaults());
             PosixSocket c = connect()) {
            ByteBuffer b = ByteBuffer.allocate(200_000);
            while (b.hasRemaining()) {
                c.read(b);
            }
            b.flip();
            assertThat(SourcePattern.firstMismatch(b, 0)).isEqualTo(-1);
            assertThat(b.get(0)).isEqualTo((byte) 7);
            assertThat(b.get(1)).isEqualTo((byte) 38);
            assertThat(s.active()).isEqualTo(1);
        }
    }

    @Test
    void atMostMaxConnectionsAreServedAtOnce() throws Exception {
        try (ResponderServer s = start(ResponderServer.Kind.ECHO, new ResponderServer.Options(1, Duration.ZERO, false));
             PosixSocket first = connect();
             PosixSocket second = connect()) {
            first.writeFully(ByteBuffer.wrap(new byte[] {1}));
            first.read(ByteBuffer.allocate(1));
            second.writeFully(ByteBuffer.wrap(new byte[] {2}));
            Thread.sleep(300);
            assertThat(s.active()).isEqualTo(1);
            assertThat(s.accepted()).isEqualTo(1);
            first.close();
            ByteBuffer b = ByteBuffer.allocate(1);
            second.read(b); // served once the first left
            assertThat(b.get(0)).isEqualTo((byte) 2);
            assertThat(s.accepted()).isEqualTo(2);
        }
    }

    @Test
    void idleConnectionsAreClosed() {
        try (ResponderServer s = start(ResponderServer.Kind.ECHO, new ResponderServer.Options(4, Duration.ofMillis(300), false));
             PosixSocket c = connect()) {
            long t0 = System.nanoTime();
            assertThat(c.read(ByteBuffer.allocate(1))).isEqualTo(-1);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(250), Duration.ofSeconds(3));
            assertThat(s.isRunning()).isTrue();
        }
    }

    @Test
    void closeStopsAcceptingAndEndsLiveConnections() throws Exception {
        ResponderServer s = start(ResponderServer.Kind.ECHO, ResponderServer.Options.defaults());
        try (PosixSocket c = connect()) {
            c.writeFully(ByteBuffer.wrap(new byte[] {9}));
            c.read(ByteBuffer.allocate(1));
            s.close();
            assertThat(s.isRunning()).isFalse();
            assertThat(c.read(ByteBuffer.allocate(1))).isEqualTo(-1);
        }
        assertThat(java.nio.file.Files.exists(dir.resolve("r"))).isFalse();
    }

    @Test
    void onceStopsAfterTheFirstConnection() throws Exception {
        ResponderServer s = start(ResponderServer.Kind.ECHO, new ResponderServer.Options(4, Duration.ZERO, true));
        try (PosixSocket c = connect()) {
            c.shutdownOutput();
            readAll(c);
        }
        assertThat(s.await(Duration.ofSeconds(5))).isTrue();
        assertThat(s.accepted()).isEqualTo(1);
    }
}
