package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class GuidFactsTest {

    @Test
    void aliasesResolveToTheSdkGuids() {
        assertThat(GuidFacts.parse("parent").guid()).isEqualTo(Guid.parse("a42e7cda-d03f-480c-9cc2-a4de20abb878"));
        assertThat(GuidFacts.parse("WILDCARD").guid().isZero()).isTrue();
        assertThat(GuidFacts.parse("silo-host").alias()).contains(VmAlias.SILOHOST);
        assertThat(GuidFacts.parse("HV_GUID_CHILDREN").guid()).isEqualTo(Guid.parse("90db8b89-0d35-4f79-8ce9-49ea0ac8b7cd"));
        assertThat(GuidFacts.parse("broadcast").guid()).isEqualTo(Guid.parse("ffffffff-ffff-ffff-ffff-ffffffffffff"));
        assertThat(GuidFacts.parse("loopback").name()).isEqualTo("HV_GUID_LOOPBACK");
    }

    @Test
    void knownServicesAreNamed() {
        assertThat(GuidFacts.parse("{999E53D4-3D5C-4C3E-8779-BED06EC056E1}").name()).isEqualTo("VM Session Service");
        assertThat(GuidFacts.parse("a5201c21-2770-4c11-a68e-f182edb29220").name()).isEqualTo("VM Session Service-2");
        assertThat(GuidFacts.parse("3049197c-facb-11e6-bd58-64006a7986d3").name()).isNull();
    }

    @Test
    void vsockInputAcceptsDecimalAndHex() {
        assertThat(GuidFacts.parse("vsock:5000").guid()).isEqualTo(GuidFacts.parse("VSOCK:0x1388").guid());
        assertThat(GuidFacts.parse("vsock:5000").vsockPort()).hasValue(5000);
    }

    @Test
    void badInputNamesWhatWasWrong() {
        assertThatThrownBy(() -> GuidFacts.parse("xyz"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'xyz' is not a GUID, a vsock:PORT or a known alias");
        assertThatThrownBy(() -> GuidFacts.parse("vsock:abc")).hasMessageContaining("'abc' is not a vsock port");
        assertThatThrownBy(() -> GuidFacts.parse("vsock:2147483648")).hasMessageContaining("out of range");
        assertThatThrownBy(() -> GuidFacts.parse("vsock:-1")).hasMessageContaining("out of range");
    }

    @Test
    void pasteFormsAreWhatCompilersAndShellsAccept() {
        GuidFacts f = GuidFacts.parse("vsock:5000");
        assertThat(f.cDefineGuid(f.suggestedSymbol())).isEqualTo(
                "DEFINE_GUID(HVX_SERVICE_VSOCK_5000, 0x00001388, 0xfacb, 0x11e6, 0xbd, 0x58, 0x64, 0x00, 0x6a, 0x79, 0x86, 0xd3);");
        assertThat(f.cInitializer()).isEqualTo(
                "{ 0x00001388, 0xfacb, 0x11e6, { 0xbd, 0x58, 0x64, 0x00, 0x6a, 0x79, 0x86, 0xd3 } }");
        assertThat(f.powerShell()).isEqualTo("[Guid]'00001388-facb-11e6-bd58-64006a7986d3'");
        assertThat(f.registryPath()).isEqualTo("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion"
                + "\\Virtualization\\GuestCommunicationServices\\00001388-facb-11e6-bd58-64006a7986d3");
    }
}
