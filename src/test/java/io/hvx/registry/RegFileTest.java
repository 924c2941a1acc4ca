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

class RegFileTest {

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
}
