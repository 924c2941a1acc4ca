package io.hvx.net;

import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VmAlias;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

/** Our sockets and responders against the C reference peer ({@code native/hvecho}) over AF_UNIX. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "Linux sockets over libc (AF_UNIX, AF_VSOCK); Winsock is covered by the *IT tests on Windows")
@Timeout(120)
@EnabledIf(value = "toolsOnPath", disabledReason = "make or cc is not on the PATH, so native/hvecho cannot be built"
        + " (apt-get install -y gcc make); a build that fails with the tools present fails this class instead")
class CPeerInteropTest {

    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE);
    private static final Path HVECHO = Path.of("native/build/hvecho").toAbsolutePath();

    @TempDir
    Path dir;

    /** Whether make and a C compiler are on the PATH: the only reason to skip these tests. */
    static boolean toolsOnPath() {
        return onPath("make") && (onPath("cc") || onPath("gcc"));
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!dir.isBlank() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    /** Builds the peer; a failed build fails the class with make's own output, it is never a skip. */
    @BeforeAll
    static void buildPeer() throws Exception {
        Process p = new ProcessBuilder("make", "-s", "-C", "native").redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("make -C native did not finish in 120 s").isTrue();
        assertThat(p.exitValue()).as("make -C native failed:%n%s", output).isZero();
        assertThat(HVECHO).as("make -C native succeeded but left no %s", HVECHO).isExecutable();
    }

    private Process listener(Path p, String mode) throws Exception {
        Process proc = new ProcessBuilder(HVECHO.toString(), "listen", "unix:" + p, mode, "-q")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!Files.exists(p) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(p).exists();
        return proc;
    }

    @Test
    void cClientThroughOurEchoResponderGetsItsBytesBack() throws Exception {
        Path p = dir.resolve("e");
        byte[] data = new byte[2 * 1024 * 1024];
        new Random(3).nextBytes(data);
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(p), EP),
                ResponderServer.Kind.ECHO, ResponderServer.Options.defaults())) {
            Process c = new ProcessBuilder(HVECHO.toString(), "connect", "unix:" + p, "--timeout", "5000").start();
            Thread feeder = Thread.ofPlatform().start(() -> {
                try (var in = c.getOutputStream()) {
                    in.write(data);
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            byte[] back = c.getInputStream().readAllBytes();
            feeder.join();
            assertThat(c.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(c.exitValue()).isZero();
            assertThat(back).isEqualTo(data);
            assertThat(s.bytesReceived()).isEqualTo(data.length);
        }
    }

    @Test
    void ourClientVerifiesTheCSourcePatternAndEchoesThroughTheCEcho() throws Exception {
        Path src = dir.resolve("src");
        Process source = listener(src, "--source");
        try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(src), Duration.ofSeconds(5))) {
            ByteBuffer b = ByteBuffer.allocateDirect(1 << 20);
            while (b.hasRemaining()) {
                c.read(b);
            }
            assertThat(SourcePattern.firstMismatch(b.flip(), 0)).isEqualTo(-1);
        } finally {
            source.destroy();
            source.waitFor(5, TimeUnit.SECONDS);
        }
        Path echo = dir.resolve("echo");
        Process echoProc = listener(echo, "--echo");
        try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(echo), Duration.ofSeconds(5))) {
            c.writeFully(ByteBuffer.wrap("half-close me".getBytes()));
            c.shutdownOutput();
            ByteBuffer b = ByteBuffer.allocate(64);
            while (c.read(b) >= 0) {
                // the C echo half-closes after our EOF
            }
            assertThat(new String(b.array(), 0, b.position())).isEqualTo("half-close me");
        } finally {
            echoProc.destroy();
            echoProc.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void cBenchmarksRunAgainstOurSinkAndEcho() throws Exception {
        Path sink = dir.resolve("sink");
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(sink), EP),
                ResponderServer.Kind.SINK, ResponderServer.Options.defaults())) {
            String out = run(HVECHO.toString(), "bench", "unix:" + sink, "--throughput", "--seconds", "0.5");
            assertThat(out).matches("(?s)RESULT throughput_bytes_per_sec \\d+\\s*");
            assertThat(s.bytesReceived()).isPositive();
        }
        Path echo = dir.resolve("echo2");
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(echo), EP),
                ResponderServer.Kind.ECHO, ResponderServer.Options.defaults())) {
            String out = run(HVECHO.toString(), "bench", "unix:" + echo, "--rtt", "--count", "500");
            assertThat(out).contains("RESULT rtt_us p50=").contains("n=500");
        }
    }

    private static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
