package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvEndpoint;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.sandbox.SandboxPaths;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Standard input and output of {@code hvx} when they misbehave (issue 14 §7–8): a full disk, a
 * reader that goes away, a stdin that breaks, a stdin that was never there.
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "/dev/full, /proc and AF_UNIX sockets over libc")
@Timeout(120)
class StreamsTest {

    private static final Path REPO = Path.of("").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
    }

    /** Result of one in-process run with the given streams. */
    private record Run(int exit, String err, byte[] out) {
    }

    private Run inProcess(InputStream stdin, OutputStream stdout, String... args) {
        StringWriter err = new StringWriter();
        CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err), stdin, stdout,
                (mode, d) -> new io.hvx.DefaultBackendFactory(dir.resolve("data")).create(mode, dir.resolve("sb")),
                (m, d) -> {
                    throw new AssertionError("no GUI here");
                }, false);
        int code = Cli.run(ctx, args);
        return new Run(code, err.toString(), stdout instanceof ByteArrayOutputStream b ? b.toByteArray() : new byte[0]);
    }

    /** An output that takes {@code room} bytes, then fails every write with {@code message}. */
    private static final class FailingOutput extends OutputStream {
        private final String message;
        private long room;

        FailingOutput(long room, String message) {
            this.room = room;
            this.message = message;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len > room) {
                room = 0;
                throw new IOException(message);
            }
            room -= len;
        }
    }

    @Test
    void connectWhoseStdoutFillsUpExitsOneWithTheCause() {
        byte[] data = new byte[512 * 1024];
        new Random(1).nextBytes(data);
        Run r = inProcess(new ByteArrayInputStream(data), new FailingOutput(100_000, "No space left on device"),
                "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("hvx: Writing standard output failed (No space left on device): the output is"
                + " incomplete. Make room where it goes (or send it elsewhere) and run the command again.\n");
    }

    @Test
    void connectWhoseReaderGoesAwayEndsQuietlyWithExitZero() {
        byte[] data = new byte[512 * 1024];
        Run r = inProcess(new ByteArrayInputStream(data), new FailingOutput(100_000, "Broken pipe"),
                "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
    }

    @Test
    void connectWhoseStdinBreaksExitsOneAndDoesNotPassItOffAsTheEnd() {
        InputStream broken = new InputStream() {
            private int left = 70_000;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (left == 0) {
                    throw new IOException("Input/output error");
                }
                int n = Math.min(len, left);
                left -= n;
                return n;
            }
        };
        Run r = inProcess(broken, new ByteArrayOutputStream(), "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).startsWith("hvx: Reading standard input failed (Input/output error): not all of it was sent");
    }

    /** {@code java … io.hvx.Launcher --mode sandbox ARGS} on this test's sandbox. */
    private ProcessBuilder hvx(String... args) {
        List<String> a = new ArrayList<>(List.of("--mode", "sandbox"));
        a.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(HvxProcesses.javaCommand(a));
        pb.environment().put("HVX_SANDBOX_DIR", dir.resolve("sb").toString());
        pb.environment().put("HVX_DATA_DIR", dir.resolve("data").toString());
        return pb;
    }

    private static int await(Process p) throws InterruptedException {
        if (!p.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hvx did not end within " + WAIT);
        }
        return p.exitValue();
    }

    @Test
    void anyCommandWhoseOutputCannotBeWrittenExitsOne() throws Exception {
        Path err = dir.resolve("err");
        Process p = hvx("guid", "vsock:5000").redirectOutput(new java.io.File("/dev/full"))
                .redirectError(err.toFile()).start();
        assertThat(await(p)).isEqualTo(1);
        assertThat(Files.readString(err)).startsWith("hvx: Writing standard output failed (No space left on device)");
    }

    @Test
    void connectToDevFullExitsOneWithTheCause() throws Exception {
        Path in = dir.resolve("in");
        Files.writeString(in, "hello\n");
        Path err = dir.resolve("err");
        Process p = hvx("connect", "demo-linux", "vsock:7").redirectInput(in.toFile())
                .redirectOutput(new java.io.File("/dev/full")).redirectError(err.toFile()).start();
        assertThat(await(p)).isEqualTo(1);
        assertThat(Files.readString(err)).startsWith("hvx: Writing standard output failed (No space left on device)");
    }

    /**
     * The line of a launcher script that turns a closed stdin into an empty one; the same line in
     * {@code ./hvx} and in the packaged launchers ({@code installer/linux/image.sh}).
     */
    static String stdinCheck() throws IOException {
        String fromHvx = checkLine(REPO.resolve("hvx"));
        assertThat(checkLine(REPO.resolve("installer/linux/image.sh"))).isEqualTo(fromHvx);
        return fromHvx;
    }

    private static String checkLine(Path script) throws IOException {
        return Files.readAllLines(script).stream().filter(l -> l.contains("/proc/self/fd/0")).map(String::strip)
                .reduce((a, b) -> {
                    throw new AssertionError(script + " has more than one stdin check");
                }).orElseThrow(() -> new AssertionError(script + " has no stdin check"));
    }

    @Test
    void connectWithStdinClosedSendsNothing() throws Exception {
        // the sandbox echo, served here so that what reaches it can be counted
        Path socket = SandboxPaths.forSandbox(dir.resolve("sb")).path(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE);
        Files.createDirectories(socket.getParent());
        try (ResponderServer echo = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(socket),
                new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE)), ResponderServer.Kind.ECHO,
                ResponderServer.Options.defaults())) {
            // as a launcher script runs: fd 0 closed (checked), then the launcher's line, then java
            String script = "exec 0<&-; [ ! -e /proc/self/fd/0 ] || exit 99; " + stdinCheck() + "; exec \"$@\"";
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", script, "sh"));
            cmd.addAll(hvx("connect", "demo-linux", "vsock:7").command());
            ProcessBuilder pb = new ProcessBuilder(cmd);
            pb.environment().putAll(hvx().environment());
            Path out = dir.resolve("out");
            Path err = dir.resolve("err");
            Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            int exit = await(p);
            assertThat(exit).as(Files.readString(err)).isZero();
            assertThat(Files.size(out)).isZero();
            assertThat(echo.accepted()).isEqualTo(1);
            assertThat(echo.bytesReceived()).isZero();
        }
    }

    @Test
    void theLaunchersKeepAnOpenStdinAsItIs() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("/bin/sh", "-c", stdinCheck() + "; exec cat");
        Process p = pb.start();
        p.getOutputStream().write("kept".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        assertThat(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("kept");
        assertThat(await(p)).isZero();
    }
}
