package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;

class GuidProperties {

    @Property
    void stringToWindowsBytesAndBack(@ForAll long msb, @ForAll long lsb) {
        Guid g = Guid.of(msb, lsb);
        Guid parsed = Guid.parse(g.toString());
        assertThat(parsed).isEqualTo(g);
        assertThat(Guid.fromWindowsBytes(parsed.toWindowsBytes(), 0).toString()).isEqualTo(g.toString());
        assertThat(Guid.fromRfc4122Bytes(parsed.toRfc4122Bytes(), 0).toString()).isEqualTo(g.toString());
    }

    @Property
    void bytesToStringAndBack(@ForAll @Size(16) byte[] bytes) {
        Guid w = Guid.fromWindowsBytes(bytes, 0);
        assertThat(Guid.parse(w.toString()).toWindowsBytes()).isEqualTo(bytes);
        Guid r = Guid.fromRfc4122Bytes(bytes, 0);
        assertThat(Guid.parse(r.toBracedUpperString()).toRfc4122Bytes()).isEqualTo(bytes);
    }

    @Property
    void windowsOrderSwapsOnlyTheFirstThreeGroups(@ForAll long msb, @ForAll long lsb) {
        Guid g = Guid.of(msb, lsb);
        byte[] w = g.toWindowsBytes();
        byte[] r = g.toRfc4122Bytes();
        assertThat(new byte[] {w[3], w[2], w[1], w[0], w[5], w[4], w[7], w[6]})
                .isEqualTo(java.util.Arrays.copyOf(r, 8));
        assertThat(java.util.Arrays.copyOfRange(w, 8, 16)).isEqualTo(java.util.Arrays.copyOfRange(r, 8, 16));
    }

    @Property
    void portToGuidToPort(@ForAll @LongRange(min = 0, max = 0x7FFFFFFFL) long port) {
        Guid g = VsockTemplate.guidForPort(port);
        assertThat(VsockTemplate.portOf(g)).hasValue(port);
        assertThat(g.toString()).isEqualTo(String.format(Locale.ROOT, "%08x-facb-11e6-bd58-64006a7986d3", port));
        assertThat(GuidFacts.parse("vsock:" + port).vsockPort()).hasValue(port);
    }

    @Property
    void portsAboveTheRangeAreRefused(@ForAll @LongRange(min = 0x80000000L, max = Long.MAX_VALUE) long port) {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> VsockTemplate.guidForPort(port))
                .isInstanceOf(InvalidInputException.class);
    }
}
