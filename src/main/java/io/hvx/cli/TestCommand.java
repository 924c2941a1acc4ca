package io.hvx.cli;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.NameResolver;
import io.hvx.core.Problem;
import io.hvx.core.TextSafety;
import io.hvx.core.tester.Direction;
import io.hvx.core.tester.TestPlan;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import io.hvx.core.tester.TestRun;
import io.hvx.core.tester.Tester;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx test connect|echo|throughput VM SERVICE}: the live connection tester without a
 * window. Exit 0 when the test ran to the end and every byte checked was intact (every connect
 * succeeded), 1 otherwise, 2 for bad input.
 */
@Command(name = "test", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class TestCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "KIND", descriptionKey = "param.test.kind")
    String kind;

    @Parameters(index = "1", paramLabel = "VM", descriptionKey = "param.connect.vm")
    String vm;

    @Parameters(index = "2", paramLabel = "SERVICE", descriptionKey = "param.connect.service")
    String service;

    @Option(names = "--count", paramLabel = "N", descriptionKey = "option.test.count")
    String count;

    @Option(names = "--parallel", paramLabel = "P", descriptionKey = "option.test.parallel")
    String parallel;

    @Option(names = "--size", paramLabel = "BYTES", descriptionKey = "option.test.size")
    String size;

    @Option(names = "--duration", paramLabel = "SEC", descriptionKey = "option.test.duration")
    String duration;

    @Option(names = "--direction", paramLabel = "up|down|both", descriptionKey = "option.test.direction")
    String direction;

    @Option(names = "--timeout", paramLabel = "MS", descriptionKey = "option.test.timeout")
    String timeout;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    static final NumberOption PARALLEL = new NumberOption("--parallel", NumberOption.Unit.COUNT, 1, TestPlan.MAX_PARALLEL);
    static final NumberOption SIZE = new NumberOption("--size", NumberOption.Unit.BYTES, 1, TestPlan.MAX_SIZE);
    static final NumberOption DURATION = new NumberOption("--duration", NumberOption.Unit.DECIMAL_SECONDS,
            TestPlan.Throughput.MIN_DURATION.toMillis(), TestPlan.Throughput.MAX_DURATION.toMillis());
    static final NumberOption TIMEOUT = new NumberOption("--timeout", NumberOption.Unit.MILLISECONDS, 1,
            TestPlan.MAX_TIMEOUT_MS);

    public TestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        TestPlan.Kind k = kind(kind);
        checkNumbers(k);
        TestPlan plan = TestPlan.of(k, new TestPlan.Inputs(count, parallel, size, duration, direction, timeout));
        NameResolver.Target target = ctx.backend().names().target(vm, service);
        TestResult r = run(ctx, new Tester(ctx.backend().connector()), plan, target);
        if (json) {
            ctx.printJson(TestReports.json(r));
        } else {
            print(ctx, r);
        }
        return outcome(ctx, r);
    }

    static TestPlan.Kind kind(String text) {
        for (TestPlan.Kind k : TestPlan.Kind.values()) {
            if (k.id().equalsIgnoreCase(text == null ? "" : text.strip())) {
                return k;
            }
        }
        throw new InvalidInputException(Problem.of("tester.error.kind", text == null ? "" : text.strip()));
    }

    /**
     * Checks the numeric options the way every hvx option is checked ({@link NumberOption}), so a
     * wrong number names the option; {@link TestPlan} then checks how they combine.
     */
    private void checkNumbers(TestPlan.Kind k) {
        long maxCount = switch (k) {
            case CONNECT -> TestPlan.Connect.MAX_COUNT;
            case ECHO -> TestPlan.Echo.MAX_COUNT;
            case THROUGHPUT -> TestPlan.Throughput.MAX_MESSAGES;
        };
        if (count != null) {
            new NumberOption("--count", NumberOption.Unit.COUNT, 1, maxCount).parse(count);
        }
        if (parallel != null) {
            PARALLEL.parse(parallel);
        }
        if (size != null && !(k == TestPlan.Kind.THROUGHPUT && size.strip().equalsIgnoreCase("sweep"))) {
            SIZE.parse(size);
        }
        if (duration != null) {
            DURATION.parse(duration);
        }
        if (timeout != null) {
            TIMEOUT.parse(timeout);
        }
    }

    /** Runs a test with live progress on stderr for a person at a terminal; Ctrl+C cancels it. */
    static TestResult run(CliContext ctx, Tester tester, TestPlan plan, NameResolver.Target target)
            throws InterruptedException {
        CliProgress progress = ctx.interactive() ? new CliProgress(ctx.err()) : null;
        TestRun run = tester.start(plan, target, progress == null ? p -> { } : progress);
        Thread hook = new Thread(run::cancel, "hvx-test-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            return run.await();
        } finally {
            if (progress != null) {
                progress.clear();
            }
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is already shutting down: the hook cancels the test
            }
        }
    }

    /**
     * The exit status of a result after saying on stderr what went wrong: the error (thrown, so
     * the CLI prints it with its detail and exit status), data that was not intact, failed
     * connects or a cancel.
     */
    static int outcome(CliContext ctx, TestResult r) {
        if (r.run().error() != null) {
            throw r.run().error();
        }
        if (r.ok()) {
            return Cli.OK;
        }
        String why = switch (r) {
            case _ when r.run().cancelled() -> Messages.get("tester.cli.cancelled");
            case TestResult.Connect c -> Messages.get("tester.cli.connectFailures", c.failures(), c.attempts());
            case TestResult.Echo e -> Messages.get("tester.cli.echoNotIntact", e.mismatches(), e.roundTrips(),
                    e.firstMismatch() == null ? "" : e.firstMismatch());
            case TestResult.Throughput t -> Messages.get("tester.cli.streamNotIntact",
                    t.steps().stream().filter(s -> !s.checksumOk()).map(s -> s.size() + " B").toList().toString());
        };
        ctx.err().println("hvx: " + why);
        return Cli.FAILED;
    }

    /** The result as text for people. */
    static void print(CliContext ctx, TestResult r) {
        var out = ctx.out();
        String target = TextSafety.escapeControls(r.run().target().describe());
        double secs = r.run().elapsed().toNanos() / 1e9;
        switch (r) {
            case TestResult.Connect c -> {
                out.println(Messages.get("tester.cli.connect.head", target, c.attempts(), c.plan().parallel(), secs(secs)));
                out.println(latencyLine(c.stats().p50Us(), c.stats().p90Us(), c.stats().p99Us(), Double.NaN,
                        c.stats().maxUs(), Double.NaN));
                out.println("  " + Messages.get("tester.cli.connect.failures", c.failures()));
                for (Map.Entry<String, Long> e : c.failuresByCause().entrySet()) {
                    out.printf("    %,d \u00d7 %s%n", e.getValue(), TextSafety.escapeControls(e.getKey()));
                }
            }
            case TestResult.Echo e -> {
                out.println(Messages.get("tester.cli.echo.head", target, e.roundTrips(), e.plan().size(),
                        e.plan().parallel(), secs(secs)));
                out.println(latencyLine(e.stats().p50Us(), e.stats().p90Us(), e.stats().p99Us(), e.stats().p999Us(),
                        e.stats().maxUs(), e.stats().jitterUs()));
                out.println("  " + (e.mismatches() == 0 ? Messages.get("tester.cli.echo.intact", e.roundTrips())
                        : Messages.get("tester.cli.echo.mismatches", e.mismatches(), e.roundTrips())));
            }
            case TestResult.Throughput t -> {
                Direction d = t.plan().direction();
                out.println(Messages.get("tester.cli.throughput.head", target, d.label(), secs(secs)));
                if (t.steps().isEmpty()) {
                    break;
                }
                out.printf("  %10s %12s %12s %14s %9s  %s%n", Messages.get("tester.col.size"), "MB/s",
                        Messages.get("tester.col.msgsPerSec"), Messages.get("tester.col.bytes"),
                        Messages.get("tester.col.seconds"), Messages.get("tester.col.intact"));
                for (TestResult.Step s : t.steps()) {
                    out.printf(Locale.ROOT, "  %10d %12.1f %12.0f %14d %9.3f  %s%n", s.size(), s.mbPerSec(),
                            s.msgsPerSec(), s.bytes(), s.seconds(),
                            Messages.get(s.checksumOk() ? "common.yes" : "common.no"));
                }
            }
        }
        out.flush();
    }

    private static String latencyLine(double p50, double p90, double p99, double p999, double max, double jitter) {
        StringBuilder b = new StringBuilder("  p50 ").append(TestReports.us(p50)).append(" \u00b5s   p90 ")
                .append(TestReports.us(p90)).append(" \u00b5s   p99 ").append(TestReports.us(p99)).append(" \u00b5s");
        if (!Double.isNaN(p999)) {
            b.append("   p99.9 ").append(TestReports.us(p999)).append(" \u00b5s");
        }
        b.append("   max ").append(TestReports.us(max)).append(" \u00b5s");
        if (!Double.isNaN(jitter)) {
            b.append("   ").append(Messages.get("tester.cli.jitter")).append(' ').append(TestReports.us(jitter)).append(" \u00b5s");
        }
        return b.toString();
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.2f", s);
    }
}
