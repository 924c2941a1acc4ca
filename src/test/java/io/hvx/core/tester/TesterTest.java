package io.hvx.core.tester;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Backend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.NameResolver;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.sandbox.SandboxPaths;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The tester engine against the sandbox's responders, a plain socat echo and a corrupting echo. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sandbox endpoints are AF_UNIX sockets through libc")
@Timeout(120)
class TesterTest {

    @TempDir
    Path tmp;
    private Backend backend;
    private Tester tester;

    @BeforeEach
    void sandbox() {
        backend = TestBackend.sandbox(tmp);
        tester = new Tester(backend.connector(), Duration.ofMillis(20), Duration.ofSeconds(10));
    }

    private NameResolver.Target target(String vm, String service) {
        return backend.names().target(vm, service);
    }

    private static TestPlan plan(TestPlan.Kind kind, String count, String size, String duration, String direction) {
        return TestPlan.of(kind, new TestPlan.Inputs(count, null, size, duration, direction, null));
    }

    @Test
    void echoAgainstTheDemoEchoChecksEveryReply() throws Exception {
        List<Progress> seen = new CopyOnWriteArrayList<>();
        TestResult.Echo r = (TestResult.Echo) tester.run(plan(TestPlan.Kind.ECHO, "2000", "100", null, null),
                target("demo-linux", "Demo echo"), seen::add);
        assertThat(r.ok()).as("%s", r).isTrue();
        assertThat(r.roundTrips()).isEqualTo(2000);
        assertThat(r.mismatches()).isZero();
        assertThat(r.stats().count()).isEqualTo(2000);
        assertThat(r.stats().p50Us()).isPositive().isLessThanOrEqualTo(r.stats().p99Us());
        assertThat(r.stats().p99Us()).isLessThanOrEqualTo(r.stats().maxUs());
        assertThat(r.histogram().bins().stream().mapToLong(Histogram.Bin::count).sum()).isEqualTo(2000);
    }

    @Test
    void echoOverSeveralConnectionsCountsEveryRoundTrip() throws Exception {
        TestPlan p = TestPlan.of(TestPlan.Kind.ECHO, new TestPlan.Inputs("999", "4", "64K", null, null, null));
        TestResult.Echo r = (TestResult.Echo) tester.run(p, target("demo-linux", "vsock:7"), ProgressListener.NONE);
        assertThat(r.ok()).as("%s", r).isTrue();
        assertThat(r.roundTrips()).isEqualTo(999);
    }

    @Test
    void connectTimesEveryConnectAndCountsFailuresByCause() throws Exception {
        TestResult.Connect ok = (TestResult.Connect) tester.run(plan(TestPlan.Kind.CONNECT, "50", null, null, null),
                target("demo-linux", "vsock:9"), ProgressListener.NONE);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.stats().count()).isEqualTo(50);
        assertThat(ok.histogram().bins()).isNotEmpty();

