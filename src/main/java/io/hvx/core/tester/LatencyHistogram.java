package io.hvx.core.tester;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A live histogram of durations in nanoseconds that test threads record into and a progress
 * reporter reads at the same time: log₂ buckets each split in 16, so every bucket is at most
 * 1/16 (6 %) of its value wide, from 1 ns to 2⁶³ ns, in a fixed array (recording allocates
 * nothing). Exact percentiles come from the samples at the end ({@link LatencyStats}); this is
 * for the live charts and percentiles while a test runs.
 */
public final class LatencyHistogram {

    private static final int SUB_BITS = 4;
    private static final int SUB = 1 << SUB_BITS;
    static final int BUCKETS = (64 - SUB_BITS + 1) * SUB;

    private final AtomicLongArray counts = new AtomicLongArray(BUCKETS);

    /** Records one duration (negative counts as 0). Safe from any number of threads. */
    public void record(long ns) {
        counts.incrementAndGet(index(ns));
    }

    static int index(long ns) {
        if (ns < SUB) {
            return (int) Math.max(0, ns);
        }
        int e = 63 - Long.numberOfLeadingZeros(ns);
        int sub = (int) (ns >>> (e - SUB_BITS)) & (SUB - 1);
        return (e - SUB_BITS + 1) * SUB + sub;
    }

    /** The smallest value of bucket {@code i}. */
    static long lowerBound(int i) {
        if (i < SUB) {
            return i;
        }
        int e = i / SUB + SUB_BITS - 1;
        return (long) (SUB + i % SUB) << (e - SUB_BITS);
    }

    /** The width of bucket {@code i}. */
    static long width(int i) {
        return i < SUB ? 1 : 1L << (i / SUB - 1);
    }

    /** A consistent-enough copy of the counts (each bucket read once). */
    public long[] snapshot() {
        long[] c = new long[BUCKETS];
        for (int i = 0; i < BUCKETS; i++) {
            c[i] = counts.get(i);
        }
        return c;
    }

    /** The middle of the bucket holding the nearest-rank {@code p}-th percentile of {@code counts}, or 0 when empty. */
    public static long percentile(long[] counts, double p) {
        long total = 0;
        for (long c : counts) {
            total += c;
        }
        if (total == 0) {
            return 0;
        }
        long rank = LatencyStats.rank(p, total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return lowerBound(i) + width(i) / 2;
            }
        }
        return lowerBound(counts.length - 1);
    }
}
