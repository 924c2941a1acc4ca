package io.hvx.core.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.HostileInput;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * The terminal's input line and its display of guest bytes under hostile input (issue 14 §20).
 * What a user types in hex or with escapes becomes exactly the bytes it spells, or is refused
 * with an {@link InvalidInputException} and nothing is sent; any bytes a guest sends, in any
 * offered charset, are shown without one control, format or bidi character reaching the screen
 * unescaped.
 */
class HostileTerminalInputProperties {

    @BeforeProperty
    void english() {
        Messages.setLocale(Locale.US);
    }

    @Provide
    Arbitrary<String> separators() {
        return Arbitraries.of(" ", ",", ":", ";", ", ", "  ", "\t", "");
    }

    @Provide
    Arbitrary<Charset> charsets() {
        return Arbitraries.of(DisplayDecoder.CHARSETS).map(Charset::forName);
    }

    @Property(tries = 2000)
    void hexSpellsExactlyItsBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll("separators") String sep,
                                  @ForAll boolean prefixed, @ForAll boolean upper, @ForAll LineEnding ending) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            if (!text.isEmpty()) {
                text.append(sep.isEmpty() && prefixed ? " " : sep);
            }
            String h = HexFormat.of().toHexDigits(b);
            text.append(prefixed ? "0x" : "").append(upper ? h.toUpperCase(Locale.ROOT) : h);
        }
        byte[] sent = SendFormat.HEX.encode(text.toString(), StandardCharsets.UTF_8, ending);
        assertThat(sent).isEqualTo(concat(bytes, ending.bytes()));
    }

    @Property(tries = 2000)
    void escapesSpellExactlyTheirBytes(@ForAll @Size(max = 300) byte[] bytes, @ForAll LineEnding ending) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            int v = b & 0xff;
            switch (v) {
                case '\r' -> text.append("\\r");
                case '\n' -> text.append("\\n");
                case '\t' -> text.append("\\t");
                case 0 -> text.append("\\0");
                case '\\' -> text.append("\\\\");
                default -> text.append(v >= 0x20 && v < 0x7f ? String.valueOf((char) v) : "\\x" + HexFormat.of().toHexDigits(b));
            }
        }
        assertThat(SendFormat.ESCAPES.encode(text.toString(), StandardCharsets.US_ASCII, ending))
                .isEqualTo(concat(bytes, ending.bytes()));
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(80),
                Arbitraries.strings().withChars("0123456789abcdefABCDEFxX\\ ,:;rnt0\u0663\uff11").ofMaxLength(60),
                Arbitraries.of("\\", "\\x", "\\x4", "\\xZZ", "\\q", "0x", "0xG1", "abc", "a b c", "\\u0041", "\ud800",
                        "\u001b]0;t\u0007", "0x0x41", "41 4"));
    }

    @Property(tries = 3000)
    void anythingTypedIsSentOrRefusedWithAProblem(@ForAll("typed") String input, @ForAll SendFormat format,
                                                  @ForAll("charsets") Charset charset, @ForAll LineEnding ending) {
        try {
            byte[] sent = format.encode(input, charset, ending);
            assertThat(sent).endsWith(ending.bytes());
            HostileInput.count(format.id(), "sent");
        } catch (InvalidInputException e) {
            assertThat(format).isNotEqualTo(SendFormat.TEXT);
            assertThat(e.problem()).isNotNull();
            assertThat(e.getMessage()).isNotBlank();
            HostileInput.count(format.id(), HostileInput.refused(e));
        }
    }

    @Provide
    Arbitrary<byte[]> guestBytes() {
        Arbitrary<byte[]> hostile = Arbitraries.of("\u001b]0;owned\u0007", "\u001b[2J\u001b[H", "\u001b[31;1mred\u001b[0m",
                "\u001b[38;5;196mx", "\u001b[?1049h", "\u202eevil", "\u200b", "\u2028", "\u0085", "\r\n", "\u0000\u007f",
                "\ud83d\ude00", "\u540d\u5b57", "\u001b[" + "1;".repeat(100) + "m").map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(Arbitraries.bytes().array(byte[].class).ofMaxSize(400),
                hostile.list().ofMaxSize(8).map(HostileTerminalInputProperties::join));
    }

    @Property(tries = 3000)
    void guestBytesAreShownWithEveryControlEscaped(@ForAll("guestBytes") byte[] bytes, @ForAll("charsets") Charset charset,
                                                   @ForAll boolean ansi, @ForAll boolean carriedStyle) {
        DisplayDecoder d = new DisplayDecoder(charset, ansi);
        DisplayDecoder.Decoded out = d.decode(bytes, 0, bytes.length, carriedStyle ? 1 : 0);
        assertThat(out.text()).as("no control, C1, format or separator character is shown raw")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f\\x80-\\x9f\\u200b-\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ufeff]");
        if (out.styles() != null) {
            // runs are (end, style) pairs: ends rise and the last one is the end of the text
            int[] runs = out.styles();
            for (int i = 2; i < runs.length; i += 2) {
                assertThat(runs[i]).isGreaterThan(runs[i - 2]);
            }
            assertThat(runs[runs.length - 2]).as("style runs cover the text").isEqualTo(out.text().length());
        }
        if (out.exact()) {
            assertThat(out.text()).isEqualTo(new String(bytes, StandardCharsets.ISO_8859_1));
        }
        HostileInput.count("display", out.exact() ? "plain" : "escaped or styled");
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] r = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    private static byte[] join(java.util.List<byte[]> parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        parts.forEach(out::writeBytes);
        return out.toByteArray();
    }
}
