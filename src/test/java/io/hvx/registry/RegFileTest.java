package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.ServiceRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

public class RegFileTest {

    static final String P = RegFile.PARENT;

    static byte[] resource(String name) throws IOException {
        try (InputStream in = RegFileTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return in.readAllBytes();
        }
    }

    static List<ServiceRegistration> sample() {
        return List.of(
                ServiceRegistration.of(Guid.parse("00001388-facb-11e6-bd58-64006a7986d3"),
                        "Port 5000 \"quoted\" C:\\path\\", "hvx 0.1.0", "2026-03-04T05:06:07Z"),
                ServiceRegistration.of(Guid.parse("999E53D4-3D5C-4C3E-8779-BED06EC056E1"), "VM Session Service", null, null),
                ServiceRegistration.of(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"), "中文服务", null, null),
                ServiceRegistration.of(Guid.parse("aaaaaaaa-0000-0000-0000-000000000001"), null, null, null));
    }

    @Test
    void writesExactlyWhatRegeditWrites() throws IOException {
        byte[] out = RegFile.write(sample());
        assertThat(out).isEqualTo(resource("golden-services.reg"));
        assertThat(out[0] & 0xff).isEqualTo(0xFF);
        assertThat(out[1] & 0xff).isEqualTo(0xFE);
        String text = new String(out, 2, out.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).startsWith("Windows Registry Editor Version 5.00\r\n\r\n");
        assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    }

    @Test
    void readsItsOwnGoldenFileBack() throws IOException {
        List<ImportPlan.Entry> e = RegFile.read("golden-services.reg", resource("golden-services.reg"));
        assertThat(e).extracting(ImportPlan.Entry::name).containsExactly(
                "Port 5000 \"quoted\" C:\\path\\", "VM Session Service", "中文服务", null);
        assertThat(e.get(0).createdBy()).isEqualTo("hvx 0.1.0");
        assertThat(e.get(0).createdAt()).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(e.get(0).line()).isEqualTo(5);
    }

    @Test
    void readsRegedit4InAnsiWithBracesAndUppercase() throws IOException {
        List<ImportPlan.Entry> e = RegFile.read("regedit4-ansi.reg", resource("regedit4-ansi.reg"));
        assertThat(e).containsExactly(new ImportPlan.Entry(Guid.parse("0007a120-facb-11e6-bd58-64006a7986d3"),
                "Café server", null, null, false, 4));
    }

    @Test
    void readsUtf8AnyCaseCommentsAndDeletions() throws IOException {
        List<ImportPlan.Entry> e = RegFile.read("utf8-with-delete.reg", resource("utf8-with-delete.reg"));
        assertThat(e).hasSize(2);
        assertThat(e.get(0).name()).isEqualTo("Ünïcode 名字");
        assertThat(e.get(0).id()).isEqualTo(Guid.parse("0007a121-facb-11e6-bd58-64006a7986d3"));
        assertThat(e.get(1).delete()).isTrue();
        assertThat(e.get(1).id()).isEqualTo(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"));
        assertThat(e.get(1).line()).isEqualTo(8);
    }

    @Test
    void refusesKeysOutsideGuestCommunicationServicesWithTheLineNumber() {
        assertThatThrownBy(() -> RegFile.read("outside-key.reg", resource("outside-key.reg")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("outside-key.reg, line 7")
                .hasMessageContaining("Windows\\CurrentVersion\\Run");
    }

    static byte[] utf8(String... lines) {
        return String.join("\r\n", lines).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void refusesMalformedFilesNamingTheLine() {
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("hello")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a registry file");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "", "[" + P + "\\not-a-guid]")))
                .hasMessageContaining("line 3").hasMessageContaining("not a GUID");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "[" + P + "\\0007a120-facb-11e6-bd58-64006a7986d3\\sub]")))
                .hasMessageContaining("line 2").hasMessageContaining("below a service key");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "\"ElementName\"=\"x\"")))
                .hasMessageContaining("line 2").hasMessageContaining("before any key");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "[" + P + "\\0007a120-facb-11e6-bd58-64006a7986d3]",
                "\"ElementName\"=\"unterminated")))
                .hasMessageContaining("line 3");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "[-" + P + "]")))
                .hasMessageContaining("whole GuestCommunicationServices");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "[HKEY_CURRENT_USER\\Software]")))
                .hasMessageContaining("line 2").hasMessageContaining("outside");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "garbage line")))
                .hasMessageContaining("line 2").hasMessageContaining("garbage line");
    }

    @Test
    void namesWithControlCharactersAreWrittenAsHexAndReadBack() {
        ServiceRegistration r = ServiceRegistration.of(Guid.parse("0007a120-facb-11e6-bd58-64006a7986d3"),
                "line one\r\nline two, long enough to wrap over several hex lines", null, null);
        byte[] out = RegFile.write(List.of(r));
        String text = new String(out, 2, out.length - 2, StandardCharsets.UTF_16LE);
        assertThat(text).contains("\"ElementName\"=hex(1):6c,00,69,00").contains(",\\\r\n  ");
        assertThat(RegFile.read("x.reg", out).getFirst().name()).isEqualTo(r.name());
    }

    @Test
    void anExportImportedIntoAStoreGivesTheSameEntries() {
        List<ImportPlan.Entry> back = RegFile.read("x.reg", RegFile.write(sample()));
        assertThat(back).extracting(ImportPlan.Entry::id).containsExactlyElementsOf(
                sample().stream().map(ServiceRegistration::id).toList());
    }

    static final String KEY = "[" + P + "\\0007a120-facb-11e6-bd58-64006a7986d3]";

    /** Issue 10, defect 8: regedit refuses the abbreviated root in a file; so do we, saying what to write. */
    @Test
    void theAbbreviatedRootHklmIsRefusedLikeRegeditRefusesIt() {
        String abbreviated = "[HKLM\\" + io.hvx.core.GuidFacts.REGISTRY_KEY + "\\0007a120-facb-11e6-bd58-64006a7986d3]";
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("Windows Registry Editor Version 5.00", "", abbreviated,
                "\"ElementName\"=\"x\"")))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("a.reg, line 3").hasMessageContaining("HKLM")
                .hasMessageContaining("HKEY_LOCAL_MACHINE in full");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "[-hklm\\Software]")))
                .hasMessageContaining("line 2").hasMessageContaining("hklm");
    }

    /** Issue 10, defect 8: in a REGEDIT4 file hex(1) is ANSI, one byte a character. */
    @Test
    void hex1InARegedit4FileIsAnsi() {
        List<ImportPlan.Entry> e = RegFile.read("a.reg", utf8("REGEDIT4", "", KEY,
                "\"ElementName\"=hex(1):43,61,66,e9,20,80,00"));
        assertThat(e.getFirst().name()).isEqualTo("Café €");
        List<ImportPlan.Entry> v5 = RegFile.read("a.reg", utf8("Windows Registry Editor Version 5.00", "", KEY,
                "\"ElementName\"=hex(1):43,00,61,00,66,00,e9,00,00,00"));
        assertThat(v5.getFirst().name()).isEqualTo("Café");
    }

    /** Issue 14 §16: bytes that are not valid UTF-16 are refused, never turned into U+FFFD. */
    @Test
    void hex1ThatIsNotValidUtf16IsRefusedNamingTheValue() {
        for (String bad : List.of("41,00,42", "00,d8,41,00,00,00", "41,00,00,dc,00,00")) {
            assertThatThrownBy(() -> RegFile.read("a.reg", utf8("Windows Registry Editor Version 5.00", "", KEY,
                    "\"CreatedBy\"=hex(1):" + bad)))
                    .as(bad).isInstanceOf(InvalidInputException.class)
                    .hasMessageContaining("line 4").hasMessageContaining("CreatedBy").hasMessageContaining("UTF-16LE");
        }
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "", KEY, "\"ElementName\"=hex(1):41,81,00")))
                .hasMessageContaining("ANSI");
        assertThatThrownBy(() -> RegFile.read("a.reg", utf8("REGEDIT4", "", KEY, "\"ElementName\"=hex(1):41,zz,00")))
                .hasMessageContaining("cannot read");
    }

    /** Issue 14 §16: a NUL inside CreatedBy survives a .reg round trip instead of cutting the value off. */
    @Test
    void aNulInsideAValueSurvivesARoundTrip() {
        ServiceRegistration r = ServiceRegistration.of(Guid.parse("0007a120-facb-11e6-bd58-64006a7986d3"), "Name",
                "tool\0with a tail", "2026\0");
        ImportPlan.Entry back = RegFile.read("x.reg", RegFile.write(List.of(r))).getFirst();
        assertThat(back.createdBy()).isEqualTo("tool\0with a tail");
        assertThat(back.createdAt()).isEqualTo("2026\0");
        assertThat(back.name()).isEqualTo("Name");
    }

    /**
     * Issue 14 §9: a 12.8 MB value over ~170,000 continuation lines used to take minutes (each
     * line copied the whole value so far). The content is checked exactly; the time-out only
     * stops a run that went back to quadratic (figures: bench/run, BENCH reg.parse.*).
     */
    @Test
    @org.junit.jupiter.api.Timeout(60)
    void aValueOfManyContinuationLinesIsReadWhole() {
        int chars = 2_000_000;
        byte[] file = bigValueFile("CreatedBy", chars);
        assertThat(file.length).isGreaterThan(12_000_000);
        ImportPlan.Entry e = RegFile.read("big.reg", file).getFirst();
        assertThat(e.name()).isEqualTo("big");
        assertThat(e.createdBy()).hasSize(chars).matches("A+");
    }

    /** A file with one {@code hex(1)} value of {@code chars} 'A's, 25 bytes a line, as regedit wraps them. */
    public static byte[] bigValueFile(String valueName, int chars) {
        StringBuilder sb = new StringBuilder("Windows Registry Editor Version 5.00\r\n\r\n").append(KEY).append("\r\n")
                .append("\"ElementName\"=\"big\"\r\n\"").append(valueName).append("\"=hex(1):");
        int bytes = 2 * chars + 2;
        for (int i = 0; i < bytes; i++) {
            sb.append(i % 2 == 0 && i < 2 * chars ? "41" : "00");
            if (i < bytes - 1) {
                sb.append(',');
                if ((i + 1) % 25 == 0) {
                    sb.append("\\\r\n  ");
                }
            }
        }
        return sb.append("\r\n").toString().getBytes(StandardCharsets.UTF_8);
    }
}
