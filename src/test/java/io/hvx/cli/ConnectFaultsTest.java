package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvEndpoint;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VsockTemplate;
import io.hvx.net.FaultKit;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.sandbox.SandboxPaths;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hvx connect} under faults (issue 14 §18): the service resets the connection while hvx
 * sends or receives (exit 1, one sentence, what arrived is intact), and both sides half-close at
 * once (exit 0, every byte both ways).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "real AF_UNIX sockets over libc")
@Timeout(180)
class ConnectFaultsTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int PORT = 6001;
    private static final String RESET = "hvx: The connection to unix:%s broke: the other side went away mid-stream";

    @TempDir
    Path dir;

    private CliHarness cli;
    private PosixListener listener;
    private Path socket;
    private final ExecutorService pool = Executors.newCachedThreadPool();

    @BeforeEach
    void setUp() throws Exception {
        Messages.setLocale(Locale.US);
        cli = new CliHarness(dir);
        socket = SandboxPaths.forSandbox(dir).path(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(PORT));
        Files.createDirectories(socket.getParent());
        listener = PosixListener.bind(new PosixAddress.Unix(socket),
                new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(PORT)));
    }

    @AfterEach
    void tearDown() {
        listener.close();
        pool.shutdownNow();
    }

    private CliHarness.Result connect(byte[] stdin) {
        return cli.runWithInput(stdin, "--mode", "sandbox", "connect", "demo-linux", "vsock:" + PORT);
    }

    private static void assertOneSentence(CliHarness.Result r) {
        assertThat(r.err()).doesNotContain("Exception", "\tat ").endsWith("\n");
    }

    @Test
    void aResetWhileSendingExitsOneWithTheCause() throws Exception {
        listener.close();
        try (ServerSocketChannel service = FaultKit.resettingService(socket)) {
            CompletableFuture<Integer> peer = CompletableFuture.supplyAsync(() -> {
                try (SocketChannel c = service.accept()) {
                    return FaultKit.read(c, 1 << 20).length; // then close with the rest unread: a reset
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, pool);
            CliHarness.Result r = connect(FaultKit.random(1, 64 << 20));
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo(1 << 20);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith(RESET.formatted(socket));
            assertOneSentence(r);
        }
    }

    /** The same fault where the service closes cleanly: hvx's own sockets shut down before they close. */
    @Test
    void aServiceThatClosesWhileInputIsStillBeingSentExitsOne() throws Exception {
        for (int i = 0; i < 10; i++) {
            CompletableFuture<Integer> peer = CompletableFuture.supplyAsync(() -> {
                try (StreamConnection c = listener.accept(WAIT).orElseThrow()) {
                    return FaultKit.read(c, 1 << 20).length;
                }
            }, pool);
            CliHarness.Result r = connect(FaultKit.random(1, 16 << 20));
            assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo(1 << 20);
            assertThat(r.exit()).as("round %d: %s", i, r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith(RESET.formatted(socket));
            assertOneSentence(r);
        }
    }

    @Test
    void aResetWhileReceivingExitsOneAndWhatArrivedIsIntact() throws Exception {
        listener.close();
        byte[] down = FaultKit.random(2, 8 << 20);
        try (ServerSocketChannel service = FaultKit.resettingService(socket)) {
            CompletableFuture<Void> peer = CompletableFuture.runAsync(() -> {
                try (SocketChannel c = service.accept()) {
                    FaultKit.write(c, down);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } // our stdin unread: a reset
            }, pool);
            CliHarness.Result r = connect("not read by the service".getBytes());
            peer.get(30, TimeUnit.SECONDS);
            assertThat(r.exit()).as(r.err()).isEqualTo(1);
            assertThat(r.err()).startsWith(RESET.formatted(socket));
            assertOneSentence(r);
            assertThat(r.rawOut().length).isLessThanOrEqualTo(down.length);
            assertThat(r.rawOut()).isEqualTo(Arrays.copyOf(down, r.rawOut().length));
        }
    }

    /** The service says all it has to say and half-closes first, then reads everything hvx sends. */
    @Test
    void aServiceThatHalfClosesFirstStillGetsAllOfStdin() throws Exception {
        byte[] up = FaultKit.random(4, 3 << 20);
        CompletableFuture<byte[]> peer = CompletableFuture.supplyAsync(() -> {
            try (StreamConnection c = listener.accept(WAIT).orElseThrow()) {
                c.writeFully(ByteBuffer.wrap("ready\n".getBytes()));
                c.shutdownOutput();
                return FaultKit.read(c, Long.MAX_VALUE);
            }
        }, pool);
        CliHarness.Result r = connect(up);
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(new String(r.rawOut())).isEqualTo("ready\n");
        assertThat(peer.get(30, TimeUnit.SECONDS)).isEqualTo(up);
    }

    @Test
    void bothSidesHalfClosingAtOnceExitZeroWithEveryByte() throws Exception {
        Random sizes = new Random(5);
        for (int i = 0; i < 40; i++) {
            byte[] up = FaultKit.random(i, sizes.nextInt(4) == 0 ? 0 : sizes.nextInt(500_000));
            byte[] down = FaultKit.random(-i, sizes.nextInt(4) == 0 ? 0 : sizes.nextInt(500_000));
            CompletableFuture<byte[]> peer = CompletableFuture.supplyAsync(() -> {
                try (StreamConnection c = listener.accept(WAIT).orElseThrow()) {
                    CompletableFuture<byte[]> in = CompletableFuture.supplyAsync(
                            () -> FaultKit.read(c, Long.MAX_VALUE), pool);
                    c.writeFully(ByteBuffer.wrap(down));
                    c.shutdownOutput();
                    return in.get(30, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }, pool);
            CliHarness.Result r = connect(up);
            assertThat(r.exit()).as("round %d: %s", i, r.err()).isZero();
            assertThat(r.err()).isEmpty();
            assertThat(r.rawOut()).as("round %d: stdout got every byte", i).isEqualTo(down);
            assertThat(peer.get(30, TimeUnit.SECONDS)).as("round %d: the service got every byte", i).isEqualTo(up);
        }
    }
}
