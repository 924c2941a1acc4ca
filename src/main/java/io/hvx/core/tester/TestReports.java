package io.hvx.core.tester;

import io.hvx.core.Messages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A result in the shapes the CLI prints and the GUI exports: JSON objects with the field names
 * of the CLI's contract, CSV rows, and a one-line summary. Kept here so {@code hvx test --json},
 * {@code hvx selftest --json} and the GUI's export agree.
 */
public final class TestReports {

    private TestReports() {
    }

    /**
     * The contract object of a result: {@code {"connect":{count, failures, p50Us, p90Us, p99Us,
     * maxUs, histogram}}}, {@code {"echo":{count, size, p50Us, p90Us, p99Us, p999Us, maxUs,
     * mismatches}}} or {@code {"throughput":{direction, size, bytes, seconds, mbPerSec,
     * msgsPerSec, checksumOk}}} (an array of those for a sweep).
     */
    public static Map<String, Object> json(TestResult r) {
        Map<String, Object> m = new LinkedHashMap<>();
        switch (r) {
            case TestResult.Connect c -> m.put("connect", connect(c));
            case TestResult.Echo e -> m.put("echo", echo(e));
            case TestResult.Throughput t -> {
                List<Map<String, Object>> steps = t.steps().stream().map(s -> step(t.plan().direction(), s)).toList();
                m.put("throughput", t.plan().sweep() ? steps : steps.isEmpty() ? null : steps.getFirst());
            }
        }
        return m;
    }

    private static Map<String, Object> connect(TestResult.Connect c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", c.attempts());
        m.put("failures", c.failures());
        m.put("p50Us", c.stats().p50Us());
        m.put("p90Us", c.stats().p90Us());
        m.put("p99Us", c.stats().p99Us());
        m.put("maxUs", c.stats().maxUs());
        m.put("histogram", c.histogram().bins().stream().map(b -> {
            Map<String, Object> bin = new LinkedHashMap<>();
            bin.put("fromUs", b.fromUs());
            bin.put("toUs", b.toUs());
            bin.put("count", b.count());
            return bin;
        }).toList());
        return m;
    }

