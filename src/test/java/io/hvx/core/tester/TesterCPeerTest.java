package io.hvx.core.tester;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Backend;
import io.hvx.core.NameResolver;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.sandbox.SandboxPaths;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The test header between the tester and the C peer ({@code native/hvecho}), both ways round. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sandbox endpoints are AF_UNIX sockets through libc")
@EnabledIf(value = "buildPeer", disabledReason = "no C compiler or make: cannot build native/hvecho (apt-get install -y gcc make)")
@Timeout(120)
class TesterCPeerTest {

    private static final Path HVECHO = Path.of("native/build/hvecho").toAbsolutePath();

    @TempDir
    Path tmp;
    private Backend backend;
    private Tester tester;

    static boolean buildPeer() {
        try {
            Process p = new ProcessBuilder("make", "-s", "-C", "native").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0 && Files.isExecutable(HVECHO);
        } catch (Exception e) {
            return false;
        }
    }

    @BeforeEach
    void sandbox() {
        backend = TestBackend.sandbox(tmp);
        tester = new Tester(backend.connector());
    }

    private Path path(NameResolver.Target t) {
        return SandboxPaths.forSandbox(backend.environment().sandboxDir()).path(t.endpoint());
    }

    /** Starts {@code hvecho listen} at the target's path and waits for its "listening" line. */
    private Process hvecho(Path p, String mode) throws Exception {
        Files.createDirectories(p.getParent());
        return Peers.listening(java.util.List.of(HVECHO.toString(), "listen", "unix:" + p, mode));
    }

    private static void stop(Process p) throws InterruptedException {
        Peers.stop(p);
    }

    @Test
    void theTesterUploadsToAndDownloadsFromTheCPeer() throws Exception {
        NameResolver.Target sink = backend.names().target("demo-linux", "vsock:6000");
        NameResolver.Target echo = backend.names().target("demo-linux", "vsock:6001");
        Process s = hvecho(path(sink), "--sink");
        Process e = hvecho(path(echo), "--echo");
        try {
            for (var c : new Object[][] {{sink, "up"}, {echo, "up"}, {echo, "down"}, {echo, "both"}}) {
                TestResult r = tester.run(TestPlan.of(TestPlan.Kind.THROUGHPUT,
                        new TestPlan.Inputs(null, null, "4K", "0.3", (String) c[1], null)),
                        (NameResolver.Target) c[0], ProgressListener.NONE);
                assertThat(r.ok()).as("%s: %s", c[1], r).isTrue();
            }
            TestResult.Throughput exact = (TestResult.Throughput) tester.run(TestPlan.of(TestPlan.Kind.THROUGHPUT,
                    new TestPlan.Inputs("300", null, "100K", null, "down", null)), echo, ProgressListener.NONE);
            assertThat(exact.ok()).as("%s", exact).isTrue();
            assertThat(exact.steps().getFirst().bytes()).isEqualTo(300L * 100 * 1024);
            TestResult rtt = tester.run(TestPlan.of(TestPlan.Kind.ECHO, new TestPlan.Inputs("1000", "2", "1000", null, null, null)),
                    echo, ProgressListener.NONE);
            assertThat(rtt.ok()).as("%s", rtt).isTrue();
        } finally {
            stop(s);
            stop(e);
        }
    }

    @Test
    void theCPeerUploadsToOurSinkAndOurSinkChecksIt() throws Exception {
        NameResolver.Target t = backend.names().target("demo-linux", "vsock:6002");
        Path p = path(t);
        Files.createDirectories(p.getParent());
        try (ResponderServer server = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(p), t.endpoint()),
                ResponderServer.Kind.SINK, ResponderServer.Options.defaults())) {
            Process c = new ProcessBuilder(HVECHO.toString(), "bench", "unix:" + p, "--throughput", "--upload",
                    "--seconds", "0.3", "--chunk", "1000").redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(c.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(c.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(c.exitValue()).as(out).isZero();
            assertThat(out).startsWith("RESULT throughput_bytes_per_sec ");
            assertThat(server.bytesReceived()).isPositive();
        }
    }

    @Test
    void theCPeerRefusesToUploadToAPlainEcho() throws Exception {
        NameResolver.Target t = backend.names().target("demo-linux", "vsock:6003");
        Path p = path(t);
        Files.createDirectories(p.getParent());
        try (SocatEcho socat = SocatEcho.available() ? SocatEcho.start(p, "cat") : null) {
            org.junit.jupiter.api.Assumptions.assumeTrue(socat != null, "socat is not installed (.ci/run installs it)");
            Process c = new ProcessBuilder(HVECHO.toString(), "bench", "unix:" + p, "--throughput", "--upload",
                    "--seconds", "0.2").redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            String err = new String(c.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(c.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(c.exitValue()).isEqualTo(1);
            assertThat(err).contains("plain echo");
        }
    }

    @Test
    void aPlainClientOfTheCEchoStillGetsItsBytesBack() throws Exception {
        NameResolver.Target t = backend.names().target("demo-linux", "vsock:6004");
        Process e = hvecho(path(t), "--echo");
        try (var c = backend.connector().connect(t.endpoint(), Duration.ofSeconds(5))) {
            // starts with 0xFE like the header's magic, then differs: plain data after all
            byte[] data = {(byte) 0xFE, 'H', 'x', '\n'};
            c.writeFully(java.nio.ByteBuffer.wrap(data));
            c.shutdownOutput();
            java.nio.ByteBuffer back = java.nio.ByteBuffer.allocate(16);
            while (c.read(back) >= 0) {
                // read to EOF
            }
            assertThat(java.util.Arrays.copyOf(back.array(), back.position())).isEqualTo(data);
        } finally {
            stop(e);
        }
    }
}
