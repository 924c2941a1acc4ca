package io.hvx.core.session;

import static io.hvx.net.FaultKit.openFds;
import static io.hvx.net.FaultKit.random;
import static io.hvx.net.FaultKit.read;
import static io.hvx.net.FaultKit.settle;
import static io.hvx.net.FaultKit.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.session.ConnectionSession.State;
import io.hvx.net.FaultKit;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session engine under faults (issue 14 §18), over real AF_UNIX sockets: a peer that resets
 * the connection while this side sends or receives, and both sides half-closing at the same
 * moment. Each ends in the state that says what happened, with nothing received lost or
 * changed, and the session's threads and descriptors released.
 *
 * <p>An AF_UNIX peer that closes with data it never read makes this side's next read fail with
 * ECONNRESET and its writes with EPIPE: the sandbox's stand-in for a Hyper-V peer that goes away
 * mid-stream.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real AF_UNIX sockets over libc and /proc/self/fd")
@Timeout(180)
class SessionFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HvEndpoint LOCAL = new HvEndpoint(VmAlias.LOOPBACK.guid(), SandboxSeed.ECHO_SERVICE);

    @TempDir
    Path dir;

    /** Platform threads for the peers: they block in native reads and writes. */
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @AfterEach
    void stopPool() {
        pool.shutdownNow();
    }

    private Connector to(Path path) {
        return (ep, timeout) -> PosixSocket.connect(new PosixAddress.Unix(path), timeout);
    }

    private record Baseline(long fds, long threads) {
    }

    private Baseline baseline() throws InterruptedException {
        settle(() -> threadsNamed("hvx-session"), 0);
        return new Baseline(openFds(), threadsNamed("hvx-session"));
    }

    private void assertReleased(Baseline b) throws InterruptedException {
        assertThat(settle(() -> threadsNamed("hvx-session"), b.threads())).as("session threads").isEqualTo(b.threads());
        assertThat(settle(FaultKit::openFds, b.fds())).as("open file descriptors").isEqualTo(b.fds());
    }

    @Test
    void aPeerThatResetsWhileThisSideSendsFailsTheSessionAsABrokenConnection() throws Exception {
        Path path = dir.resolve("p");
        try (ServerSocketChannel service = FaultKit.resettingService(path)) {
            Baseline base = baseline();
            ConnectionSessionTest.Recorder r = new ConnectionSessionTest.Recorder();
            ConnectionSession s = ConnectionSession.connect(to(path), LOCAL, WAIT, Clock.systemUTC(), r);
            CompletableFuture<Integer> peer = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = service.accept()) {
                    return read(c, 1 << 20).length; // then close with the rest unread: a reset
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, pool);
            byte[] chunk = new byte[64 * 1024];
            long offered = 0;
            while (s.sendBlocking(chunk)) {
                offered += chunk.length;
                assertThat(offered).as("the reset reached the sender").isLessThan(1L << 30);
            }
            assertThat(s.awaitEnd(WAIT)).isTrue();
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo(1 << 20);
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(r.failures).singleElement().extracting(e -> e.problem().key()).isEqualTo("net.error.reset");
            assertThat(s.bytesSent()).isGreaterThanOrEqualTo(1 << 20);
            assertReleased(base);
        }
    }

    @Test
    void aPeerThatResetsWhileThisSideReceivesKeepsWhatArrivedAndFails() throws Exception {
        Path path = dir.resolve("p");
        byte[] sent = random(3, 4 << 20);
        try (ServerSocketChannel service = FaultKit.resettingService(path)) {
            Baseline base = baseline();
            ConnectionSessionTest.Recorder r = new ConnectionSessionTest.Recorder();
            ConnectionSession s = ConnectionSession.connect(to(path), LOCAL, WAIT, Clock.systemUTC(), r);
            s.send("never read by the peer".getBytes());
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (SocketChannel c = service.accept()) {
                    FaultKit.write(c, sent);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } // closed with our bytes unread: a reset while the session is still receiving
            }, pool);
            peer.get(30, TimeUnit.SECONDS);
            assertThat(s.awaitEnd(WAIT)).isTrue();
            assertThat(s.state()).isEqualTo(State.FAILED);
            assertThat(r.failures).singleElement().extracting(e -> e.problem().key()).isEqualTo("net.error.reset");
            byte[] got = r.receivedBytes();
            assertThat(got.length).isLessThanOrEqualTo(sent.length);
            assertThat(got).as("what arrived is what was sent, in order").isEqualTo(Arrays.copyOf(sent, got.length));
            assertReleased(base);
        }
    }

    @Test
    void bothSidesHalfClosingAtOnceLoseNothingAndEndClosed() throws Exception {
        Path path = dir.resolve("p");
        Random sizes = new Random(11);
        try (PosixListener l = PosixListener.bind(new PosixAddress.Unix(path), LOCAL)) {
            Baseline base = baseline();
            for (int i = 0; i < 150; i++) {
                byte[] up = random(i, sizes.nextInt(3) == 0 ? 0 : sizes.nextInt(300_000));
                byte[] down = random(-i, sizes.nextInt(3) == 0 ? 0 : sizes.nextInt(300_000));
                CountDownLatch go = new CountDownLatch(1);
                ConnectionSessionTest.Recorder r = new ConnectionSessionTest.Recorder();
                ConnectionSession s = ConnectionSession.connect(to(path), LOCAL, WAIT, Clock.systemUTC(), r);
                CompletableFuture<byte[]> peer = CompletableFuture.supplyAsync(() -> {
                    try (StreamConnection c = l.accept(WAIT).orElseThrow()) {
                        go.await();
                        CompletableFuture<byte[]> in = CompletableFuture.supplyAsync(() -> read(c, Long.MAX_VALUE), pool);
                        c.writeFully(ByteBuffer.wrap(down));
                        c.shutdownOutput();
                        return in.get(30, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }, pool);
                r.awaitState(State.CONNECTED);
                go.countDown();
                s.send(up);
                s.shutdownOutput();
                assertThat(s.awaitEnd(WAIT)).isTrue();
                assertThat(peer.get(30, TimeUnit.SECONDS)).as("round %d: the peer got every byte", i).isEqualTo(up);
                assertThat(r.receivedBytes()).as("round %d: this side got every byte", i).isEqualTo(down);
                assertThat(s.state()).as("round %d", i).isEqualTo(State.CLOSED);
                assertThat(r.failures).isEmpty();
            }
            assertReleased(base);
        }
    }
}
