package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine;

/**
 * Every numeric option of hvx refuses what it cannot take in one line and exit 2, in one format
 * (issue 14 §14: {@code --idle-timeout 99999999999999} printed an ArithmeticException trace and
 * ran on, {@code --idle-timeout -1} meant "never").
 */
class NumberOptionsTest {

    /**
     * {@code hvx: OPTION VALUE is out of range|not a number: give UNIT from MIN to MAX.}, then for a type
     * error (not a number) the usage hint every usage error ends with, and nothing else.
     */
    private static final Pattern ONE_LINE = Pattern.compile(
            "hvx: (--[a-z-]+) (.*) is (out of range|not a number): give (.+) from (\\S+) to (\\S+)\\.\n"
            + "(Run 'hvx( [a-z-]+)* --help' for usage\\.\n)?");

    /** Options whose value is not a plain number, with the reason. */
    private static final Set<String> NOT_NUMBER_OPTIONS = Set.of(
            // a vsock port: decimal or 0x hex, the grammar of vsock:PORT everywhere (core GuidFacts), one line, exit 2
            "--vsock-port");

    @TempDir
    Path dir;

    CliHarness cli;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        cli = new CliHarness(dir);
    }

    /** A numeric option, the command line it belongs to, and its checker. */
    record Case(List<String> command, NumberOption option) {
        @Override
        public String toString() {
            return String.join(" ", command) + " " + option.name();
        }
    }

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case(List.of("connect", "demo-linux", "vsock:7"), ConnectCommand.TIMEOUT));
        c.add(new Case(List.of("listen", "vsock:7", "--echo"), ListenCommand.MAX_CONNECTIONS));
        c.add(new Case(List.of("listen", "vsock:7", "--echo"), ListenCommand.IDLE_TIMEOUT));
        c.add(new Case(List.of("sandbox", "serve"), SandboxServeCommand.SECONDS));
        c.add(new Case(List.of("vms"), VmsCommand.TIMEOUT));
        c.add(new Case(List.of("test", "connect", "demo-linux", "vsock:7"), new NumberOption("--count",
                NumberOption.Unit.COUNT, 1, io.hvx.core.tester.TestPlan.Connect.MAX_COUNT)));
        c.add(new Case(List.of("test", "echo", "demo-linux", "vsock:7"), new NumberOption("--count",
                NumberOption.Unit.COUNT, 1, io.hvx.core.tester.TestPlan.Echo.MAX_COUNT)));
        c.add(new Case(List.of("test", "throughput", "demo-linux", "vsock:7"), new NumberOption("--count",
                NumberOption.Unit.COUNT, 1, io.hvx.core.tester.TestPlan.Throughput.MAX_MESSAGES)));
        c.add(new Case(List.of("test", "echo", "demo-linux", "vsock:7"), TestCommand.PARALLEL));
        c.add(new Case(List.of("test", "echo", "demo-linux", "vsock:7"), TestCommand.SIZE));
        c.add(new Case(List.of("test", "throughput", "demo-linux", "vsock:7"), TestCommand.DURATION));
        c.add(new Case(List.of("test", "connect", "demo-linux", "vsock:7"), TestCommand.TIMEOUT));
        return c;
    }

    /** Values just outside the range, as users write them. */
    private static List<String> justOutside(NumberOption o) {
        List<String> v = new ArrayList<>();
        if (o.unit() == NumberOption.Unit.DECIMAL_SECONDS) {
            v.add(BigDecimal.valueOf(o.min() - 1).movePointLeft(3).toPlainString());
            v.add(BigDecimal.valueOf(o.max() + 1).movePointLeft(3).toPlainString());
        } else {
            v.add(Long.toString(o.min() - 1));
            v.add(Long.toString(o.max() + 1));
        }
        return v;
    }

    /** What no numeric option takes: huge, negative, not numbers, other scripts' digits, hostile text. */
    private static final List<String> NEVER = List.of("99999999999999", "-99999999999999",
            "99999999999999999999999999999999999999", "-1", "abc", "", " ", "NaN", "Infinity", "0x10", "1e3", "1,000",
            "\u0661\u0662", "\uff11\uff12", "12abc", "-", "1 2", "\u001b]0;title\u0007", "9".repeat(5000));

    static Stream<Arguments> refusals() {
        List<Arguments> a = new ArrayList<>();
        for (Case c : cases()) {
            for (String v : justOutside(c.option())) {
                a.add(Arguments.of(c, v));
            }
            for (String v : NEVER) {
                if (v.equals("-1") && c.option().min() < 0) {
                    continue;
                }
                a.add(Arguments.of(c, v));
            }
        }
        return a.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("refusals")
    void everyNumericOptionRefusesInOneLineWithExitTwo(Case c, String value) {
        List<String> args = new ArrayList<>(List.of("--mode", "sandbox"));
        args.addAll(c.command());
        args.add(c.option().name() + "=" + value);
        CliHarness.Result r = cli.run(args.toArray(String[]::new));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        Matcher m = ONE_LINE.matcher(r.err());
        assertThat(m.matches()).as("one line in the shared format: %s", r.err()).isTrue();
        assertThat(m.group(1)).isEqualTo(c.option().name());
        // a type error is a usage error (the help hint follows, as for picocli's own); a range error is one line
        assertThat(m.group(7) != null).as(r.err()).isEqualTo(m.group(3).equals("not a number"));
        assertThat(m.group(2)).hasSizeLessThanOrEqualTo(NumberOption.QUOTE_LIMIT + 1).doesNotContain("\u001b", "\u0007");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void theBoundsThemselvesAreAccepted() {
        for (Case c : cases()) {
            NumberOption o = c.option();
            for (long bound : new long[] {o.min(), o.max()}) {
                String text = o.unit() == NumberOption.Unit.DECIMAL_SECONDS
                        ? BigDecimal.valueOf(bound).movePointLeft(3).toPlainString() : Long.toString(bound);
                assertThat(o.parse(text)).as("%s %s", c, text).isEqualTo(bound);
            }
        }
        assertThat(TestCommand.SIZE.parse("64K")).isEqualTo(65_536);
        assertThat(TestCommand.SIZE.parse("1m")).isEqualTo(1_048_576);
        assertThat(TestCommand.DURATION.parse("0.25")).isEqualTo(250);
        assertThat(ListenCommand.IDLE_TIMEOUT.parse(" 0 ")).isZero();
    }

    /**
     * A new numeric option cannot bypass the shared check: no option is typed as a number (picocli
     * would refuse in its own words), and every option that takes a count, a time or a size is
     * one of the cases above.
     */
    @Test
    void noOptionIsParsedAsANumberOutsideTheSharedCheck() {
        CommandLine root = Cli.commandLine(new CliContext(new java.io.PrintWriter(new java.io.StringWriter()),
                new java.io.PrintWriter(new java.io.StringWriter()), null, null, null, null, false));
        Set<String> covered = new java.util.HashSet<>();
        for (Case c : cases()) {
            covered.add(c.command().getFirst() + " " + c.option().name());
        }
        List<String> wrong = new ArrayList<>();
        walk(root, spec -> {
            for (CommandLine.Model.OptionSpec o : spec.options()) {
                Class<?> t = o.type();
                if (t.isPrimitive() && t != boolean.class || Number.class.isAssignableFrom(t)) {
                    wrong.add(spec.qualifiedName() + " " + o.longestName() + " is typed " + t.getSimpleName());
                }
                boolean numericLabel = Set.of("N", "MS", "SEC", "SECONDS", "BYTES", "P").contains(o.paramLabel());
                String top = spec.qualifiedName().split(" ").length > 1 ? spec.qualifiedName().split(" ")[1] : "";
                if (numericLabel && !NOT_NUMBER_OPTIONS.contains(o.longestName()) && !covered.contains(top + " " + o.longestName())) {
                    wrong.add(spec.qualifiedName() + " " + o.longestName() + " takes a number but is not checked here");
                }
            }
        });
        assertThat(wrong).isEmpty();
    }

    private static void walk(CommandLine cl, java.util.function.Consumer<CommandLine.Model.CommandSpec> visit) {
        visit.accept(cl.getCommandSpec());
        for (CommandLine sub : cl.getSubcommands().values()) {
            walk(sub, visit);
        }
    }
}
