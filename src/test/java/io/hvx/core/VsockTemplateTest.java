package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VsockTemplateTest {

    @Test
    void port5000IsTheDocumentedGuid() {
        assertThat(VsockTemplate.guidForPort(5000).toString()).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(VsockTemplate.portOf(Guid.parse("00001388-FACB-11E6-BD58-64006A7986D3"))).hasValue(5000);
    }

    @Test
    void boundsAreZeroToMaxSignedInt() {
        assertThat(VsockTemplate.portOf(VsockTemplate.guidForPort(0))).hasValue(0);
        assertThat(VsockTemplate.portOf(VsockTemplate.guidForPort(0x7FFFFFFFL))).hasValue(0x7FFFFFFFL);
        assertThatThrownBy(() -> VsockTemplate.guidForPort(0x80000000L))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2147483648");
        assertThatThrownBy(() -> VsockTemplate.guidForPort(-1)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void guidsOutsideTheTemplateHaveNoPort() {
        assertThat(VsockTemplate.portOf(KnownService.VM_SESSION_SERVICE.id())).isEmpty();
        assertThat(VsockTemplate.portOf(Guid.parse("00001388-facb-11e6-bd58-64006a7986d4"))).isEmpty();
        assertThat(VsockTemplate.portOf(Guid.parse("00001388-facc-11e6-bd58-64006a7986d3"))).isEmpty();
        // Data1 above 0x7FFFFFFF matches the template tail but is not a valid port (facts §2.3)
        assertThat(VsockTemplate.portOf(Guid.parse("80000000-facb-11e6-bd58-64006a7986d3"))).isEmpty();
    }
}
