package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SockaddrTest {

    /** The four GUID vectors of hvsocket-facts.md §1.3 (Python {@code uuid.UUID(s).bytes_le}). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({
        "a42e7cda-d03f-480c-9cc2-a4de20abb878, da 7c 2e a4 3f d0 0c 48 9c c2 a4 de 20 ab b8 78",
        "e0e16197-dd56-4a10-9195-5ee7a155a838, 97 61 e1 e0 56 dd 10 4a 91 95 5e e7 a1 55 a8 38",
        "00000000-facb-11e6-bd58-64006a7986d3, 00 00 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3",
        "00001388-facb-11e6-bd58-64006a7986d3, 88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3"})
    void guidsInSockaddrHvUseTheWindowsInMemoryOrderOfTheFactsFile(String guid, String windowsBytes) {
        Guid g = Guid.parse(guid);
        assertThat(Hex.spaced(g.toWindowsBytes())).isEqualTo(windowsBytes);
        assertThat(Guid.fromWindowsBytes(Hex.parse(windowsBytes), 0)).isEqualTo(g);
        assertThat(Hex.of(g.toRfc4122Bytes())).isEqualTo(guid.replace("-", ""));
        assertThat(Guid.fromRfc4122Bytes(g.toRfc4122Bytes(), 0)).isEqualTo(g);
        byte[] sa = new SockaddrHv(g, g).encode();
        assertThat(Hex.spaced(java.util.Arrays.copyOfRange(sa, 4, 20))).isEqualTo(windowsBytes);
        assertThat(Hex.spaced(java.util.Arrays.copyOfRange(sa, 20, 36))).isEqualTo(windowsBytes);
    }

    @Test
    void sockaddrHvForParentAndPort5000MatchesTheFactsVector() {
        SockaddrHv a = new SockaddrHv(VmAlias.PARENT.guid(), VsockTemplate.guidForPort(5000));
        byte[] b = a.encode();
        assertThat(b).hasSize(36);
        assertThat(Hex.of(b)).isEqualTo("22000000da7c2ea43fd00c489cc2a4de20abb87888130000cbfae611bd5864006a7986d3");
        assertThat(SockaddrHv.decode(b)).isEqualTo(a);
    }

    @Test
    void sockaddrHvDecodeRefusesShortOrForeignBytes() {
        assertThatThrownBy(() -> SockaddrHv.decode(new byte[35])).isInstanceOf(IllegalArgumentException.class);
        byte[] b = new SockaddrHv(VmAlias.WILDCARD.guid(), VmAlias.WILDCARD.guid()).encode();
        b[0] = 40;
        assertThatThrownBy(() -> SockaddrHv.decode(b)).hasMessageContaining("AF_HYPERV");
    }

    @Test
    void sockaddrVmForHostPort5000MatchesTheFactsVector() {
        SockaddrVm a = new SockaddrVm(SockaddrVm.CID_HOST, 5000);
        assertThat(Hex.of(a.encode())).isEqualTo("28000000881300000200000000000000");
        assertThat(SockaddrVm.decode(a.encode())).isEqualTo(a);
    }

    @Test
    void sockaddrVmCarriesUnsignedCidAndPort() {
        SockaddrVm any = new SockaddrVm(SockaddrVm.CID_ANY, SockaddrVm.PORT_ANY);
        assertThat(Hex.of(any.encode())).isEqualTo("28000000ffffffffffffffff00000000");
        assertThat(SockaddrVm.decode(any.encode())).isEqualTo(any);
        assertThatThrownBy(() -> new SockaddrVm(-1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void vsockEndpointNeedsParentOrWildcardAndATemplateService() {
        Guid port = VsockTemplate.guidForPort(5000);
        assertThat(SockaddrVm.forEndpoint(new HvEndpoint(VmAlias.PARENT.guid(), port)))
                .isEqualTo(new SockaddrVm(2, 5000));
        assertThat(SockaddrVm.forEndpoint(new HvEndpoint(VmAlias.WILDCARD.guid(), port)))
                .isEqualTo(new SockaddrVm(SockaddrVm.CID_ANY, 5000));
        assertThatThrownBy(() -> SockaddrVm.forEndpoint(new HvEndpoint(VmAlias.LOOPBACK.guid(), port)))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("parent");
        assertThatThrownBy(() -> SockaddrVm.forEndpoint(
                new HvEndpoint(VmAlias.PARENT.guid(), KnownService.VM_SESSION_SERVICE.id())))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("template");
    }
}
