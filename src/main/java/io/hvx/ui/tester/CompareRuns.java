package io.hvx.ui.tester;

import io.hvx.core.Messages;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import io.hvx.ui.common.DialogService;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;

/**
 * Two runs side by side: one row per figure, the two runs' values in two columns (a figure only
 * one of them has is blank for the other). Toolkit-free; {@link CompareRunsView} shows it.
 */
public final class CompareRuns implements DialogService.Form {

    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    /** One figure of both runs. */
    public record Row(String figure, String a, String b) {
    }

    private final TestResult a;
    private final TestResult b;
    private final List<Row> rows;

    public CompareRuns(TestResult a, TestResult b) {
        this.a = a;
        this.b = b;
        Map<String, String> fa = figures(a);
        Map<String, String> fb = figures(b);
        Map<String, String[]> merged = new LinkedHashMap<>();
        fa.forEach((k, v) -> merged.computeIfAbsent(k, x -> new String[2])[0] = v);
        fb.forEach((k, v) -> merged.computeIfAbsent(k, x -> new String[2])[1] = v);
        List<Row> out = new ArrayList<>();
        merged.forEach((k, v) -> out.add(new Row(k, v[0] == null ? "" : v[0], v[1] == null ? "" : v[1])));
        this.rows = List.copyOf(out);
    }

    @Override
    public String title() {
        return Messages.get("tester.compare.title");
    }

    @Override
    public String header() {
        return Messages.get("tester.compare.header");
    }

    @Override
    public String okText() {
        return Messages.get("tester.compare.close");
    }

    @Override
    public ObservableBooleanValue okAllowed() {
        return Bindings.createBooleanBinding(() -> true);
    }

    public TestResult first() {
        return a;
    }

    public TestResult second() {
        return b;
    }

    public List<Row> rows() {
        return rows;
    }

    /** The figures of a run, labelled, in the order they are shown. */
    static Map<String, String> figures(TestResult r) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put(Messages.get("tester.col.started"), TIME.format(r.run().startedAt()));
        f.put(Messages.get("tester.col.target"), r.run().target().describe());
        f.put(Messages.get("tester.col.kind"), r.plan().kind().label());
        f.put(Messages.get("tester.col.outcome"), CompareRuns.outcome(r));
        switch (r) {
            case TestResult.Connect c -> {
                f.put(Messages.get("tester.figure.count"), Long.toString(c.attempts()));
                f.put(Messages.get("tester.figure.parallel"), Integer.toString(c.plan().parallel()));
                latency(f, c.stats().p50Us(), c.stats().p90Us(), c.stats().p99Us(), c.stats().p999Us(), c.stats().maxUs());
                f.put(Messages.get("tester.figure.failures"), Long.toString(c.failures()));
            }
            case TestResult.Echo e -> {
                f.put(Messages.get("tester.figure.count"), Long.toString(e.roundTrips()));
                f.put(Messages.get("tester.figure.size"), e.plan().size() + " B");
                f.put(Messages.get("tester.figure.parallel"), Integer.toString(e.plan().parallel()));
                latency(f, e.stats().p50Us(), e.stats().p90Us(), e.stats().p99Us(), e.stats().p999Us(), e.stats().maxUs());
                f.put(Messages.get("tester.figure.jitter"), TestReports.us(e.stats().jitterUs()) + " \u00b5s");
                f.put(Messages.get("tester.figure.mismatches"), Long.toString(e.mismatches()));
            }
            case TestResult.Throughput t -> {
                f.put(Messages.get("tester.figure.direction"), t.plan().direction().label());
                for (TestResult.Step s : t.steps()) {
                    String size = s.size() + " B";
                    f.put(Messages.get("tester.figure.mbps", size), TestReports.mb(s.mbPerSec()));
                    f.put(Messages.get("tester.figure.msgs", size), String.format(Locale.ROOT, "%,.0f", s.msgsPerSec()));
                    f.put(Messages.get("tester.figure.intact", size),
                            Messages.get(s.checksumOk() ? "common.yes" : "common.no"));
                }
            }
        }
        return f;
    }

    private static void latency(Map<String, String> f, double p50, double p90, double p99, double p999, double max) {
        f.put("p50", TestReports.us(p50) + " \u00b5s");
        f.put("p90", TestReports.us(p90) + " \u00b5s");
        f.put("p99", TestReports.us(p99) + " \u00b5s");
        f.put("p99.9", TestReports.us(p999) + " \u00b5s");
        f.put(Messages.get("tester.figure.max"), TestReports.us(max) + " \u00b5s");
    }

    /** intact / not intact (all connected / failures) / failed / stopped. */
    static String outcome(TestResult r) {
        if (r.run().cancelled()) {
            return Messages.get("tester.outcome.cancelled");
        }
        if (r.run().error() != null) {
            return Messages.get("tester.outcome.failed");
        }
        if (r instanceof TestResult.Connect) {
            return Messages.get(r.ok() ? "tester.outcome.connected" : "tester.outcome.connectFailures");
        }
        return Messages.get(r.ok() ? "tester.outcome.ok" : "tester.outcome.notOk");
    }
}
