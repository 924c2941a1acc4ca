package io.hvx.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The input line as text, hex or escapes, and the sentences for what is wrong with it. */
class SendFormatTest {

    @BeforeAll
    static void english() {
        Messages.setLocale(Locale.US);
    }

    private static byte[] hex(String s) {
        return SendFormat.HEX.encode(s, StandardCharsets.UTF_8, LineEnding.NONE);
    }

    @Test
    void hexIsReadInTheUsualNotations() {
        byte[] hello = "Hello".getBytes(StandardCharsets.US_ASCII);
        assertThat(hex("48 65 6c 6c 6f")).isEqualTo(hello);
        assertThat(hex("0x48,0x65,0x6C,0x6c,0x6F")).isEqualTo(hello);
        assertThat(hex("48:65:6c:6c:6f")).isEqualTo(hello);
        assertThat(hex("48656c6c6f")).isEqualTo(hello);
        assertThat(hex("  48 , 65;6c  6c:6f ")).isEqualTo(hello);
        assertThat(hex("")).isEmpty();
    }

    @Test
    void badHexIsRefusedWithTheTokenItIsIn() {
        assertThatThrownBy(() -> hex("48 6g"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'6g' is not hex: 'g' is not a hex digit. Write bytes as two hex digits, e.g. 48 65 6c or 0x48,0x65.");
        assertThatThrownBy(() -> hex("48 6"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'6' is not a whole number of bytes: write each byte as two hex digits (0a, not a).");
        assertThatThrownBy(() -> hex("0x")).isInstanceOf(InvalidInputException.class).hasMessageStartingWith("'0x' is not");
    }

    @Test
    void escapesStandForTheirBytes() {
        byte[] b = SendFormat.ESCAPES.encode("GET /\\r\\n\\t\\x1b\\\\\\0é", StandardCharsets.UTF_8, LineEnding.NONE);
        assertThat(b).containsExactly('G', 'E', 'T', ' ', '/', '\r', '\n', '\t', 0x1b, '\\', 0, (byte) 0xC3, (byte) 0xA9);
    }

    @Test
    void badEscapesAreRefusedWithWhatIsWrong() {
        assertThatThrownBy(() -> SendFormat.ESCAPES.encode("a\\qb", StandardCharsets.UTF_8, LineEnding.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'\\q' is not an escape: use \\r \\n \\t \\0 \\xNN, or \\\\ for a backslash.");
        assertThatThrownBy(() -> SendFormat.ESCAPES.encode("\\x4", StandardCharsets.UTF_8, LineEnding.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("'\\x4' needs two hex digits after \\x, e.g. \\x1b.");
        assertThatThrownBy(() -> SendFormat.ESCAPES.encode("end\\", StandardCharsets.UTF_8, LineEnding.NONE))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("The text ends with a lone backslash: write \\\\ for a backslash.");
    }

    @Test
    void textUsesTheCharsetAndTheLineEndingIsAppendedInEveryFormat() {
        assertThat(SendFormat.TEXT.encode("中", Charset.forName("GB18030"), LineEnding.CRLF))
                .containsExactly(0xD6 - 256, 0xD0 - 256, '\r', '\n');
        assertThat(SendFormat.TEXT.encode("a\\n", StandardCharsets.UTF_8, LineEnding.LF)).containsExactly('a', '\\', 'n', '\n');
        assertThat(hex("41").length).isEqualTo(1);
        assertThat(SendFormat.HEX.encode("41", StandardCharsets.UTF_8, LineEnding.CR)).containsExactly('A', '\r');
    }
}
