package io.hvx.core.tester;

import java.time.Duration;
import java.util.List;

/**
 * How a running test is doing, reported a few times a second (never per sample) on the test's
 * reporting thread. Connect and echo tests fill the live statistics and histogram (approximate:
 * the exact ones come with the result); throughput tests report the points measured since the
 * previous report.
 *
 * @param fraction  how much is done, 0 … 1
 * @param done      connects or round trips done, or bytes moved
 * @param problems  connects that failed, or replies that differed, so far
 * @param newPoints throughput points since the previous report
 */
public record Progress(TestPlan.Kind kind, double fraction, Duration elapsed, long done, long problems,
                       LatencyStats live, Histogram histogram, List<TestResult.Point> newPoints) {
    public Progress {
        newPoints = List.copyOf(newPoints);
    }
}
