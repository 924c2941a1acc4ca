package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.HostileInput;
import io.hvx.core.GuidFacts;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.VsockTemplate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Hostile command lines and GUID / {@code vsock:} strings (issue 14 §20). Every command line ends
 * with exit 0–3, its error in one line that starts with {@code hvx:} (or the doctor's report), no stack trace and no
 * unescaped control character on either stream; one that fails leaves the store, the VM list and
 * the undo journal byte for byte as they were. A GUID or {@code vsock:} text is read as the GUID
 * it names (the same one again from its canonical form) or refused as invalid input.
 */
class HostileArgumentsProperties {

    private static Path sandbox;

    @BeforeContainer
    static void seed() throws IOException {
        Messages.setLocale(Locale.US);
        sandbox = Files.createTempDirectory("hvxha");
        assertThat(new CliHarness(sandbox).run("--mode", "sandbox", "sandbox", "vm", "list").exit()).isZero();
        assertThat(new CliHarness(sandbox).run("--mode", "sandbox", "services", "list").exit()).isZero();
    }

    @AfterContainer
    static void clean() throws IOException {
        try (Stream<Path> s = Files.walk(sandbox)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** What a port may look like when typed. */
    @Provide
    Arbitrary<String> ports() {
        return Arbitraries.oneOf(Arbitraries.longs().between(-3, 0x7FFFFFFFL + 3).map(String::valueOf),
                Arbitraries.of("0", "7", "2147483647", "2147483648", "4294967295", "-0", "+5", "007", "0x7", "0X7FFFFFFF",
                        "0x80000000", "0x", "1e3", "1.0", " 5", "5 ", "\u0665", "\uff15", "9".repeat(400), "", "5\u0000"),
                Arbitraries.strings().ofMaxLength(12));
    }

    /** GUID-like and {@code vsock:} texts, valid and not. */
    @Provide
    Arbitrary<String> guidTexts() {
        Arbitrary<String> guids = Arbitraries.longs().tuple2().map(t -> new java.util.UUID(t.get1(), t.get2()).toString());
        Arbitrary<String> forms = Combinators.combine(guids, Arbitraries.integers().between(0, 6)).as((g, f) -> switch (f) {
            case 0 -> g;
            case 1 -> "{" + g.toUpperCase(Locale.ROOT) + "}";
            case 2 -> g.replace("-", "");
            case 3 -> " " + g + "\t";
            case 4 -> g.substring(0, 35);
            case 5 -> g + "0";
            default -> "{" + g;
        });
        Arbitrary<String> vsock = Combinators.combine(Arbitraries.of("vsock:", "VSOCK:", "vsock: ", "vsock", "vsock::"),
                ports()).as(String::concat);
        return Arbitraries.oneOf(forms, vsock, Arbitraries.of("wildcard", "loopback", "parent", "children", "broadcast",
                "silohost", "WILDCARD", "00000000-0000-0000-0000-000000000000", "\u001b]0;x\u0007"),
                Arbitraries.strings().ofMaxLength(40));
    }

    @Property(tries = 3000)
    void aGuidTextIsReadAsItsGuidOrRefused(@ForAll("guidTexts") String text) {
        GuidFacts facts;
        try {
            facts = GuidFacts.parse(text);
        } catch (InvalidInputException e) {
            assertThat(e.problem()).isNotNull();
            HostileInput.count("guid", HostileInput.refused(e));
            return;
        }
        HostileInput.count("guid", "read");
        assertThat(GuidFacts.parse(facts.guid().toString()).guid()).isEqualTo(facts.guid());
        String t = text.strip();
        if (t.regionMatches(true, 0, "vsock:", 0, 6)) {
            long port = facts.vsockPort().orElseThrow();
            assertThat(port).isBetween(0L, 0x7FFFFFFFL);
            assertThat(facts.guid()).isEqualTo(VsockTemplate.guidForPort(port));
        }
    }

    // --- command lines ----------------------------------------------------------------------------

    /** The commands that end by themselves (no listener, server, GUI or long test). */
    private static final List<List<String>> COMMANDS = List.of(List.of("info"), List.of("guid"), List.of("address"),
            List.of("services", "list"), List.of("services", "add"), List.of("services", "rename"),
            List.of("services", "remove"), List.of("services", "export"), List.of("services", "import"),
            List.of("services", "undo"), List.of("vms"), List.of("sandbox", "vm", "list"), List.of("sandbox", "vm", "add"),
            List.of("sandbox", "vm", "state"), List.of("sandbox", "vm", "remove"), List.of("sandbox", "path"),
            List.of("connect"), List.of("doctor"), List.of("services"), List.of("sandbox"), List.of("nonsense"));

    @Provide
    Arbitrary<List<String>> commandLines() {
        Arbitrary<String> token = Arbitraries.oneOf(
                Arbitraries.of("demo-linux", "demo-windows", "DEMO-LINUX", "wildcard", "parent", "vsock:7", "vsock:5000",
                        "Demo echo", "demo ECHO", "--name", "--id", "--vsock-port", "--force", "--yes", "--json",
                        "--timeout", "--format", "reg", "ps1", "json", "xml", "--state", "running", "off", "--vm",
                        "--service", "--family", "hyperv", "vsock", "--dry-run", "--allow-delete", "--mode", "windows",
                        "linux-guest", "--help", "-h", "--version", "-", "", " ", "a=b", "--name=x",
                        "--timeout=-1", "\u001b]0;title\u0007", "\u202e", "x".repeat(300), "/nonexistent/file.reg", "."),
                guidTexts(), ports());
        // an operating system's argv cannot hold NUL: only what a shell can pass
        token = token.filter(t -> t.indexOf('\u0000') < 0);
        return Combinators.combine(Arbitraries.of(COMMANDS), token.list().ofMaxSize(6)).as((c, rest) -> {
            List<String> args = new ArrayList<>(List.of("--mode", "sandbox"));
            args.addAll(c);
            args.addAll(rest);
            return args;
        });
    }

    @Property(tries = 1500)
    void everyCommandLineEndsInOneLineAndAFailureWritesNothing(@ForAll("commandLines") List<String> args) {
        Map<String, String> before = HostileImportProperties.snapshot(sandbox);
        CliHarness.Result r = new CliHarness(sandbox).run(args.toArray(String[]::new));
        assertThat(r.exit()).as("%s: %s", args, r.err()).isBetween(0, 3);
        for (String stream : List.of(r.out(), r.err())) {
            assertThat(stream).as("%s", args).doesNotContain("unexpected error", "\tat ", "\u001b", "\u0007", "\u202e");
        }
        // the sentence names the cause in words; a Java exception may only appear in the detail below it
        assertThat(r.err().lines().findFirst().orElse("")).as("%s", args).doesNotContain("Exception");
        if (r.exit() != 0) {
            // a one-line error, or (the doctor) a report on stdout of what failed
            if (r.err().isEmpty()) {
                assertThat(r.out()).as("%s says why it failed", args).isNotBlank();
            } else {
                assertThat(r.err()).as("%s", args).startsWith("hvx: ");
            }
            assertThat(HostileImportProperties.snapshot(sandbox)).as("%s wrote on failure", args).isEqualTo(before);
            HostileInput.count("exit", r.exit());
        } else {
            HostileInput.count("exit", 0);
        }
    }
}
