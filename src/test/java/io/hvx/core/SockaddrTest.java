package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SockaddrTest {

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