        TestResult.Connect off = (TestResult.Connect) tester.run(plan(TestPlan.Kind.CONNECT, "5", null, null, null),
                target("demo-windows", "vsock:9"), ProgressListener.NONE);
        assertThat(off.ok()).isFalse();
        assertThat(off.failures()).isEqualTo(5);
        assertThat(off.failuresByCause()).hasSize(1);
        assertThat(off.failuresByCause().values()).containsExactly(5L);
    }

    @Test
    void throughputInEveryDirectionAgainstTheBuiltInResponders() throws Exception {
        for (String[] c : new String[][] {{"both", "Demo echo"}, {"up", "Demo echo"}, {"up", "Demo sink"},
                {"down", "Demo echo"}}) {
            TestResult.Throughput r = (TestResult.Throughput) tester.run(
                    plan(TestPlan.Kind.THROUGHPUT, null, "16K", "0.3", c[0]), target("demo-linux", c[1]),
                    ProgressListener.NONE);
            assertThat(r.ok()).as("%s via %s: %s", c[0], c[1], r).isTrue();
            TestResult.Step s = r.steps().getFirst();
            assertThat(s.bytes()).isPositive();
            assertThat(s.checksumOk()).isTrue();
            assertThat(s.mbPerSec()).isPositive();
        }
    }

    @Test
    void aByteCountDownloadGetsExactlyThatMuch() throws Exception {
        TestResult.Throughput r = (TestResult.Throughput) tester.run(
                plan(TestPlan.Kind.THROUGHPUT, "100", "1000", null, "down"), target("demo-linux", "vsock:7"),
                ProgressListener.NONE);
        assertThat(r.ok()).as("%s", r).isTrue();
        assertThat(r.steps().getFirst().bytes()).isEqualTo(100_000);
        assertThat(r.steps().getFirst().messages()).isEqualTo(100);
    }

    @Test
    void theSweepRunsEverySize() throws Exception {
        TestResult.Throughput r = (TestResult.Throughput) tester.run(
                plan(TestPlan.Kind.THROUGHPUT, "20", "sweep", null, "up"), target("demo-linux", "vsock:9"),
                ProgressListener.NONE);
        assertThat(r.ok()).as("%s", r).isTrue();
        assertThat(r.steps()).extracting(TestResult.Step::size).containsExactlyElementsOf(TestPlan.SWEEP);
        assertThat(r.steps()).allSatisfy(s -> assertThat(s.bytes()).isEqualTo(20L * s.size()));
    }

    @Test
    @EnabledIf(value = "io.hvx.core.tester.SocatEcho#available", disabledReason = "socat is not installed (.ci/run installs it)")
    void aPlainSocatEchoServesConnectEchoAndBothButNotUpload() throws Exception {
        Path path = SandboxPaths.forSandbox(backend.environment().sandboxDir())
                .path(SandboxSeed.DEMO_LINUX_ID, target("demo-linux", "vsock:5000").endpoint().serviceId());
        try (SocatEcho socat = SocatEcho.start(path, "cat")) {
            NameResolver.Target t = target("demo-linux", "vsock:5000");
            assertThat(tester.run(plan(TestPlan.Kind.CONNECT, "10", null, null, null), t, ProgressListener.NONE).ok()).isTrue();
            TestResult echo = tester.run(plan(TestPlan.Kind.ECHO, "500", "1000", null, null), t, ProgressListener.NONE);
            assertThat(echo.ok()).as("%s", echo).isTrue();
            TestResult both = tester.run(plan(TestPlan.Kind.THROUGHPUT, null, "4K", "0.3", "both"), t, ProgressListener.NONE);
            assertThat(both.ok()).as("%s", both).isTrue();
            TestResult up = tester.run(plan(TestPlan.Kind.THROUGHPUT, null, null, "0.3", "up"), t, ProgressListener.NONE);
            assertThat(up.ok()).isFalse();
            assertThat(up.run().error().problem().key()).isEqualTo("tester.error.plainEcho");
        }
    }

    /** An echo that flips one bit of the 100th byte of every connection. */
    private static void corruptingEcho(StreamConnection c, ResponderServer.Activity a) {
        ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
        long seen = 0;
        while (true) {
            int n = c.read(b.clear());
            if (n < 0) {
                c.shutdownOutput();
                return;
            }
            if (seen <= 99 && seen + n > 99) {
                int i = (int) (99 - seen);
                b.put(i, (byte) (b.get(i) ^ 1));
            }
            seen += n;
            c.writeFully(b.flip());
        }
    }

    @Test
    void aCorruptingEchoIsAMismatchNeverASuccess() throws Exception {
        NameResolver.Target t = target("demo-linux", "vsock:5001");
        Path path = SandboxPaths.forSandbox(backend.environment().sandboxDir()).path(t.endpoint());
        Files.createDirectories(path.getParent());
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(path), t.endpoint()),
                TesterTest::corruptingEcho, ResponderServer.Options.defaults())) {
            TestResult.Echo echo = (TestResult.Echo) tester.run(plan(TestPlan.Kind.ECHO, "10", "64", null, null), t,
                    ProgressListener.NONE);
            assertThat(echo.ok()).isFalse();
            assertThat(echo.mismatches()).isEqualTo(1);
            assertThat(echo.firstMismatch()).contains("2").contains("35");
            TestResult.Throughput both = (TestResult.Throughput) tester.run(
                    plan(TestPlan.Kind.THROUGHPUT, null, "4K", "0.2", "both"), t, ProgressListener.NONE);
            assertThat(both.ok()).isFalse();
            assertThat(both.steps().getFirst().checksumOk()).isFalse();
            assertThat(both.steps().getFirst().firstMismatch()).isEqualTo(99);
        }
    }

    @Test
    void cancellingMidRunStopsPromptlyAndKeepsWhatWasMeasured() throws Exception {
        CountDownLatch moving = new CountDownLatch(3);
        TestRun run = tester.start(plan(TestPlan.Kind.THROUGHPUT, null, "64K", "600", "both"),
                target("demo-linux", "vsock:7"), p -> {
                    if (p.done() > 0) {
                        moving.countDown();
                    }
                });
        assertThat(moving.await(30, TimeUnit.SECONDS)).isTrue();
        run.cancel();
        TestResult r = run.await(Duration.ofSeconds(20)).orElseThrow();
        assertThat(r.run().cancelled()).isTrue();
        assertThat(r.run().error()).isNull();
        assertThat(r.ok()).isFalse();

        TestRun echo = tester.start(plan(TestPlan.Kind.ECHO, "1000000", "64", null, null),
                target("demo-linux", "vsock:7"), ProgressListener.NONE);
        echo.cancel();
        TestResult.Echo e = (TestResult.Echo) echo.await(Duration.ofSeconds(20)).orElseThrow();
        assertThat(e.run().cancelled()).isTrue();
        assertThat(e.roundTrips()).isLessThan(1_000_000);
    }

    @Test
    void aServiceThatStopsAnsweringEndsAsStalled() throws Exception {
        NameResolver.Target t = target("demo-linux", "vsock:5002");
        Path path = SandboxPaths.forSandbox(backend.environment().sandboxDir()).path(t.endpoint());
        Files.createDirectories(path.getParent());
        CountDownLatch release = new CountDownLatch(1);
        Tester quick = new Tester(backend.connector(), Duration.ofMillis(20), Duration.ofMillis(300));
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(path), t.endpoint()),
                (c, a) -> release.await(), ResponderServer.Options.defaults())) {
            TestResult r = quick.run(TestPlan.of(TestPlan.Kind.ECHO,
                    new TestPlan.Inputs("10", null, null, null, null, "100")), t, ProgressListener.NONE);
            assertThat(r.ok()).isFalse();
            assertThat(r.run().error().problem().key()).isEqualTo("tester.error.stalled");
            TestResult down = quick.run(TestPlan.of(TestPlan.Kind.THROUGHPUT,
                    new TestPlan.Inputs(null, null, null, "1", "down", "200")), t, ProgressListener.NONE);
            assertThat(down.run().error().problem().key()).isEqualTo("tester.error.noHeaderAnswer");
        } finally {
            release.countDown();
        }
    }

    @Test
    void connectionsToAnEndpointAreReleasedAfterTheTest() throws Exception {
        HvEndpoint ep = target("demo-linux", "vsock:7").endpoint();
        assertThat(ep.vmId()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);
        tester.run(plan(TestPlan.Kind.ECHO, "10", null, null, null), target("demo-linux", "vsock:7"), ProgressListener.NONE);
        // the engine's threads have ended: none is left blocked on the connection
        assertThat(Thread.getAllStackTraces().keySet().stream().map(Thread::getName))
                .noneMatch(n -> n.startsWith("hvx-test-echo") || n.startsWith("hvx-test-send"));
    }
}
