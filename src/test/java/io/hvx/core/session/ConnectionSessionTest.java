package io.hvx.core.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.DefaultBackendFactory;
import io.hvx.core.Backend;
import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.session.ConnectionSession.State;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session engine over real AF_UNIX sockets: the sandbox's echo responder, and a plain
 * listener the test drives by hand for half-close, peer close, a blocked connect and a blocked
 * read.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real AF_UNIX sockets over libc; Winsock is covered by the *IT tests on Windows")
@Timeout(60)
class ConnectionSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final HvEndpoint LOCAL = new HvEndpoint(VmAlias.LOOPBACK.guid(), SandboxSeed.ECHO_SERVICE);
    private static final Instant T0 = Instant.parse("2025-01-02T03:04:05Z");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open.reversed()) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    /** Records every event, in arrival order per kind. */
    static final class Recorder implements ConnectionSession.Events {
        final List<State> states = new CopyOnWriteArrayList<>();
        final ByteArrayOutputStream received = new ByteArrayOutputStream();
        final ByteArrayOutputStream sent = new ByteArrayOutputStream();
        final List<HvxException> failures = new CopyOnWriteArrayList<>();
        final CountDownLatch eofSent = new CountDownLatch(1);
        volatile String receivedOnThread = "";

        @Override
        public void stateChanged(ConnectionSession s, State state) {
            synchronized (this) {
                states.add(state);
                notifyAll();
            }
        }

        @Override
        public void received(ConnectionSession s, byte[] data, int length) {
            receivedOnThread = Thread.currentThread().getName();
            synchronized (received) {
                received.write(data, 0, length);
            }
        }

        @Override
        public void sent(ConnectionSession s, byte[] data) {
            synchronized (sent) {
                sent.writeBytes(data);
            }
        }

        @Override
        public void eofSent(ConnectionSession s) {
            eofSent.countDown();
        }

        @Override
        public void failed(ConnectionSession s, HvxException error) {
            failures.add(error);
        }

        byte[] receivedBytes() {
            synchronized (received) {
                return received.toByteArray();
            }
        }

        String receivedText() {
            return new String(receivedBytes(), StandardCharsets.UTF_8);
        }

        synchronized void awaitState(State state) throws InterruptedException {
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!states.contains(state)) {
                long left = deadline - System.nanoTime();
                assertThat(left).as("reached %s in time (saw %s)", state, states).isPositive();
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
    }

    private Backend sandbox() {
        return new DefaultBackendFactory(dir.resolve("data")).create(Mode.SANDBOX, dir.resolve("sb"));
    }

    private PosixListener listener(String name) {
        return track(PosixListener.bind(new PosixAddress.Unix(dir.resolve(name)), LOCAL));
    }

    private Connector to(String name) {
        return (ep, timeout) -> PosixSocket.connect(new PosixAddress.Unix(dir.resolve(name)), timeout);
    }

    private StreamConnection accept(PosixListener l) {
        return track(l.accept(WAIT).orElseThrow());
    }

    private static String readAll(StreamConnection c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(4096);
        while (true) {
            b.clear();
            int n = c.read(b);
            if (n < 0) {
                return out.toString(StandardCharsets.UTF_8);
            }
            out.write(b.array(), 0, n);
        }
    }

    @Test
    void bytesGoBothWaysThroughTheSandboxEchoAndBothHalfClosesEndTheSession() throws Exception {
        Clock fixed = Clock.fixed(T0, ZoneOffset.UTC);
        Recorder r = new Recorder();
        ConnectionSession s = track(ConnectionSession.connect(sandbox().connector(),
                new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), WAIT, fixed, r));
        byte[] data = new byte[3 * ConnectionSession.READ_CHUNK + 123];
        new Random(11).nextBytes(data);
        // queued while connecting, written once connected, in order
        for (int off = 0; off < data.length; off += 10_000) {
            assertThat(s.send(java.util.Arrays.copyOfRange(data, off, Math.min(data.length, off + 10_000)))).isTrue();
        }
        assertThat(s.shutdownOutput()).isTrue();
        assertThat(s.send(new byte[] {1})).as("nothing after EOF").isFalse();

        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.states).containsExactly(State.CONNECTED, State.PEER_CLOSED, State.CLOSED);
        assertThat(r.receivedBytes()).isEqualTo(data);
        assertThat(r.sent.toByteArray()).as("sent events carry the bytes, in order").isEqualTo(data);
        assertThat(r.eofSent.getCount()).isZero();
        assertThat(r.failures).isEmpty();
        assertThat(r.receivedOnThread).startsWith("hvx-session ");
        assertThat(s.bytesSent()).isEqualTo(data.length);
        assertThat(s.bytesReceived()).isEqualTo(data.length);
        assertThat(s.startedAt()).isEqualTo(T0);
        assertThat(s.connectedAt()).contains(T0);
        assertThat(s.endedAt()).contains(T0);
        assertThat(s.connectTime()).hasValueSatisfying(d -> assertThat(d).isPositive());
        assertThat(s.peerAddress()).startsWith("unix:");
        assertThat(s.error()).isEmpty();
    }

    @Test
    void afterThePeerClosesThisSideStillSendsAndItsEofEndsTheSession() throws Exception {
        PosixListener l = listener("peer-first");
        Recorder r = new Recorder();
        ConnectionSession s = track(ConnectionSession.connect(to("peer-first"), LOCAL, WAIT, Clock.systemUTC(), r));
        StreamConnection server = accept(l);
        server.writeFully(ByteBuffer.wrap("hello".getBytes(StandardCharsets.UTF_8)));
        server.shutdownOutput();
        r.awaitState(State.PEER_CLOSED);
        assertThat(r.receivedText()).isEqualTo("hello");
        assertThat(s.state()).isEqualTo(State.PEER_CLOSED);
        assertThat(s.canSend()).isTrue();

        s.send("still here".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        assertThat(readAll(server)).isEqualTo("still here");
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.states).containsExactly(State.CONNECTED, State.PEER_CLOSED, State.CLOSED);
        assertThat(r.failures).isEmpty();
    }

    @Test
    void afterThisSideSendsEofThePeerStillAnswers() throws Exception {
        PosixListener l = listener("us-first");
        Recorder r = new Recorder();
        ConnectionSession s = track(ConnectionSession.connect(to("us-first"), LOCAL, WAIT, Clock.systemUTC(), r));
        StreamConnection server = accept(l);
        s.send("ping".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        assertThat(readAll(server)).isEqualTo("ping");
        assertThat(r.eofSent.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(s.state()).isEqualTo(State.CONNECTED);

        server.writeFully(ByteBuffer.wrap("pong".getBytes(StandardCharsets.UTF_8)));
        server.close();
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.receivedText()).isEqualTo("pong");
        assertThat(r.states).containsExactly(State.CONNECTED, State.PEER_CLOSED, State.CLOSED);
    }

    @Test
    void aConnectionAcceptedByAListenerIsASessionToo() throws Exception {
        PosixListener l = listener("accepted");
        Recorder r = new Recorder();
        PosixSocket client = track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve("accepted")), WAIT));
        ConnectionSession s = track(ConnectionSession.accepted(l.accept(WAIT).orElseThrow(), LOCAL, Clock.systemUTC(), r));
        assertThat(s.state()).isEqualTo(State.CONNECTED);
        assertThat(s.connectTime()).contains(Duration.ZERO);
        client.writeFully(ByteBuffer.wrap("from the guest".getBytes(StandardCharsets.UTF_8)));
        client.shutdownOutput();
        r.awaitState(State.PEER_CLOSED);
        assertThat(r.receivedText()).isEqualTo("from the guest");
        s.send("from the host".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        assertThat(readAll(client)).isEqualTo("from the host");
        assertThat(s.awaitEnd(WAIT)).isTrue();
    }

    @Test
    void closingDuringAConnectAbandonsItPromptly() throws Exception {
        // a listener whose queue is full: a connect waits there until its timeout
        PosixListener l = track(PosixListener.bind(new PosixAddress.Unix(dir.resolve("full")), LOCAL, 0));
        try {
            while (true) {
                track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve("full")), Duration.ofMillis(30)));
            }
        } catch (OperationFailedException queueFull) {
            assertThat(queueFull.problem().key()).isEqualTo("net.error.busy");
        }
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch returned = new CountDownLatch(1);
        Connector slow = (ep, timeout) -> {
            entered.countDown();
            try {
                return to("full").connect(ep, timeout);
            } finally {
                returned.countDown();
            }
        };
        Recorder r = new Recorder();
        ConnectionSession s = ConnectionSession.connect(slow, LOCAL, Duration.ofSeconds(60), Clock.systemUTC(), r);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        long t0 = System.nanoTime();
        s.close();
        assertThat(s.state()).isEqualTo(State.CLOSED);
        assertThat(returned.await(10, TimeUnit.SECONDS)).as("the blocked connect was released").isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        assertThat(r.states).containsExactly(State.CLOSED);
        assertThat(r.failures).as("a cancelled connect is a close, not a failure").isEmpty();
        assertThat(l.isClosed()).isFalse();
    }

    @Test
    void closingDuringAReadReleasesItAndReportsClosedNotFailed() throws Exception {
        PosixListener l = listener("quiet");
        CountDownLatch readEnded = new CountDownLatch(1);
        Connector watched = (ep, timeout) -> new Delegate(to("quiet").connect(ep, timeout)) {
            @Override
            public int read(ByteBuffer dst) {
                try {
                    return super.read(dst);
                } finally {
                    readEnded.countDown();
                }
            }
        };
        Recorder r = new Recorder();
        ConnectionSession s = ConnectionSession.connect(watched, LOCAL, WAIT, Clock.systemUTC(), r);
        StreamConnection server = accept(l);
        r.awaitState(State.CONNECTED);
        s.close();
        assertThat(readEnded.await(10, TimeUnit.SECONDS)).as("the blocked read returned").isTrue();
        assertThat(r.states).containsExactly(State.CONNECTED, State.CLOSED);
        assertThat(r.failures).isEmpty();
        assertThat(readAll(server)).as("the peer sees the connection end").isEmpty();
        assertThat(s.send(new byte[] {1})).isFalse();
    }

    @Test
    void aFailedConnectIsAFailureEventWithTheMappedError() throws Exception {
        Recorder r = new Recorder();
        ConnectionSession s = ConnectionSession.connect(sandbox().connector(),
                new HvEndpoint(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.ECHO_SERVICE), WAIT, Clock.systemUTC(), r);
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.states).containsExactly(State.FAILED);
        assertThat(r.failures).singleElement().satisfies(e -> {
            assertThat(e.problem().key()).isEqualTo("net.winsock.unreachable");
            assertThat(e.detail()).contains("10051");
        });
        assertThat(s.error()).containsSame(r.failures.getFirst());
        assertThat(s.send(new byte[] {1})).isFalse();
        assertThat(s.connectedAt()).isEmpty();
    }

    @Test
    void nobodyListeningIsReportedAsRefused() throws Exception {
        Recorder r = new Recorder();
        ConnectionSession s = ConnectionSession.connect(to("nobody"), LOCAL, WAIT, Clock.systemUTC(), r);
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(s.state()).isEqualTo(State.FAILED);
        assertThat(r.failures).singleElement().extracting(e -> e.problem().key()).isEqualTo("net.error.refused");
    }

    @Test
    void aWriteThatBreaksFailsTheSessionWithTheMappedError() throws Exception {
        PosixListener l = listener("gone");
        Recorder r = new Recorder();
        ConnectionSession s = ConnectionSession.connect(to("gone"), LOCAL, WAIT, Clock.systemUTC(), r);
        accept(l).close();
        r.awaitState(State.PEER_CLOSED);
        // the peer is gone in both directions: writing to it breaks
        byte[] chunk = new byte[64 * 1024];
        while (s.state() != State.FAILED && s.sendBlocking(chunk)) {
            // until the writer hits EPIPE
        }
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.states).containsExactly(State.CONNECTED, State.PEER_CLOSED, State.FAILED);
        assertThat(r.failures).singleElement().extracting(e -> e.problem().key()).isEqualTo("net.error.reset");
    }

    @Test
    void aConsumerThatThrowsDoesNotBreakTheSession() throws Exception {
        Recorder r = new Recorder();
        ConnectionSession.Events faulty = new ConnectionSession.Events() {
            @Override
            public void stateChanged(ConnectionSession s, State state) {
                r.stateChanged(s, state);
                throw new IllegalStateException("a defect in a consumer");
            }

            @Override
            public void received(ConnectionSession s, byte[] data, int length) {
                r.received(s, data, length);
                throw new IllegalStateException("a defect in a consumer");
            }
        };
        ConnectionSession s = track(ConnectionSession.connect(sandbox().connector(),
                new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), WAIT, Clock.systemUTC(), faulty));
        s.send("one".getBytes(StandardCharsets.UTF_8));
        s.send("two".getBytes(StandardCharsets.UTF_8));
        s.shutdownOutput();
        assertThat(s.awaitEnd(WAIT)).isTrue();
        assertThat(r.receivedText()).isEqualTo("onetwo");
        assertThat(r.states).containsExactly(State.CONNECTED, State.PEER_CLOSED, State.CLOSED);
    }

    /** A connection that forwards everything, for tests that watch one call. */
    private static class Delegate implements StreamConnection {
        private final StreamConnection c;

        Delegate(StreamConnection c) {
            this.c = c;
        }

        @Override
        public int read(ByteBuffer dst) {
            return c.read(dst);
        }

        @Override
        public int write(ByteBuffer src) {
            return c.write(src);
        }

        @Override
        public void shutdownOutput() {
            c.shutdownOutput();
        }

        @Override
        public void close() {
            c.close();
        }

        @Override
        public boolean isClosed() {
            return c.isClosed();
        }

        @Override
        public String localAddress() {
            return c.localAddress();
        }

        @Override
        public String peerAddress() {
            return c.peerAddress();
        }
    }
}
