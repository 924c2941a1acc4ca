package io.hvx.core.tester;

import java.util.ArrayList;
import java.util.List;

/**
 * A histogram as users read it: about twenty bars of one round width (1, 2 or 5 × 10ⁿ µs)
 * from the fastest sample up to the 99th percentile or twice the 90th, whichever is lower, and
 * one last bar for the slow tail. Bounding the bars by the body of the distribution keeps them
 * readable when a few stalls (a loaded machine) stretch the 99th percentile far out.
 *
 * @param bins the bars in order
 * @param tail whether the last bar is the open-ended tail (its {@code toUs} is the maximum)
 */
public record Histogram(List<Bin> bins, boolean tail) {

    /** Bars a histogram aims at. */
    static final int TARGET_BINS = 20;

    /** One bar: samples in {@code [fromUs, toUs)}. */
    public record Bin(double fromUs, double toUs, long count) {
    }

    public static final Histogram EMPTY = new Histogram(List.of(), false);

    public Histogram {
        bins = List.copyOf(bins);
    }

    /** The histogram of sorted samples {@code ns[0..n)}. */
    public static Histogram ofSorted(long[] ns, int n) {
        if (n == 0) {
            return EMPTY;
        }
        long p90 = ns[(int) LatencyStats.rank(90, n) - 1];
        long p99 = ns[(int) LatencyStats.rank(99, n) - 1];
        Layout l = Layout.of(ns[0], Math.min(p99, 2 * p90), ns[n - 1]);
        long[] counts = new long[l.bins()];
        for (int i = 0; i < n; i++) {
            counts[l.bin(ns[i])]++;
        }
        return l.histogram(counts);
    }

    /** The histogram of live bucket counts ({@link LatencyHistogram#snapshot()}). */
    public static Histogram ofBuckets(long[] buckets) {
        int first = -1;
        int last = -1;
        for (int i = 0; i < buckets.length; i++) {
            if (buckets[i] > 0) {
                last = i;
                if (first < 0) {
                    first = i;
                }
            }
        }
        if (first < 0) {
            return EMPTY;
        }
        Layout l = Layout.of(LatencyHistogram.lowerBound(first), Math.min(LatencyHistogram.percentile(buckets, 99),
                2 * LatencyHistogram.percentile(buckets, 90)), LatencyHistogram.lowerBound(last) + LatencyHistogram.width(last) - 1);
        long[] counts = new long[l.bins()];
        for (int i = first; i <= last; i++) {
            if (buckets[i] > 0) {
                counts[l.bin(LatencyHistogram.lowerBound(i) + LatencyHistogram.width(i) / 2)] += buckets[i];
            }
        }
        return l.histogram(counts);
    }

    /** Where the bars start, how wide they are, and whether a tail bar follows. */
    private record Layout(long start, long width, int regular, long max) {

        static Layout of(long min, long body, long max) {
            long width = niceWidth(Math.max(1, body - min) / TARGET_BINS);
            long start = min / width * width;
            int regular = (int) Math.max(1, (body - start) / width + 1);
            return new Layout(start, width, regular, max);
        }

        int bins() {
            return max >= start + regular * width ? regular + 1 : regular;
        }

        int bin(long v) {
            return (int) Math.min(bins() - 1, Math.max(0, (v - start) / width));
        }

        Histogram histogram(long[] counts) {
            List<Bin> out = new ArrayList<>(counts.length);
            for (int i = 0; i < counts.length; i++) {
                long from = start + i * width;
                long to = i < regular ? from + width : Math.max(from + width, max + 1);
                out.add(new Bin(from / 1e3, to / 1e3, counts[i]));
            }
            return new Histogram(out, counts.length > regular);
        }

        /** The smallest of 1, 2, 5 × 10ⁿ ns at least {@code raw} (≥ 1 ns). */
        private static long niceWidth(long raw) {
            long w = 1;
            while (true) {
                for (long m : new long[] {1, 2, 5}) {
                    if (w * m >= raw) {
                        return w * m;
                    }
                }
                w *= 10;
            }
        }
    }
}
