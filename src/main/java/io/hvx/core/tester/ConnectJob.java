package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.HvxException;
import io.hvx.core.StreamConnection;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** N connects, P at a time: each timed from the call to the connected socket, then closed. */
final class ConnectJob extends Job {

    private final TestPlan.Connect plan;
    private final long[] samples;
    private final LatencyHistogram histogram = new LatencyHistogram();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final Map<String, Long> causes = new LinkedHashMap<>();

    ConnectJob(Connector connector, TestPlan.Connect plan) {
        super(connector);
        this.plan = plan;
        this.samples = new long[plan.count()];
        Arrays.fill(samples, -1);
    }

    @Override
    TestPlan plan() {
        return plan;
    }

    @Override
    TestResult run(TestRun run) {
        fanOut(run, plan.parallel(), "hvx-test-connect", w -> work(run));
        return result(run, run.cause(null));
    }

    private void work(TestRun run) {
        while (!run.stopped()) {
            int i = next.getAndIncrement();
            if (i >= plan.count()) {
                return;
            }
            long t0 = System.nanoTime();
            try {
                StreamConnection c = connector.connect(run.target().endpoint(), plan.timeout());
                long t = System.nanoTime() - t0;
                c.close();
                samples[i] = t;
                histogram.record(t);
            } catch (HvxException e) {
                if (run.stopped()) {
                    return; // cancelled while connecting: not a failure of the service
                }
                failures.incrementAndGet();
                synchronized (causes) {
                    causes.merge(e.getMessage(), 1L, Long::sum);
                }
            }
            attempts.incrementAndGet();
        }
    }

    @Override
    TestResult result(TestRun run, HvxException error) {
        long[] ok = Arrays.stream(samples).filter(v -> v >= 0).toArray();
        LatencyStats stats = LatencyStats.of(ok, ok.length, 0);
        Map<String, Long> byCause;
        synchronized (causes) {
            byCause = new LinkedHashMap<>(causes);
        }
        return new TestResult.Connect(info(run, error), plan, attempts.get(), failures.get(), byCause, stats,
                Histogram.ofSorted(ok, ok.length));
    }

    @Override
    long activity() {
        return attempts.get();
    }

    @Override
    Progress progress(TestRun run, Duration elapsed) {
        long[] buckets = histogram.snapshot();
        long done = attempts.get();
        return new Progress(TestPlan.Kind.CONNECT, (double) done / plan.count(), elapsed, done, failures.get(),
                LatencyStats.approximate(buckets), Histogram.ofBuckets(buckets), List.of());
    }
}
