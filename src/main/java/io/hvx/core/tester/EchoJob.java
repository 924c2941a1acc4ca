package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Round trips of one message at a time per connection, on P connections at once. Message
 * {@code k} of a connection is the stream pattern at offset {@code k·size} XOR
 * {@link StreamPattern#ECHO_MASK} (what {@code hvecho bench --rtt} sends), taken from a
 * prepared direct buffer, so a round trip is one write, the reads until the reply is complete,
 * two clock reads and, after the clock stops, one vectorised comparison: nothing is allocated
 * or computed per byte while the clock runs.
 */
final class EchoJob extends Job {

    private final TestPlan.Echo plan;
    private final long[] samples;
    private final int[] base;
    private final int[] quota;
    private final AtomicLongArray done;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private final AtomicLong mismatches = new AtomicLong();
    private final AtomicReference<String> firstMismatch = new AtomicReference<>();
    private final AtomicReference<HvxException> failure = new AtomicReference<>();

    EchoJob(Connector connector, TestPlan.Echo plan) {
        super(connector);
        this.plan = plan;
        this.samples = new long[plan.count()];
        int p = plan.parallel();
        this.base = new int[p];
        this.quota = new int[p];
        this.done = new AtomicLongArray(p);
        int at = 0;
        for (int c = 0; c < p; c++) {
            base[c] = at;
            quota[c] = plan.count() / p + (c < plan.count() % p ? 1 : 0);
            at += quota[c];
        }
    }

    @Override
    TestPlan plan() {
        return plan;
    }

    @Override
    TestResult run(TestRun run) {
        fanOut(run, plan.parallel(), "hvx-test-echo", c -> work(run, c));
        return result(run, failure.get() == null ? run.cause(null) : failure.get());
    }

    private void work(TestRun run, int conn) {
        StreamConnection c = null;
        try {
            c = connect(run);
            roundTrips(run, c, conn);
            c.shutdownOutput();
        } catch (HvxException e) {
            HvxException why = run.cause(e);
            if (why != null && failure.compareAndSet(null, why)) {
                // one connection failing ends the test: the others stop rather than run on alone
                run.stop(why);
            }
        } finally {
            if (c != null) {
                run.release(c);
            }
        }
    }

    private void roundTrips(TestRun run, StreamConnection c, int conn) {
        int size = plan.size();
        ByteBuffer window = StreamPattern.window(size, StreamPattern.ECHO_MASK);
        ByteBuffer in = ByteBuffer.allocateDirect(size);
        int n = quota[conn];
        int at = base[conn];
        for (int k = 0; k < n && !run.stopped(); k++) {
            long offset = (long) k * size;
            StreamPattern.at(window, offset, size);
            in.clear();
            long t0 = System.nanoTime();
            c.writeFully(window);
            while (in.hasRemaining()) {
                if (c.read(in) < 0) {
                    throw new OperationFailedException(Problem.of("tester.error.closedEarly",
                            run.target().describe(), done.get(conn), n));
                }
            }
            long t = System.nanoTime() - t0;
            samples[at + k] = t;
            histogram.record(t);
            in.flip();
            int bad = in.mismatch(StreamPattern.at(window, offset, size));
            if (bad >= 0) {
                mismatches.incrementAndGet();
                firstMismatch.compareAndSet(null, Messages.get("tester.echo.mismatchAt", k + 1, bad,
                        HexFormat.of().toHexDigits(window.get(window.position() + bad)),
                        HexFormat.of().toHexDigits(in.get(bad))));
            }
            done.lazySet(conn, k + 1);
        }
    }

    @Override
    TestResult result(TestRun run, HvxException error) {
        long total = 0;
        double jitterSum = 0;
        double jitterN = 0;
        long[] all = new long[plan.count()];
        int n = 0;
        for (int c = 0; c < plan.parallel(); c++) {
            int d = (int) done.get(c);
            double[] j = LatencyStats.jitterSum(samples, base[c], base[c] + d);
            jitterSum += j[0];
            jitterN += j[1];
            System.arraycopy(samples, base[c], all, n, d);
            n += d;
            total += d;
        }
        double jitterUs = jitterN > 0 ? Math.round(jitterSum / jitterN) / 1e3 : 0;
        LatencyStats stats = LatencyStats.of(all, n, jitterUs);
        return new TestResult.Echo(info(run, error), plan, total, mismatches.get(), firstMismatch.get(), stats,
                Histogram.ofSorted(all, n));
    }

    @Override
    long activity() {
        long sum = 0;
        for (int c = 0; c < plan.parallel(); c++) {
            sum += done.get(c);
        }
        return sum;
    }

    @Override
    Progress progress(TestRun run, Duration elapsed) {
        long[] buckets = histogram.snapshot();
        long d = activity();
        return new Progress(TestPlan.Kind.ECHO, (double) d / plan.count(), elapsed, d, mismatches.get(),
                LatencyStats.approximate(buckets), Histogram.ofBuckets(buckets), List.of());
    }
}
