package io.hvx.cli;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixSocket;
import io.hvx.net.sandbox.SandboxPaths;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvx connect}, {@code listen} and {@code sandbox path/serve} in the sandbox, in-process. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
@Timeout(60)
class NetCliTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        cli = new CliHarness(dir);
    }

    @Test
    void connectBridgesBinaryStdinThroughTheDemoEcho() {
        byte[] data = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(data);
        CliHarness.Result r = cli.runWithInput(data, "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(r.rawOut()).isEqualTo(data);
    }

    @Test
    void connectAcceptsTheVmGuidAndTheServiceGuid() {
        CliHarness.Result r = cli.runWithInput("hi".getBytes(), "--mode", "sandbox", "connect",
                SandboxSeed.DEMO_LINUX_ID.toBracedUpperString(), SandboxSeed.ECHO_SERVICE.toString());
        assertThat(r.exit()).isZero();
        assertThat(new String(r.rawOut())).isEqualTo("hi");
    }

    @Test
    void connectToAVmThatIsOffExitsOneWithTheSentenceWithinTheTimeout() {
        long t0 = System.nanoTime();
        CliHarness.Result r = cli.run("--mode", "sandbox", "connect", "demo-windows", "vsock:7", "--timeout", "2000");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("hvx: demo-windows/00000007-facb-11e6-bd58-64006a7986d3 cannot be reached: the VM is off")
                .contains("10051");
    }

    @Test
    void connectToAServiceNobodyServesExitsOne() {
        CliHarness.Result r = cli.run("--mode", "sandbox", "connect", "demo-linux", "vsock:5000", "--timeout", "1000");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("refused the connection: the VM runs but nothing listens on this service ID")
                .contains("10061");
    }

    @Test
    void badTimeoutIsAUsageError() {
        CliHarness.Result r = cli.run("--mode", "sandbox", "connect", "demo-linux", "vsock:7", "--timeout", "0");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--timeout 0 is out of range");
    }

    @Test
    void sandboxPathPrintsTheDocumentedPath() {
        CliHarness.Result r = cli.run("--mode", "sandbox", "sandbox", "path", "demo-linux", "vsock:7");
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo(dir.resolve("ep").resolve(SandboxPaths.base32(SandboxSeed.DEMO_LINUX_ID))
                .resolve(SandboxPaths.base32(SandboxSeed.ECHO_SERVICE)).toString());
    }

    @Test
    void listenEchoOnceAnswersAClientAtThePrintedPath() throws Exception {
        Path path = Path.of(cli.run("--mode", "sandbox", "sandbox", "path", "wildcard", "vsock:9").out().strip());
        var pool = Executors.newSingleThreadExecutor();
        CompletableFuture<CliHarness.Result> listen = CompletableFuture.supplyAsync(
                () -> cli.run("--mode", "sandbox", "listen", "vsock:9", "--vm", "wildcard", "--echo", "--once"), pool);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(path), Duration.ofSeconds(5))) {
            c.writeFully(ByteBuffer.wrap("echo me".getBytes()));
            c.shutdownOutput();
            ByteBuffer b = ByteBuffer.allocate(64);
            while (c.read(b) >= 0) {
                // until EOF
            }
            assertThat(new String(b.array(), 0, b.position())).isEqualTo("echo me");
        }
        CliHarness.Result r = listen.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("Listening for wildcard on service 00000009-facb-11e6-bd58-64006a7986d3");
        assertThat(Files.exists(path)).isFalse();
    }

    @Test
    void listenStdioBridgesTheFirstConnectionBothWays() throws Exception {
        Path path = Path.of(cli.run("--mode", "sandbox", "sandbox", "path", "wildcard", "Demo sink").out().strip());
        var pool = Executors.newSingleThreadExecutor();
        CompletableFuture<CliHarness.Result> listen = CompletableFuture.supplyAsync(() -> cli.runWithInput(
                "from the listener".getBytes(), "--mode", "sandbox", "listen", "demo SINK", "--stdio", "--idle-timeout", "20"), pool);
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(path) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(path), Duration.ofSeconds(5))) {
            // the listener's stdin arrives, then its EOF (stdin ended): it half-closed
            ByteBuffer b = ByteBuffer.allocate(64);
            while (c.read(b) >= 0) {
                // until EOF
            }
            assertThat(new String(b.array(), 0, b.position())).isEqualTo("from the listener");
            c.writeFully(ByteBuffer.wrap("from the client".getBytes()));
            c.shutdownOutput();
        }
        CliHarness.Result r = listen.get(10, TimeUnit.SECONDS);
        pool.shutdown();
        assertThat(r.err()).contains("the first connection is bridged to stdin/stdout");
        assertThat(r.exit()).isZero();
        assertThat(new String(r.rawOut())).isEqualTo("from the client");
    }

    @Test
    void listenOnAnUnregisteredServiceFailsLikeWindows() {
        CliHarness.Result r = cli.run("--mode", "sandbox", "listen", "vsock:4242", "--echo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Hyper-V refused to listen").contains("10013");
    }

    @Test
    void sandboxServeRunsTheRunningVmsResponders() {
        CliHarness.Result r = cli.run("--mode", "sandbox", "sandbox", "serve", "--seconds", "1");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("Serving echo for demo-linux").contains("Serving sink for demo-linux")
                .contains("Serving source for demo-linux").doesNotContain("demo-windows");
    }

    @Test
    void connectExitsZeroWhenThePeerClosesEvenWithStdinStillOpen() throws Exception {
        Path path = Path.of(cli.run("--mode", "sandbox", "sandbox", "path", "demo-linux", "vsock:6001").out().strip());
        Files.createDirectories(path.getParent());
        try (var l = io.hvx.net.posix.PosixListener.bind(new PosixAddress.Unix(path),
                new io.hvx.core.HvEndpoint(SandboxSeed.DEMO_LINUX_ID, io.hvx.core.VsockTemplate.guidForPort(6001)))) {
            Thread server = Thread.ofPlatform().start(() -> {
                try (var c = l.accept(Duration.ofSeconds(10)).orElseThrow()) {
                    c.writeFully(ByteBuffer.wrap("bye".getBytes()));
                }
            });
            java.io.PipedOutputStream neverClosed = new java.io.PipedOutputStream();
            java.io.InputStream stdin = new java.io.PipedInputStream(neverClosed);
            java.io.StringWriter err = new java.io.StringWriter();
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
            CliContext ctx = new CliContext(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                    stdin, raw, (mode, d) -> new io.hvx.DefaultBackendFactory(dir.resolve("data")).create(mode, dir), (m, d) -> { }, false);
            int code = Cli.run(ctx, "--mode", "sandbox", "connect", "demo-linux", "vsock:6001");
            server.join(5000);
            assertThat(err.toString()).isEmpty();
            assertThat(code).isZero();
            assertThat(raw.toString()).isEqualTo("bye");
            neverClosed.close();
        }
    }

    /**
     * The bridge interrupts the stdin reader when it ends; an interruptible stdin (a pipe in this
     * JVM) then fails its read. That is no failure of stdin: the flush below waits until the reader
     * has reacted, so the check for a stdin failure always comes after it (it came first, mostly).
     */
    @Test
    void aStdinReadInterruptedBecauseTheBridgeEndedIsNoFailure() throws Exception {
        Path path = Path.of(cli.run("--mode", "sandbox", "sandbox", "path", "demo-linux", "vsock:6002").out().strip());
        Files.createDirectories(path.getParent());
        try (var l = io.hvx.net.posix.PosixListener.bind(new PosixAddress.Unix(path),
                new io.hvx.core.HvEndpoint(SandboxSeed.DEMO_LINUX_ID, io.hvx.core.VsockTemplate.guidForPort(6002)))) {
            java.util.concurrent.atomic.AtomicReference<Thread> reader = new java.util.concurrent.atomic.AtomicReference<>();
            java.util.concurrent.atomic.AtomicBoolean threw = new java.util.concurrent.atomic.AtomicBoolean();
            Thread server = Thread.ofPlatform().start(() -> {
                try (var c = l.accept(Duration.ofSeconds(10)).orElseThrow()) {
                    // leave once hvx reads stdin, so the bridge has a reader to interrupt
                    long deadline = System.nanoTime() + 30_000_000_000L;
                    while (reader.get() == null && System.nanoTime() < deadline) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    c.writeFully(ByteBuffer.wrap("bye".getBytes()));
                }
            });
            java.io.InputStream stdin = new java.io.InputStream() {
                @Override
                public int read() throws java.io.IOException {
                    byte[] one = new byte[1];
                    return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
                }

                @Override
                public int read(byte[] b, int off, int len) throws java.io.IOException {
                    reader.set(Thread.currentThread());
                    // nobody types; parkNanos keeps the interrupt flag set, so the flush below sees it
                    while (!Thread.currentThread().isInterrupted()) {
                        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
                    }
                    threw.set(true);
                    throw new java.io.InterruptedIOException();
                }
            };
            java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream() {
                @Override
                public void flush() {
                    Thread r = reader.get();
                    if (r != null && (r.isInterrupted() || threw.get())) {
                        try {
                            r.join(10_000);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }
            };
            java.io.StringWriter err = new java.io.StringWriter();
            CliContext ctx = new CliContext(new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err),
                    stdin, raw, (mode, d) -> new io.hvx.DefaultBackendFactory(dir.resolve("data")).create(mode, dir), (m, d) -> { }, false);
            int code = Cli.run(ctx, "--mode", "sandbox", "connect", "demo-linux", "vsock:6002");
            server.join(5000);
            assertThat(threw).as("the reader was interrupted and failed its read").isTrue();
            assertThat(err.toString()).isEmpty();
            assertThat(code).isZero();
            assertThat(raw.toString()).isEqualTo("bye");
        }
    }

    @Test
    void serviceMayBeGivenByItsRegisteredName() {
        CliHarness.Result r = cli.runWithInput("named".getBytes(), "--mode", "sandbox", "connect", "demo-linux", "demo ECHO");
        assertThat(r.err()).isEmpty();
        assertThat(new String(r.rawOut())).isEqualTo("named");
    }
}
