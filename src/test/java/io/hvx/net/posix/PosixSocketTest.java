package io.hvx.net.posix;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.HvEndpoint;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The POSIX socket over real AF_UNIX sockets. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
@Timeout(60)
class PosixSocketTest {

    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE);

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    private <T extends AutoCloseable> T track(T c) {
        open.add(c);
        return c;
    }

    private PosixListener listen(String name) {
        return track(PosixListener.bind(new PosixAddress.Unix(dir.resolve(name)), EP));
    }

    private PosixSocket connect(String name) {
        return track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve(name)), Duration.ofSeconds(5)));
    }

    private StreamConnection accept(PosixListener l) {
        return track(l.accept(Duration.ofSeconds(5)).orElseThrow());
    }

    @Test
    void connectsAcceptsAndExchangesBytesWithAddresses() {
        PosixListener l = listen("a");
        PosixSocket c = connect("a");
        StreamConnection s = accept(l);

        assertThat(l.localAddress()).isEqualTo("unix:" + dir.resolve("a"));
        assertThat(c.peerAddress()).isEqualTo("unix:" + dir.resolve("a"));
        assertThat(s.localAddress()).isEqualTo("unix:" + dir.resolve("a"));

        c.writeFully(ByteBuffer.wrap("ping".getBytes()));
        ByteBuffer in = ByteBuffer.allocate(16);
        while (in.position() < 4) {
            s.read(in);
        }
        assertThat(new String(in.array(), 0, 4)).isEqualTo("ping");
    }

    @Test
    void acceptTimesOutEmptyWhenNobodyConnects() {
        PosixListener l = listen("idle");
        long t0 = System.nanoTime();
        assertThat(l.accept(Duration.ofMillis(200))).isEmpty();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isBetween(Duration.ofMillis(180), Duration.ofSeconds(2));
    }

    @Test
    void hundredMebibytesOfRandomBytesGoBothWaysIntact() throws Exception {
        PosixListener l = listen("big");
        PosixSocket c = connect("big");
        StreamConnection s = accept(l);
        long total = 100L * 1024 * 1024;
        // the server echoes; the client writes from one thread and checks what comes back
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
            ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
            while (true) {
                b.clear();
                if (s.read(b) < 0) {
                    s.shutdownOutput();
                    return;
                }
                b.flip();
                s.writeFully(b);
            }
        }, pool);
        CompletableFuture<Long> sent = CompletableFuture.supplyAsync(() -> {
            SplittableRandom rnd = new SplittableRandom(42);
            CRC32C crc = new CRC32C();
            ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
            byte[] chunk = new byte[64 * 1024];
            for (long done = 0; done < total; done += chunk.length) {
                rnd.nextBytes(chunk);
                crc.update(chunk);
                b.clear();
                b.put(chunk).flip();
                c.writeFully(b);
            }
            c.shutdownOutput();
            return crc.getValue();
        }, pool);
        CRC32C got = new CRC32C();
        ByteBuffer in = ByteBuffer.allocate(48 * 1024); // heap buffer: exercises the copy path
        long received = 0;
        while (true) {
            in.clear();
            int n = c.read(in);
            if (n < 0) {
                break;
            }
            got.update(in.array(), 0, n);
            received += n;
        }
        echo.get(30, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(received).isEqualTo(total);
        assertThat(got.getValue()).isEqualTo(sent.get(30, TimeUnit.SECONDS));
    }

    @Test
    void clientHalfCloseLetsServerAnswerAfterEof() {
        PosixListener l = listen("hc1");
        PosixSocket c = connect("hc1");
        StreamConnection s = accept(l);
        c.writeFully(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        c.shutdownOutput();
        ByteBuffer b = ByteBuffer.allocate(8);
        int total = 0;
        int n;
        while ((n = s.read(b)) >= 0) {
            total += n;
        }
        assertThat(total).isEqualTo(3);
        s.writeFully(ByteBuffer.wrap("after".getBytes()));
        s.close();
        ByteBuffer r = ByteBuffer.allocate(16);
        while (c.read(r) >= 0) {
            // until EOF
        }
        assertThat(new String(r.array(), 0, r.position())).isEqualTo("after");
        assertThatThrownBy(() -> c.write(ByteBuffer.wrap(new byte[1])))
                .isInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(((OperationFailedException) e).problem().key()).isEqualTo("net.error.outputShutdown"));
    }

    @Test
    void serverHalfCloseLetsClientKeepSending() {
        PosixListener l = listen("hc2");
        PosixSocket c = connect("hc2");
        StreamConnection s = accept(l);
        s.writeFully(ByteBuffer.wrap("bye".getBytes()));
        s.shutdownOutput();
        ByteBuffer r = ByteBuffer.allocateDirect(16);
        while (c.read(r) >= 0) {
            // until EOF
        }
        assertThat(r.position()).isEqualTo(3);
        c.writeFully(ByteBuffer.wrap("still here".getBytes()));
        c.shutdownOutput();
        ByteBuffer got = ByteBuffer.allocate(32);
        while (s.read(got) >= 0) {
            // until EOF
        }
        assertThat(new String(got.array(), 0, got.position())).isEqualTo("still here");
    }

    @Test
    void connectToAFullBacklogTimesOutOnTimeAsBusy() {
        // Linux AF_UNIX: with the queue full a non-blocking connect fails at once with EAGAIN
        // (there is no EINPROGRESS to poll); we keep trying until the deadline.
        PosixListener l = track(PosixListener.bind(new PosixAddress.Unix(dir.resolve("full")), EP, 0));
        int queued = 0;
        OperationFailedException busy = null;
        while (busy == null && queued < 64) {
            try {
                track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve("full")), Duration.ofMillis(50)));
                queued++;
            } catch (OperationFailedException e) {
                busy = e;
            }
        }
        assertThat(busy).isNotNull();
        assertThat(queued).isBetween(1, 8);
        long t0 = System.nanoTime();
        OperationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class,
                () -> PosixSocket.connect(new PosixAddress.Unix(dir.resolve("full")), Duration.ofMillis(700)));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertThat(took).isBetween(Duration.ofMillis(690), Duration.ofMillis(1500));
        assertThat(e.problem().key()).isEqualTo("net.error.busy");
        assertThat(e.detail()).contains("EAGAIN").contains("errno 11");
        assertThat(l.isClosed()).isFalse();
    }

    @Test
    void connectWaitingOnAFullBacklogSucceedsOnceTheListenerAccepts() throws Exception {
        PosixListener l = track(PosixListener.bind(new PosixAddress.Unix(dir.resolve("later")), EP, 0));
        List<PosixSocket> fillers = new ArrayList<>();
        try {
            while (true) {
                fillers.add(track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve("later")), Duration.ofMillis(30))));
            }
        } catch (OperationFailedException expected) {
            assertThat(expected.problem().key()).isEqualTo("net.error.busy");
        }
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        CompletableFuture<PosixSocket> waiting = CompletableFuture.supplyAsync(
                () -> PosixSocket.connect(new PosixAddress.Unix(dir.resolve("later")), Duration.ofSeconds(10)), pool);
        Thread.sleep(200);
        assertThat(waiting).isNotDone();
        accept(l);
        assertThat(track(waiting.get(5, TimeUnit.SECONDS)).isClosed()).isFalse();
        pool.shutdown();
    }

    @Test
    void absentPathAndStaleSocketFileAreReportedAsNobodyListening() throws Exception {
        OperationFailedException absent = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class,
                () -> PosixSocket.connect(new PosixAddress.Unix(dir.resolve("nothing")), Duration.ofSeconds(1)));
        assertThat(absent.problem().key()).isEqualTo("net.error.refused");
        assertThat(absent.detail()).contains("ENOENT");

        PosixListener l = listen("stale");
        PosixSocket listening = PosixSocket.listen(new PosixAddress.Unix(dir.resolve("stale2")), 1);
        listening.close(); // leaves the socket file behind, like a crashed server
        assertThat(Files.exists(dir.resolve("stale2"))).isTrue();
        OperationFailedException refused = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class,
                () -> PosixSocket.connect(new PosixAddress.Unix(dir.resolve("stale2")), Duration.ofSeconds(1)));
        assertThat(refused.problem().key()).isEqualTo("net.error.refused");
        assertThat(refused.detail()).contains("ECONNREFUSED").contains("errno 111");
        assertThat(refused.getMessage()).contains("Nobody is listening");
        assertThat(l.isClosed()).isFalse();
    }

    @Test
    void bindingAPathInUseIsMapped() {
        listen("taken");
        OperationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class,
                () -> PosixListener.bind(new PosixAddress.Unix(dir.resolve("taken")), EP));
        assertThat(e.problem().key()).isEqualTo("net.error.addressInUse");
        assertThat(e.detail()).contains("EADDRINUSE");
    }

    @Test
    void peerResetMidStreamIsReportedAsBroken() throws Exception {
        PosixListener l = listen("reset");
        PosixSocket c = connect("reset");
        StreamConnection s = accept(l);
        s.writeFully(ByteBuffer.wrap(new byte[10])); // unread by the client...
        c.writeFully(ByteBuffer.wrap(new byte[10])); // ...and by the server
        s.close(); // closing with unread data resets the connection
        ByteBuffer big = ByteBuffer.allocateDirect(1 << 20);
        OperationFailedException e = org.junit.jupiter.api.Assertions.assertThrows(OperationFailedException.class, () -> {
            for (int i = 0; i < 100; i++) {
                big.clear();
                c.writeFully(big);
            }
        });
        assertThat(e.problem().key()).isEqualTo("net.error.reset");
        assertThat(e.detail()).containsAnyOf("EPIPE", "ECONNRESET");
    }

    @Test
    void closeFromAnotherThreadUnblocksARead() throws Exception {
        PosixListener l = listen("rd");
        PosixSocket c = connect("rd");
        accept(l);
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread reader = Thread.ofPlatform().start(() -> {
            try {
                c.read(ByteBuffer.allocateDirect(1024));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(200);
        assertThat(reader.isAlive()).isTrue();
        long t0 = System.nanoTime();
        c.close();
        reader.join(2000);
        assertThat(reader.isAlive()).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(1));
        assertThat(thrown.get()).isInstanceOf(OperationFailedException.class);
        assertThat(((OperationFailedException) thrown.get()).problem().key()).isEqualTo("net.error.closed");
    }

    @Test
    void closeFromAnotherThreadUnblocksAnAccept() throws Exception {
        PosixListener l = listen("acc");
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread acceptor = Thread.ofPlatform().start(() -> {
            try {
                l.accept(Duration.ofSeconds(30));
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        Thread.sleep(200);
        assertThat(acceptor.isAlive()).isTrue();
        l.close();
        acceptor.join(2000);
        assertThat(acceptor.isAlive()).isFalse();
        assertThat(((OperationFailedException) thrown.get()).problem().key()).isEqualTo("net.error.closed");
        assertThat(Files.exists(dir.resolve("acc"))).as("socket file removed").isFalse();
    }

    @Test
    void interruptEndsAPendingConnect() throws Exception {
        track(PosixListener.bind(new PosixAddress.Unix(dir.resolve("int")), EP, 0));
        try {
            while (true) {
                track(PosixSocket.connect(new PosixAddress.Unix(dir.resolve("int")), Duration.ofMillis(30)));
            }
        } catch (OperationFailedException expected) {
            // queue full
        }
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = Thread.ofPlatform().start(() -> {
            try {
                PosixSocket.connect(new PosixAddress.Unix(dir.resolve("int")), Duration.ofSeconds(30));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        Thread.sleep(200);
        t.interrupt();
        t.join(2000);
        assertThat(t.isAlive()).isFalse();
        assertThat(((OperationFailedException) thrown.get()).problem().key()).isEqualTo("net.error.cancelled");
    }

    @Test
    void steadyStateReadsAndWritesOfDirectBuffersAllocateNothing() {
        PosixListener l = listen("alloc");
        PosixSocket c = connect("alloc");
        StreamConnection s = accept(l);
        ByteBuffer out = ByteBuffer.allocateDirect(4096);
        ByteBuffer in = ByteBuffer.allocateDirect(4096);
        Runnable round = () -> {
            out.clear();
            c.writeFully(out);
            in.clear();
            while (in.hasRemaining()) {
                s.read(in);
            }
        };
        for (int i = 0; i < 20_000; i++) {
            round.run(); // warm up: JIT, caches
        }
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long tid = Thread.currentThread().threadId();
        long before = mx.getThreadAllocatedBytes(tid);
        for (int i = 0; i < 10_000; i++) {
            round.run();
        }
        long perRound = (mx.getThreadAllocatedBytes(tid) - before) / 10_000;
        assertThat(perRound).as("bytes allocated per write+read").isLessThan(8);
    }

    @Test
    void unixPathsLongerThanSockaddrUnAreRefused() {
        String longName = "x".repeat(120);
        assertThatThrownBy(() -> new PosixAddress.Unix(Path.of("/tmp", longName)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("107");
        byte[] enc = new PosixAddress.Unix(Path.of("/tmp/s")).encode();
        assertThat(enc).containsExactly(1, 0, '/', 't', 'm', 'p', '/', 's', 0);
    }
}
