package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.NameResolver;
import java.time.Duration;
import java.util.Objects;

/**
 * The live connection tester, with no UI in it: connect latency, echo round trips and
 * throughput against a (VM, service) pair, used by {@code hvx test}, {@code hvx selftest} and
 * the GUI's Tester section.
 *
 * <p>Why it does not run on a {@link io.hvx.core.session.ConnectionSession}: a session hands
 * every write to a writer thread through a queue, which is right for a terminal and wrong for a
 * measurement — the hand-over would be measured as the service's latency. The tester uses the
 * same {@link Connector} port and the same {@link NameResolver} targets as the sessions, and
 * drives the connection itself: one platform thread per connection, preallocated direct
 * buffers, {@link System#nanoTime()} around each round trip. {@code bench/run} compares it with
 * the C peer ({@code tester.*} lines) so that it stays out of what it measures.
 *
 * <pre>{@code
 * Tester tester = new Tester(backend.connector());
 * TestRun run = tester.start(TestPlan.of(Kind.ECHO, inputs), names.target("demo-linux", "vsock:7"), progress -> …);
 * TestResult r = run.await();          // or run.cancel()
 * }</pre>
 */
public final class Tester {

    /** How often a running test reports progress. */
    public static final Duration REPORT_INTERVAL = Duration.ofMillis(100);
    /** A test in which nothing moves for this long ends as stalled. */
    public static final Duration STALL_LIMIT = Duration.ofSeconds(10);

    private final Connector connector;
    private final Duration interval;
    private final Duration stall;

    public Tester(Connector connector) {
        this(connector, REPORT_INTERVAL, STALL_LIMIT);
    }

    /** A tester with its own reporting interval and stall limit (tests). */
    public Tester(Connector connector, Duration interval, Duration stall) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.interval = interval;
        this.stall = stall;
    }

    /** Starts {@code plan} against {@code target} and returns at once. */
    public TestRun start(TestPlan plan, NameResolver.Target target, ProgressListener listener) {
        Job job = switch (plan) {
            case TestPlan.Connect c -> new ConnectJob(connector, c);
            case TestPlan.Echo e -> new EchoJob(connector, e);
            case TestPlan.Throughput t -> new ThroughputJob(connector, t);
        };
        TestRun run = new TestRun(job, Objects.requireNonNull(target, "target"),
                Objects.requireNonNull(listener, "listener"), interval, stall);
        run.start();
        return run;
    }

    /** Runs {@code plan} to the end on this thread's behalf. */
    public TestResult run(TestPlan plan, NameResolver.Target target, ProgressListener listener)
            throws InterruptedException {
        TestRun run = start(plan, target, listener);
        try {
            return run.await();
        } catch (InterruptedException e) {
            run.cancel();
            throw e;
        }
    }
}
