package io.hvx.core.tester;

import io.hvx.core.HvxException;
import io.hvx.core.NameResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a test found. {@link #ok()} is the CLI's exit status: true only when the test ran to
 * the end and every byte checked was intact (and, for connects, every connect succeeded).
 */
public sealed interface TestResult {

    /** The common part of every result. */
    record Run(NameResolver.Target target, Instant startedAt, Duration elapsed, HvxException error, boolean cancelled) {

        /** Why the test could not run or broke off, if it did. */
        public Optional<HvxException> errorIfAny() {
            return Optional.ofNullable(error);
        }
    }

    Run run();

    TestPlan plan();

    boolean ok();

    /**
     * N connects: how many failed and why, and the times of the ones that succeeded.
     *
     * @param failuresByCause how many connects failed with each sentence, in the order first seen
     */
    record Connect(Run run, TestPlan.Connect plan, long attempts, long failures, Map<String, Long> failuresByCause,
                   LatencyStats stats, Histogram histogram) implements TestResult {
        public Connect {
            failuresByCause = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failuresByCause));
        }

        @Override
        public boolean ok() {
            return run.error() == null && !run.cancelled() && failures == 0 && attempts == plan.count();
        }
    }

    /**
     * Round trips: their times and how many replies differed from what was sent.
     *
     * @param firstMismatch the first reply that differed, as a sentence, or null
     */
    record Echo(Run run, TestPlan.Echo plan, long roundTrips, long mismatches, String firstMismatch,
                LatencyStats stats, Histogram histogram) implements TestResult {
        @Override
        public boolean ok() {
            return run.error() == null && !run.cancelled() && mismatches == 0 && roundTrips == plan.count();
        }
    }

    /** A throughput test: one step per message size. */
    record Throughput(Run run, TestPlan.Throughput plan, List<Step> steps) implements TestResult {
        public Throughput {
            steps = List.copyOf(steps);
        }

        @Override
        public boolean ok() {
            return run.error() == null && !run.cancelled() && steps.size() == plan.sizes().size()
                    && steps.stream().allMatch(Step::checksumOk);
        }
    }

    /**
     * One message size of a throughput test.
     *
     * @param bytes         bytes that arrived and were checked (up: what the service confirmed)
     * @param messages      messages of {@code size} bytes that moved
     * @param checksumOk    whether every byte matched the stream and as many arrived as were sent
     * @param firstMismatch stream offset of the first byte that differed, or -1
     * @param series        the rate over time
     */
    record Step(int size, long bytes, double seconds, long messages, boolean checksumOk, long firstMismatch,
                List<Point> series) {
        public Step {
            series = List.copyOf(series);
        }

        /** Megabytes (10⁶ bytes) per second. */
        public double mbPerSec() {
            return seconds > 0 ? bytes / seconds / 1e6 : 0;
        }

        public double msgsPerSec() {
            return seconds > 0 ? messages / seconds : 0;
        }
    }

    /** The rate over the interval that ended {@code seconds} after the test started. */
    record Point(double seconds, int size, double mbPerSec, double msgsPerSec) {
    }
}
