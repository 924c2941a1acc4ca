package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.ServiceRegistration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Round trips of the export formats with hostile names. */
class ServiceFilesProperties {

    /** Valid names built from the characters that break naive escaping. */
    @Provide
    Arbitrary<String> hostileNames() {
        Arbitrary<String> pieces = Arbitraries.of("\"", "\\", "'", "''", "\u2019", "\u2018", "$(", "$(calc)", "`", "${x}",
                "; Remove-Item C:\\ -Recurse #", "é", "名字", "服务", "\uD83D\uDE00", " ", "[", "]", "=", "@", "%PATH%",
                "\\\"", "a", "Z", "0", "\u00A0", "ß");
        return pieces.list().ofMinSize(1).ofMaxSize(12).map(l -> String.join("", l))
                .filter(s -> ServiceRules.nameProblem(s) == null)
                .map(String::strip);
    }

    @Provide
    Arbitrary<String> namesWithControlCharacters() {
        return Combinators.combine(hostileNames(), Arbitraries.of("\n", "\r", "\t", "\u0000", "\u001b", "\u2028", "\u007f"),
                hostileNames()).as((a, c, b) -> a + c + b);
    }

    static ServiceRegistration entry(String name) {
        return ServiceRegistration.of(Guid.random(), name, "hvx 0.1.0", "2026-01-02T03:04:05Z");
    }

    @Property(tries = 300)
    void regRoundTripKeepsEveryName(@ForAll("hostileNames") String name) {
        ServiceRegistration r = entry(name);
        List<ImportPlan.Entry> back = RegFile.read("x.reg", RegFile.write(List.of(r)));
        assertThat(back).hasSize(1);
        assertThat(back.getFirst().name()).isEqualTo(name);
        assertThat(back.getFirst().id()).isEqualTo(r.id());
        assertThat(back.getFirst().createdBy()).isEqualTo("hvx 0.1.0");
    }

    @Property(tries = 300)
    void jsonRoundTripKeepsEveryName(@ForAll("hostileNames") String name) {
        ServiceRegistration r = entry(name);
        List<ImportPlan.Entry> back = JsonExport.read("x.json", JsonExport.write(List.of(r)));
        assertThat(back.getFirst().name()).isEqualTo(name);
        assertThat(back.getFirst().createdAt()).isEqualTo("2026-01-02T03:04:05Z");
    }

    @Property(tries = 300)
    void ps1PassesEveryNameAsOneSingleQuotedLiteral(@ForAll("hostileNames") String name) {
        ServiceRegistration r = entry(name);
        String script = new String(Ps1Script.write(List.of(r)), StandardCharsets.UTF_8);
        String call = script.lines().filter(l -> l.startsWith("Register-HvSocketService ")).findFirst().orElseThrow();
        List<String> args = PowerShellLiterals.parseArguments(call.substring("Register-HvSocketService ".length()));
        assertThat(args).containsExactly(r.id().toString(), name, "hvx 0.1.0", "2026-01-02T03:04:05Z");
    }

    @Property(tries = 200)
    void regRoundTripOfControlCharactersIsExactAndTheRulesRefuseThem(@ForAll("namesWithControlCharacters") String name) {
        List<ImportPlan.Entry> back = RegFile.read("x.reg", RegFile.write(List.of(entry(name))));
        // a NUL inside the name survives too (issue 14 §16: it used to cut the value off)
        assertThat(back.getFirst().name()).isEqualTo(name);
        assertThat(ServiceRules.nameProblem(name)).isNotNull();
    }

    /** PowerShell's tokenizer rules for single-quoted strings, as a test oracle. */
    static final class PowerShellLiterals {
        static List<String> parseArguments(String s) {
            List<String> out = new ArrayList<>();
            int i = 0;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == ' ') {
                    i++;
                    continue;
                }
                if (!Ps1Script.isSingleQuote(c)) {
                    throw new AssertionError("argument is not a single-quoted literal at " + i + ": " + s);
                }
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= s.length()) {
                        throw new AssertionError("unterminated literal: " + s);
                    }
                    char d = s.charAt(i++);
                    if (Ps1Script.isSingleQuote(d)) {
                        if (i < s.length() && Ps1Script.isSingleQuote(s.charAt(i))) {
                            sb.append(s.charAt(i++));
                            continue;
                        }
                        break;
                    }
                    sb.append(d);
                }
                out.add(sb.toString());
                if (i < s.length() && s.charAt(i) != ' ') {
                    throw new AssertionError("text after a literal at " + i + ": " + s);
                }
            }
            return out;
        }
    }
}
