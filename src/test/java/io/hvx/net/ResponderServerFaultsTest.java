package io.hvx.net;

import static io.hvx.net.FaultKit.openFds;
import static io.hvx.net.FaultKit.settle;
import static io.hvx.net.FaultKit.threadsNamed;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VmAlias;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The listener under faults (issue 14 §18): peers that stall (the idle timeout fires and every
 * thread and file descriptor comes back), a responder that throws (the listener keeps serving
 * and the defect is in the log).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "AF_UNIX sockets over libc and /proc/self/fd")
@Timeout(120)
class ResponderServerFaultsTest {

    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE);
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path dir;

    private ResponderServer start(ResponderServer.Handler handler, ResponderServer.Options o) {
        return ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(dir.resolve("r")), EP), handler, o);
    }

    private PosixSocket connect() {
        return PosixSocket.connect(new PosixAddress.Unix(dir.resolve("r")), WAIT);
    }

    private static byte[] echoOnce(PosixSocket c, byte[] data) {
        c.writeFully(ByteBuffer.wrap(data));
        ByteBuffer b = ByteBuffer.allocate(data.length);
        while (b.hasRemaining()) {
            assertThat(c.read(b)).isNotNegative();
        }
        return b.array();
    }

    @Test
    void stalledPeersAreClosedByTheIdleTimeoutAndEveryThreadAndFdComesBack() throws Exception {
        try (ResponderServer s = start(ResponderServer.handlerFor(ResponderServer.Kind.ECHO),
                new ResponderServer.Options(64, Duration.ofMillis(400), false))) {
            // warm up (classes, logging) so that the counts below are of the stalled peers only
            try (PosixSocket c = connect()) {
                assertThat(echoOnce(c, new byte[] {1, 2, 3})).containsExactly(1, 2, 3);
            }
            assertThat(settle(() -> threadsNamed("hvx-conn"), 0)).isZero();
            long fds = openFds();

            List<PosixSocket> stalled = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                stalled.add(connect());
            }
            // one more peer stalls half-way: it sends 16 MiB and never reads, so the echo blocks
            // writing back to it; only the idle timeout can free that thread
            PosixSocket writerOnly = connect();
            Thread flood = Thread.ofPlatform().start(() -> {
                try {
                    writerOnly.writeFully(ByteBuffer.allocate(16 << 20));
                } catch (RuntimeException e) {
                    // the server closed the connection: the point of the test
                }
            });
            assertThat(settle(s::active, 21)).isEqualTo(21);
            assertThat(threadsNamed("hvx-conn")).isEqualTo(21);

            for (PosixSocket c : stalled) {
                assertThat(c.read(ByteBuffer.allocate(1))).as("the server closed the stalled peer").isEqualTo(-1);
            }
            flood.join(WAIT.toMillis());
            assertThat(flood.isAlive()).as("the flooding peer's write was released").isFalse();
            assertThat(settle(s::active, 0)).isZero();
            assertThat(settle(() -> threadsNamed("hvx-conn"), 0)).isZero();
            for (PosixSocket c : stalled) {
                c.close();
            }
            writerOnly.close();
            assertThat(settle(FaultKit::openFds, fds)).isEqualTo(fds);

            // and the listener still serves
            try (PosixSocket c = connect()) {
                assertThat(echoOnce(c, new byte[] {7})).containsExactly(7);
            }
            assertThat(s.isRunning()).isTrue();
        }
    }

    @Test
    void aResponderThatThrowsIsLoggedAndTheListenerKeepsServing() throws Exception {
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger log = Logger.getLogger(ResponderServer.class.getName());
        Level before = log.getLevel();
        log.setLevel(Level.ALL);
        log.addHandler(capture);
        boolean[] first = {true};
        ResponderServer.Handler echo = ResponderServer.handlerFor(ResponderServer.Kind.ECHO);
        ResponderServer.Handler faulty = (c, a) -> {
            boolean fail;
            synchronized (first) {
                fail = first[0];
                first[0] = false;
            }
            if (fail) {
                throw new IllegalStateException("a defect in a responder");
            }
            echo.handle(c, a);
        };
        // one connection at a time: the failed one must give its slot back
        try (ResponderServer s = start(faulty, new ResponderServer.Options(1, Duration.ZERO, false))) {
            try (PosixSocket c = connect()) {
                assertThat(c.read(ByteBuffer.allocate(1))).as("the failed connection is closed").isEqualTo(-1);
            }
            try (PosixSocket c = connect()) {
                assertThat(echoOnce(c, "still here".getBytes())).asString().isEqualTo("still here");
            }
            assertThat(s.accepted()).isEqualTo(2);
            assertThat(s.isRunning()).isTrue();
        } finally {
            log.removeHandler(capture);
            log.setLevel(before);
        }
        assertThat(records).filteredOn(r -> r.getLevel() == Level.SEVERE).singleElement().satisfies(r -> {
            assertThat(r.getMessage()).isEqualTo("Responder failed on a connection");
            assertThat(r.getThrown()).isInstanceOf(IllegalStateException.class).hasMessage("a defect in a responder");
        });
    }
}