    private static Map<String, Object> echo(TestResult.Echo e) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("count", e.roundTrips());
        m.put("size", e.plan().size());
        m.put("p50Us", e.stats().p50Us());
        m.put("p90Us", e.stats().p90Us());
        m.put("p99Us", e.stats().p99Us());
        m.put("p999Us", e.stats().p999Us());
        m.put("maxUs", e.stats().maxUs());
        m.put("mismatches", e.mismatches());
        return m;
    }

    private static Map<String, Object> step(Direction d, TestResult.Step s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("direction", d.id());
        m.put("size", s.size());
        m.put("bytes", s.bytes());
        m.put("seconds", round(s.seconds(), 3));
        m.put("mbPerSec", round(s.mbPerSec(), 1));
        m.put("msgsPerSec", round(s.msgsPerSec(), 0));
        m.put("checksumOk", s.checksumOk());
        return m;
    }

    /**
     * Runs as the GUI exports them: {@code {"runs":[{target, vmId, serviceId, startedAt, kind,
     * ok, error, <contract object>}]}}.
     */
    public static Map<String, Object> jsonRuns(List<TestResult> results) {
        List<Map<String, Object>> runs = new ArrayList<>();
        for (TestResult r : results) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", r.run().target().describe());
            m.put("vmId", r.run().target().endpoint().vmId().toString());
            m.put("serviceId", r.run().target().endpoint().serviceId().toString());
            m.put("startedAt", r.run().startedAt().toString());
            m.put("kind", r.plan().kind().id());
            m.put("ok", r.ok());
            m.put("error", r.run().errorIfAny().map(Throwable::getMessage).orElse(null));
            m.putAll(json(r));
            runs.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("runs", runs);
        return out;
    }

    /** CSV columns of {@link #csv}. */
    static final List<String> CSV_COLUMNS = List.of("startedAt", "target", "kind", "ok", "count", "failures",
            "size", "direction", "p50Us", "p90Us", "p99Us", "p999Us", "maxUs", "jitterUs", "mismatches", "bytes",
            "seconds", "mbPerSec", "msgsPerSec", "checksumOk");

    /** One CSV row per connect or echo run and per throughput step (RFC 4180 quoting, CRLF). */
    public static String csv(List<TestResult> results) {
        StringBuilder b = new StringBuilder(String.join(",", CSV_COLUMNS)).append("\r\n");
        for (TestResult r : results) {
            for (Map<String, Object> row : rows(r)) {
                List<String> cells = new ArrayList<>();
                for (String c : CSV_COLUMNS) {
                    Object v = row.get(c);
                    cells.add(v == null ? "" : quote(String.valueOf(v)));
                }
                b.append(String.join(",", cells)).append("\r\n");
            }
        }
        return b.toString();
    }

    private static List<Map<String, Object>> rows(TestResult r) {
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("startedAt", r.run().startedAt().toString());
        common.put("target", r.run().target().describe());
        common.put("kind", r.plan().kind().id());
        common.put("ok", r.ok());
        List<Map<String, Object>> out = new ArrayList<>();
        switch (r) {
            case TestResult.Connect c -> {
                Map<String, Object> m = new LinkedHashMap<>(common);
                m.putAll(connect(c));
                out.add(m);
            }
            case TestResult.Echo e -> {
                Map<String, Object> m = new LinkedHashMap<>(common);
                m.putAll(echo(e));
                m.put("jitterUs", e.stats().jitterUs());
                out.add(m);
            }
            case TestResult.Throughput t -> {
                for (TestResult.Step s : t.steps()) {
                    Map<String, Object> m = new LinkedHashMap<>(common);
                    m.putAll(step(t.plan().direction(), s));
                    out.add(m);
                }
            }
        }
        return out;
    }

    private static String quote(String s) {
        boolean needs = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return needs ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /** The result in one line for a table of runs (localised). */
    public static String summary(TestResult r) {
        String s = switch (r) {
            case TestResult.Connect c -> Messages.get("tester.summary.connect", c.attempts(), us(c.stats().p50Us()),
                    us(c.stats().p99Us()), c.failures());
            case TestResult.Echo e -> Messages.get("tester.summary.echo", e.roundTrips(), us(e.stats().p50Us()),
                    us(e.stats().p99Us()), e.mismatches());
            case TestResult.Throughput t -> t.steps().isEmpty() ? Messages.get("tester.summary.noSteps")
                    : Messages.get("tester.summary.throughput", t.plan().direction().id(),
                            mb(t.steps().stream().mapToDouble(TestResult.Step::mbPerSec).max().orElse(0)),
                            bytes(t.steps().stream().mapToLong(TestResult.Step::bytes).sum()),
                            Messages.get(t.steps().stream().allMatch(TestResult.Step::checksumOk)
                                    ? "tester.summary.intact" : "tester.summary.notIntact"));
        };
        if (r.run().cancelled()) {
            return Messages.get("tester.summary.cancelled", s);
        }
        return r.run().errorIfAny().map(e -> Messages.get("tester.summary.failed", s)).orElse(s);
    }

    /** Microseconds as users read them: {@code 21.4}, {@code 1,203}. */
    public static String us(double us) {
        return us >= 1000 ? String.format(Locale.ROOT, "%,.0f", us) : String.format(Locale.ROOT, "%.1f", us);
    }

    /** Megabytes per second with one decimal. */
    public static String mb(double mbPerSec) {
        return String.format(Locale.ROOT, "%,.1f", mbPerSec);
    }

    /** A byte count in B, KiB, MiB or GiB. */
    public static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double v = n;
        int u = -1;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f %s" : "%.1f %s", v, units[u]);
    }

    private static double round(double v, int decimals) {
        double f = Math.pow(10, decimals);
        return Math.round(v * f) / f;
    }
}
