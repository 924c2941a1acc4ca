package io.hvx.core.tester;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.InvalidInputException;
import java.time.Duration;
import java.util.stream.LongStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/** Percentiles, histograms and the checks on a test's parameters. */
class StatisticsTest {

    @Property
    void everyValueFallsInsideItsBucket(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE / 2) long ns) {
        int i = LatencyHistogram.index(ns);
        assertThat(LatencyHistogram.lowerBound(i)).isLessThanOrEqualTo(ns);
        assertThat(ns).isLessThan(LatencyHistogram.lowerBound(i) + LatencyHistogram.width(i));
        assertThat(LatencyHistogram.width(i)).isLessThanOrEqualTo(Math.max(1, ns / 16 + 1));
    }

    @Test
    void percentilesAreNearestRankAsTheCPeerComputesThem() {
        long[] ns = LongStream.rangeClosed(1, 1000).map(v -> v * 1000).toArray();
        LatencyStats s = LatencyStats.of(ns, ns.length, 0);
        assertThat(s.p50Us()).isEqualTo(500);
        assertThat(s.p90Us()).isEqualTo(900);
        assertThat(s.p99Us()).isEqualTo(990);
        assertThat(s.p999Us()).isEqualTo(999);
        assertThat(s.maxUs()).isEqualTo(1000);
        assertThat(s.minUs()).isEqualTo(1);
        assertThat(LatencyStats.of(new long[] {7000}, 1, 0).p999Us()).isEqualTo(7);
    }

    @Test
    void jitterIsTheMeanStepBetweenConsecutiveSamples() {
        double[] j = LatencyStats.jitterSum(new long[] {10, 20, 15, 15}, 0, 4);
        assertThat(j[0] / j[1]).isEqualTo(5);
    }

    @Test
    void liveAndFinalHistogramsAgreeOnTheCount() {
        LatencyHistogram h = new LatencyHistogram();
        long[] ns = new long[5000];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = 10_000 + (i % 97) * 137 + (i == 4999 ? 5_000_000 : 0);
            h.record(ns[i]);
        }
        Histogram live = Histogram.ofBuckets(h.snapshot());
        long[] sorted = ns.clone();
        java.util.Arrays.sort(sorted);
        Histogram exact = Histogram.ofSorted(sorted, sorted.length);
        assertThat(live.bins().stream().mapToLong(Histogram.Bin::count).sum()).isEqualTo(5000);
        assertThat(exact.bins().stream().mapToLong(Histogram.Bin::count).sum()).isEqualTo(5000);
        assertThat(exact.bins().size()).isBetween(5, Histogram.TARGET_BINS + 2);
        // the slow one lands in the open tail bar
        assertThat(exact.bins().getLast().toUs()).isGreaterThan(5000);
        assertThat(LatencyStats.approximate(h.snapshot()).p50Us())
                .isCloseTo(LatencyStats.of(sorted, sorted.length, 0).p50Us(), org.assertj.core.data.Percentage.withPercentage(7));
    }

    @Test
    void plansFillDefaultsAndNameTheWrongField() {
        TestPlan p = TestPlan.of(TestPlan.Kind.ECHO, TestPlan.Inputs.none());
        assertThat(p).isEqualTo(new TestPlan.Echo(10_000, 64, 1, Duration.ofSeconds(5)));
        TestPlan.Throughput t = (TestPlan.Throughput) TestPlan.of(TestPlan.Kind.THROUGHPUT,
                new TestPlan.Inputs(null, null, "sweep", "2", "up", "250"));
        assertThat(t.sizes()).isEqualTo(TestPlan.SWEEP);
        assertThat(t.timeout()).isEqualTo(Duration.ofMillis(250));
        assertThat(((TestPlan.Echo) TestPlan.of(TestPlan.Kind.ECHO, new TestPlan.Inputs(null, null, "4k", null, null, null))).size())
                .isEqualTo(4096);
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.ECHO, new TestPlan.Inputs("0", null, null, null, null, null)))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.range"));
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.THROUGHPUT, new TestPlan.Inputs("5", null, null, "3", null, null)))
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.durationOrCount"));
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.CONNECT, new TestPlan.Inputs(null, null, "64", null, null, null)))
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.notFor"));
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.THROUGHPUT, new TestPlan.Inputs(null, null, null, null, "sideways", null)))
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.direction"));
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.ECHO, new TestPlan.Inputs(null, null, "2M", null, null, null)))
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.size"));
        assertThatThrownBy(() -> TestPlan.of(TestPlan.Kind.CONNECT, new TestPlan.Inputs(null, null, null, null, null, "300001")))
                .satisfies(e -> assertThat(((InvalidInputException) e).problem().key()).isEqualTo("tester.error.range"));
    }
}
