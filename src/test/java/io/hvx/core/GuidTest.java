package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class GuidTest {

    /** hvsocket-facts.md §1.3: string form → Windows in-memory bytes. */
    @ParameterizedTest
    @CsvSource({
            "a42e7cda-d03f-480c-9cc2-a4de20abb878, da7c2ea43fd00c489cc2a4de20abb878",
            "e0e16197-dd56-4a10-9195-5ee7a155a838, 9761e1e056dd104a91955ee7a155a838",
            "00000000-facb-11e6-bd58-64006a7986d3, 00000000cbfae611bd5864006a7986d3",
            "00001388-facb-11e6-bd58-64006a7986d3, 88130000cbfae611bd5864006a7986d3",
    })
    void windowsBytesMatchTheFactsVectors(String text, String windowsHex) {
        Guid g = Guid.parse(text);
        assertThat(Hex.of(g.toWindowsBytes())).isEqualTo(windowsHex);
        assertThat(Guid.fromWindowsBytes(Hex.parse(windowsHex), 0)).isEqualTo(g);
        assertThat(Hex.of(g.toRfc4122Bytes())).isEqualTo(text.replace("-", ""));
    }

    @Test
    void acceptsAnyCaseAndBracesAndPrintsCanonicalLowercase() {
        Guid a = Guid.parse("{A42E7CDA-D03F-480C-9CC2-A4DE20ABB878}");
        Guid b = Guid.parse("  a42e7cda-D03F-480c-9cc2-a4de20abb878 ");
        assertThat(a).isEqualTo(b);
        assertThat(a.toString()).isEqualTo("a42e7cda-d03f-480c-9cc2-a4de20abb878");
        assertThat(a.toBracedUpperString()).isEqualTo("{A42E7CDA-D03F-480C-9CC2-A4DE20ABB878}");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "xyz", "a42e7cda-d03f-480c-9cc2-a4de20abb87",
            "a42e7cda-d03f-480c-9cc2-a4de20abb8788", "a42e7cdad03f480c9cc2a4de20abb878",
            "a42e7cda_d03f-480c-9cc2-a4de20abb878", "g42e7cda-d03f-480c-9cc2-a4de20abb878",
            "{a42e7cda-d03f-480c-9cc2-a4de20abb878", "a42e7cda-d03f-480c-9cc2-a4de20abb878}",
            "{{a42e7cda-d03f-480c-9cc2-a4de20abb878}}", "a42e7cda-d03f-480c-9cc2-a4de20abb8７8",
            "+42e7cda-d03f-480c-9cc2-a4de20abb878"})
    void rejectsMalformedText(String text) {
        assertThat(Guid.tryParse(text)).isNull();
        assertThatThrownBy(() -> Guid.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dataFieldsFollowTheStringGroups() {
        Guid g = Guid.parse("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(g.data1()).isEqualTo(0x1388);
        assertThat(g.data2()).isEqualTo(0xfacb);
        assertThat(g.data3()).isEqualTo(0x11e6);
        assertThat(Hex.of(g.data4())).isEqualTo("bd5864006a7986d3");
    }

    @Test
    void randomGuidsAreVersion4AndDistinct() {
        Guid a = Guid.random();
        Guid b = Guid.random();
        assertThat(a).isNotEqualTo(b);
        assertThat(a.toString().charAt(14)).isEqualTo('4');
        assertThat("89ab").contains(String.valueOf(a.toString().charAt(19)));
    }

    @Test
    void decodingChecksBounds() {
        assertThatThrownBy(() -> Guid.fromWindowsBytes(new byte[15], 0)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Guid.fromRfc4122Bytes(new byte[16], 1)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
