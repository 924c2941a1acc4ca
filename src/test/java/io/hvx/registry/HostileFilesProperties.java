package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.HostileInput;
import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.ImportPlan;
import io.hvx.core.ServiceRegistration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Hostile {@code .reg} and {@code .json} import files (issue 14 §20): valid exports mutated with
 * the fragments that break each format, and plain noise. Each one is read into entries or refused
 * with an {@link HvxException} naming the problem; whatever is read back is read consistently
 * (writing the entries again and reading that gives the same entries). The counts of what was
 * accepted and refused are in each property's report.
 */
class HostileFilesProperties {

    private static final List<byte[]> REG_FRAGMENTS = Stream.concat(Stream.of(HostileInput.COMMON), Stream.of(
            "\\\r\n", "\\\n  ", "\\", "=hex(1):", "=hex:", "=hex(2):41,00,", "hex(1):00,d8,", "hex(1):41,00,00,00",
            "\"=\"", "@=", "\"ElementName\"=", "\"CreatedBy\"=\"", "dword:ffffffff",
            "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\",
            "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\",
            "[HKLM\\SOFTWARE]", "[HKEY_CURRENT_USER\\x]", "]", "[-", "{00000000-0000-0000-0000-000000000000}]",
            "Windows Registry Editor Version 5.00", "REGEDIT4", "00000007-facb-11e6-bd58-64006a7986d3",
            ",00".repeat(3000) + "\\\r\n")).map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private static final List<byte[]> JSON_FRAGMENTS = Stream.concat(Stream.of(HostileInput.COMMON), Stream.of(
            "\"name\":\"dup\",\"name\":\"dup\",", "{\"id\":1}", "{\"name\":1}", "\"services\":", "\"\\ud800\"",
            "\"\\u0000\"", "\"\\u001b]0;x\\u0007\"", "true", "false", "-0", "0x10", "1.5e308", "[".repeat(2000),
            "]".repeat(2000), "{\"id\":\"00000007-facb-11e6-bd58-64006a7986d3\",\"name\":\"x\"}", "garbage after",
            "/* comment */", "// comment\n", "'single'", "\"createdBy\":", "\"id\":\"not a guid\","))
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    @Provide
    Arbitrary<List<ServiceRegistration>> exports() {
        Arbitrary<String> names = Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(40),
                Arbitraries.of("Demo echo", "My agent", "\u540d\u5b57 \u670d\u52a1", "a\"b\\c", "x=y;z", " spaced "));
        Arbitrary<ServiceRegistration> one = Arbitraries.longs().tuple2().flatMap(ids -> names.map(
                n -> ServiceRegistration.of(Guid.of(ids.get1(), ids.get2()), n, "hvx 0.1.0", "2026-01-02T03:04:05Z")));
        return one.list().ofMinSize(0).ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<HostileInput.Mutation>> mutations() {
        return HostileInput.mutations(6);
    }

    @Provide
    Arbitrary<byte[]> noise() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(4096);
    }

    /** Entries as a store would hold them, for writing them again. */
    private static List<ServiceRegistration> registrations(List<ImportPlan.Entry> entries) {
        List<ServiceRegistration> out = new ArrayList<>();
        for (ImportPlan.Entry e : entries) {
            if (!e.delete() && e.name() != null) {
                out.add(ServiceRegistration.of(e.id(), e.name(), e.createdBy(), e.createdAt()));
            }
        }
        return out;
    }

    private static List<String> described(List<ImportPlan.Entry> entries) {
        return entries.stream().filter(e -> !e.delete() && e.name() != null)
                .map(e -> e.id() + "=" + e.name() + "/" + e.createdBy() + "/" + e.createdAt()).toList();
    }

    private static void readConsistently(String kind, byte[] file, java.util.function.BiFunction<String, byte[], List<ImportPlan.Entry>> read,
                                         java.util.function.Function<List<ServiceRegistration>, byte[]> write) {
        List<ImportPlan.Entry> entries;
        try {
            entries = read.apply("x." + kind, file);
        } catch (HvxException e) {
            assertThat(e.problem()).isNotNull();
            assertThat(e.getMessage()).isNotBlank().doesNotContain("\n");
            HostileInput.count(kind, HostileInput.refused(e));
            return;
        }
        HostileInput.count(kind, "accepted");
        for (ImportPlan.Entry e : entries) {
            assertThat(e.id()).isNotNull();
        }
        List<ServiceRegistration> again = registrations(entries);
        assertThat(described(read.apply("again." + kind, write.apply(again)))).isEqualTo(described(entries));
    }

    @Property(tries = 1500)
    void mutatedRegFilesAreReadConsistentlyOrRefusedWithAProblem(@ForAll("exports") List<ServiceRegistration> export,
                                                                 @ForAll("mutations") List<HostileInput.Mutation> m) {
        readConsistently("reg", HostileInput.mutate(RegFile.write(export), m, REG_FRAGMENTS), RegFile::read, RegFile::write);
    }

    @Property(tries = 1500)
    void mutatedJsonFilesAreReadConsistentlyOrRefusedWithAProblem(@ForAll("exports") List<ServiceRegistration> export,
                                                                  @ForAll("mutations") List<HostileInput.Mutation> m) {
        readConsistently("json", HostileInput.mutate(JsonExport.write(export), m, JSON_FRAGMENTS), JsonExport::read,
                JsonExport::write);
    }

    @Property(tries = 500)
    void noiseIsRefusedAsRegOrJson(@ForAll("noise") byte[] noise) {
        readConsistently("reg", noise, RegFile::read, RegFile::write);
        readConsistently("json", noise, JsonExport::read, JsonExport::write);
    }
}
