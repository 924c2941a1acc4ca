package io.hvx.core.tester;

import java.util.Arrays;

/**
 * Percentiles of a set of durations, in microseconds. Percentiles are nearest-rank, as
 * {@code hvecho bench} computes them: the p-th is the ⌈p/100·n⌉-th smallest sample.
 *
 * @param count    samples
 * @param jitterUs mean absolute difference between consecutive samples of one connection
 *                 (0 for connects, which have no order that matters)
 */
public record LatencyStats(long count, double minUs, double meanUs, double p50Us, double p90Us, double p99Us,
                           double p999Us, double maxUs, double jitterUs) {

    /** No samples. */
    public static final LatencyStats EMPTY = new LatencyStats(0, 0, 0, 0, 0, 0, 0, 0, 0);

    /** The statistics of {@code ns[0..n)}, which this sorts in place. */
    public static LatencyStats of(long[] ns, int n, double jitterUs) {
        if (n == 0) {
            return EMPTY;
        }
        Arrays.sort(ns, 0, n);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += ns[i];
        }
        return new LatencyStats(n, us(ns[0]), sum / n / 1e3, us(rank(ns, n, 50)), us(rank(ns, n, 90)),
                us(rank(ns, n, 99)), us(rank(ns, n, 99.9)), us(ns[n - 1]), jitterUs);
    }

    /** Approximate statistics from a live histogram (bucket middles; no mean or jitter). */
    public static LatencyStats approximate(long[] counts) {
        long total = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                total += counts[i];
                last = i;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (total == 0) {
            return EMPTY;
        }
        return new LatencyStats(total, us(LatencyHistogram.lowerBound(first)), 0,
                us(LatencyHistogram.percentile(counts, 50)), us(LatencyHistogram.percentile(counts, 90)),
                us(LatencyHistogram.percentile(counts, 99)), us(LatencyHistogram.percentile(counts, 99.9)),
                us(LatencyHistogram.lowerBound(last) + LatencyHistogram.width(last) - 1), 0);
    }

    /** Sum of |a[i] − a[i−1]| over {@code ns[from..to)} in that order, and how many differences. */
    static double[] jitterSum(long[] ns, int from, int to) {
        double sum = 0;
        for (int i = from + 1; i < to; i++) {
            sum += Math.abs(ns[i] - ns[i - 1]);
        }
        return new double[] {sum, Math.max(0, to - from - 1)};
    }

    private static long rank(long[] sorted, int n, double p) {
        return sorted[(int) rank(p, n) - 1];
    }

    /**
     * The nearest rank ⌈p/100·n⌉, between 1 and n. The small allowance keeps a product that
     * binary fractions put a hair above a whole number (99.9 % of 1000) on that number, as the
     * C peer's {@code + 0.999999999} does.
     */
    static long rank(double p, long n) {
        long k = (long) Math.ceil(p / 100.0 * n - 1e-9);
        return Math.min(n, Math.max(1, k));
    }

    private static double us(long ns) {
        return Math.round(ns / 1e3 * 1000) / 1000.0;
    }
}
