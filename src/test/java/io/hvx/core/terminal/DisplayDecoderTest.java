package io.hvx.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What a line's bytes look like on screen: decoding, invalid bytes, control characters, ANSI colours. */
class DisplayDecoderTest {

    private final DisplayDecoder utf8 = new DisplayDecoder(StandardCharsets.UTF_8, true);

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    private DisplayDecoder.Decoded decode(DisplayDecoder d, byte[] bytes) {
        return d.decode(bytes, 0, bytes.length, 0);
    }

    @Test
    void printableAsciiIsKeptAsTheBytesThemselves() {
        DisplayDecoder.Decoded d = decode(utf8, "hello, world ~".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.text()).isEqualTo("hello, world ~");
        assertThat(d.exact()).isTrue();
        assertThat(d.styles()).isNull();
    }

    @Test
    void utf8IsDecodedAndEveryInvalidByteIsShownAsItsHexInTheInvalidStyle() {
        // 中, then a lone continuation byte, an overlong NUL (C0 80), a surrogate (ED A0 80), 0xFF
        byte[] bytes = b(0xE4, 0xB8, 0xAD, 0x80, 0xC0, 0x80, 0xED, 0xA0, 0x80, 0xFF, 'x');
        DisplayDecoder.Decoded d = decode(utf8, bytes);
        assertThat(d.text()).isEqualTo("中\\x80\\xc0\\x80\\xed\\xa0\\x80\\xffx");
        assertThat(d.exact()).isFalse();
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), 0))).isEqualTo(TextStyle.PLAIN);
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), 1))).isEqualTo(TextStyle.INVALID);
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), d.text().length() - 2))).isEqualTo(TextStyle.INVALID);
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), d.text().length() - 1))).isEqualTo(TextStyle.PLAIN);
    }

    @Test
    void aSequenceCutAtTheEndOfTheLineIsInvalidNotGuessed() {
        DisplayDecoder.Decoded d = decode(utf8, b(0xE4, 0xB8));
        assertThat(d.text()).isEqualTo("\\xe4\\xb8");
    }

    @Test
    void controlCharactersAreShownInCaretNotationInTheControlStyleAndNeverActOnTheText() {
        byte[] bytes = b(0, 7, 8, '\t', 0x0C, 0x7F, 'a');
        DisplayDecoder.Decoded d = decode(utf8, bytes);
        assertThat(d.text()).isEqualTo("^@^G^H^I^L^?a");
        for (int i = 0; i < 12; i++) {
            assertThat(TextStyle.kind(TextStyle.at(d.styles(), i))).isEqualTo(TextStyle.CONTROL);
        }
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), 12))).isEqualTo(TextStyle.PLAIN);
    }

    @Test
    void bidiOverridesAndC1ControlsAreShownAsEscapes() {
        String evil = "a\u202Eb\u0085c\u200Bd";
        DisplayDecoder.Decoded d = decode(utf8, evil.getBytes(StandardCharsets.UTF_8));
        assertThat(d.text()).isEqualTo("a\\u202eb\\u0085c\\u200bd");
    }

    @Test
    void ansiColoursAreRenderedAndTheSequencesHidden() {
        byte[] bytes = "\u001b[1;31mred\u001b[0m plain \u001b[38;5;34mgreen".getBytes(StandardCharsets.US_ASCII);
        DisplayDecoder.Decoded d = decode(utf8, bytes);
        assertThat(d.text()).isEqualTo("red plain green");
        int red = TextStyle.at(d.styles(), 0);
        assertThat(TextStyle.foreground(red)).isEqualTo(1);
        assertThat(TextStyle.bold(red)).isTrue();
        assertThat(TextStyle.at(d.styles(), 4)).isEqualTo(TextStyle.PLAIN);
        assertThat(TextStyle.foreground(TextStyle.at(d.styles(), 10))).isIn(2, 10);
        assertThat(TextStyle.foreground(d.sgr())).as("the colour goes on into the next line").isIn(2, 10);
    }

    @Test
    void otherEscapeSequencesAreShownNotObeyed() {
        byte[] bytes = "a\u001b[2Jb\u001b[Hc".getBytes(StandardCharsets.US_ASCII);
        DisplayDecoder.Decoded d = decode(utf8, bytes);
        assertThat(d.text()).isEqualTo("a^[[2Jb^[[Hc");
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), 2))).isEqualTo(TextStyle.CONTROL);
    }

    @Test
    void withAnsiOffEvenColourSequencesAreShown() {
        DisplayDecoder off = new DisplayDecoder(StandardCharsets.UTF_8, false);
        DisplayDecoder.Decoded d = decode(off, "\u001b[31mx".getBytes(StandardCharsets.US_ASCII));
        assertThat(d.text()).isEqualTo("^[[31mx");
    }

    @Test
    void theSgrStateOfThePreviousLineColoursAPlainLine() {
        int red = DisplayDecoder.applySgr(TextStyle.PLAIN, new int[] {31});
        DisplayDecoder.Decoded d = utf8.decode("still red".getBytes(StandardCharsets.US_ASCII), 0, 9, red);
        assertThat(d.exact()).isTrue();
        assertThat(TextStyle.foreground(TextStyle.at(d.styles(), 3))).isEqualTo(1);
    }

    @Test
    void otherCharsetsDecodeTheirCharactersAndMarkWhatIsNotValid() {
        DisplayDecoder gb = new DisplayDecoder(Charset.forName("GB18030"), true);
        byte[] zhong = "中文".getBytes(Charset.forName("GB18030"));
        assertThat(decode(gb, zhong).text()).isEqualTo("中文");
        DisplayDecoder latin = new DisplayDecoder(StandardCharsets.ISO_8859_1, true);
        assertThat(decode(latin, b(0xE9, 0x85)).text()).isEqualTo("é\\u0085");
        DisplayDecoder ascii = new DisplayDecoder(StandardCharsets.US_ASCII, true);
        DisplayDecoder.Decoded d = decode(ascii, b('a', 0xE9, 'b'));
        assertThat(d.text()).isEqualTo("a\\xe9b");
        assertThat(TextStyle.kind(TextStyle.at(d.styles(), 1))).isEqualTo(TextStyle.INVALID);
    }
}
