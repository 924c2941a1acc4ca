package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixSocket;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvx listen --stdio} when the bridged peer stalls (issue 14 §18). */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real AF_UNIX sockets over libc")
@Timeout(60)
class ListenFaultsTest {

    @TempDir
    Path dir;

    @Test
    void aStalledPeerIsClosedByTheIdleTimeoutAndTheCommandSaysSo() throws Exception {
        Messages.setLocale(Locale.US);
        CliHarness cli = new CliHarness(dir);
        Path path = Path.of(cli.run("--mode", "sandbox", "sandbox", "path", "wildcard", "vsock:7").out().strip());
        StringWriter err = new StringWriter();
        // stdin stays open and silent, like a terminal nobody types at
        PipedOutputStream silent = new PipedOutputStream();
        CliContext ctx = new CliContext(new PrintWriter(new StringWriter()), new PrintWriter(err),
                new PipedInputStream(silent), new java.io.ByteArrayOutputStream(),
                (mode, d) -> new io.hvx.DefaultBackendFactory(dir.resolve("data")).create(mode, dir),
                (m, d) -> { }, false);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            CompletableFuture<Integer> listen = CompletableFuture.supplyAsync(() -> Cli.run(ctx, "--mode", "sandbox",
                    "listen", "vsock:7", "--stdio", "--idle-timeout", "1"), pool);
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (!Files.exists(path) && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            try (PosixSocket stalled = PosixSocket.connect(new PosixAddress.Unix(path), Duration.ofSeconds(10))) {
                long t0 = System.nanoTime();
                assertThat(stalled.read(ByteBuffer.allocate(1))).as("closed by the listener").isEqualTo(-1);
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(20));
                assertThat(listen.get(20, TimeUnit.SECONDS)).isEqualTo(1);
            }
            assertThat(err.toString()).endsWith("hvx: Closed the connection after 1 s without traffic (--idle-timeout):"
                    + " the output is what arrived until then. Give a longer --idle-timeout, or 0 for none.\n");
        } finally {
            silent.close();
            pool.shutdownNow();
        }
    }
}
