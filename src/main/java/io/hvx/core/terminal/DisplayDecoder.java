package io.hvx.core.terminal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Turns a line's bytes into the text a terminal shows, without interpreting anything but ANSI
 * colours: control characters become visible pictures (␛, ␀, ␉, ␡…) and format characters
 * (bidi overrides, zero-width spaces, C1 controls) an escape such as {@code \u202e}, both in the
 * {@link TextStyle#CONTROL} style; a byte that is not valid in the charset is shown as
 * {@code \xNN} in the {@link TextStyle#INVALID} style. An ANSI SGR sequence
 * ({@code ESC [ … m}) sets the colours of what follows when ANSI colours are on; any other
 * escape sequence is shown, not obeyed.
 *
 * <p>Control characters are written in caret notation, as {@code cat -v} and {@code less} do
 * ({@code ^[} for ESC, {@code ^@} for NUL, {@code ^I} for a tab, {@code ^?} for DEL): plain ASCII
 * that every monospaced font has, unlike the Control Pictures block.
 *
 * <p>Only charsets in which CR and LF are single bytes that never occur inside a multi-byte
 * character are offered ({@link #CHARSETS}), so a line can be cut at its terminator before
 * decoding. Not thread-safe (the terminal buffer decodes under its lock).
 */
public final class DisplayDecoder {

    /** The charsets a terminal offers, UTF-8 first. */
    public static final List<String> CHARSETS = List.of("UTF-8", "GB18030", "Big5", "Shift_JIS", "EUC-KR",
            "windows-1252", "ISO-8859-1", "US-ASCII");

    /**
     * A decoded line.
     *
     * @param text   what is shown
     * @param styles style runs over {@code text}, or null when all of it is plain
     * @param exact  whether {@code text} is exactly the bytes read as ISO-8859-1 (so they need not be kept)
     * @param sgr    the SGR style in force after the line, to carry into the next one
     */
    public record Decoded(String text, int[] styles, boolean exact, int sgr) {
    }

    private final Charset charset;
    private final boolean utf8;
    private final boolean ansi;
    private final CharsetDecoder decoder;

    /**
     * @param charset the bytes' charset (one of {@link #CHARSETS} or another ASCII-compatible one)
     * @param ansi    whether ANSI SGR sequences set colours (else they are shown)
     */
    public DisplayDecoder(Charset charset, boolean ansi) {
        this.charset = Objects.requireNonNull(charset, "charset");
        this.utf8 = charset.equals(StandardCharsets.UTF_8);
        this.ansi = ansi;
        this.decoder = utf8 ? null : charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    public Charset charset() {
        return charset;
    }

    public boolean ansi() {
        return ansi;
    }

    /** Whether this decoder cuts long UTF-8 lines at character boundaries. */
    boolean isUtf8() {
        return utf8;
    }

    /**
     * Decodes {@code b[off..off+len)}, a whole line without its terminator.
     *
     * @param sgr the SGR style in force before the line (0 at the start of a stream)
     */
    public Decoded decode(byte[] b, int off, int len, int sgr) {
        int end = off + len;
        int i = off;
        while (i < end) {
            byte x = b[i];
            // signed bytes: >= 0x80 are negative, so this keeps exactly 0x20..0x7e
            if (x < 0x20 || x == 0x7f) {
                break;
            }
            i++;
        }
        if (i == end) {
            String text = new String(b, off, len, StandardCharsets.ISO_8859_1);
            return new Decoded(text, sgr == 0 || len == 0 ? null : new int[] {len, sgr}, true, sgr);
        }
        int[] units = utf8 ? utf8Units(b, off, len) : charsetUnits(b, off, len);
        return display(units, sgr);
    }

    /** Code points (≥ 0) and invalid bytes ({@code -1 - byte}); the last element is the count. */
    private static int[] utf8Units(byte[] b, int off, int len) {
        int[] out = new int[len + 1];
        int n = 0;
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                out[n++] = c;
                i++;
                continue;
            }
            int more = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 && c <= 0xEF ? 2 : c >= 0xC2 && c <= 0xDF ? 1 : -1;
            if (more < 0 || i + more >= end) {
                out[n++] = -1 - c;
                i++;
                continue;
            }
            int cp = c & (0x3F >> more);
            boolean ok = true;
            for (int k = 1; k <= more; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | cc & 0x3F;
            }
            int min = more == 1 ? 0x80 : more == 2 ? 0x800 : 0x10000;
            if (!ok || cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF) {
                out[n++] = -1 - c;
                i++;
                continue;
            }
            out[n++] = cp;
            i += more + 1;
        }
        out[len] = n;
        return out;
    }

    private int[] charsetUnits(byte[] b, int off, int len) {
        int[] out = new int[len + 1];
        int[] n = {0};
        ByteBuffer in = ByteBuffer.wrap(b, off, len);
        CharBuffer chars = CharBuffer.allocate(len * 2 + 4);
        decoder.reset();
        while (true) {
            CoderResult r = in.hasRemaining() ? decoder.decode(in, chars, true) : CoderResult.UNDERFLOW;
            if (r.isUnderflow()) {
                decoder.flush(chars);
                drain(chars, out, n);
                break;
            }
            if (r.isError()) {
                drain(chars, out, n);
                for (int k = 0; k < r.length(); k++) {
                    out[n[0]++] = -1 - (in.get() & 0xFF);
                }
            } else {
                // overflow cannot happen with two chars per byte; drain and go on all the same
                drain(chars, out, n);
            }
        }
        out[len] = n[0];
        return out;
    }

    private static void drain(CharBuffer chars, int[] out, int[] n) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (Character.isHighSurrogate(c) && chars.hasRemaining() && Character.isLowSurrogate(chars.get(chars.position()))) {
                out[n[0]++] = Character.toCodePoint(c, chars.get());
            } else {
                out[n[0]++] = c;
            }
        }
        chars.clear();
    }

    private Decoded display(int[] units, int sgr) {
        int count = units[units.length - 1];
        Styled out = new Styled(count + 16);
        int k = 0;
        while (k < count) {
            int u = units[k];
            if (u < 0) {
                out.add("\\x" + hex2(-1 - u), TextStyle.withKind(sgr, TextStyle.INVALID));
                k++;
                continue;
            }
            if (u == 0x1B && ansi) {
                int fin = csiEnd(units, k, count);
                if (fin > 0) {
                    if (units[fin] == 'm' && plainParams(units, k + 2, fin)) {
                        sgr = applySgr(sgr, params(units, k + 2, fin));
                    } else {
                        // another escape sequence: shown, never obeyed
                        out.add("^[", TextStyle.withKind(sgr, TextStyle.CONTROL));
                        for (int j = k + 1; j <= fin; j++) {
                            out.addCodePoint(units[j], TextStyle.withKind(sgr, TextStyle.CONTROL));
                        }
                    }
                    k = fin + 1;
                    continue;
                }
            }
            if (u < 0x20) {
                out.add("^" + (char) (u + 0x40), TextStyle.withKind(sgr, TextStyle.CONTROL));
            } else if (u == 0x7F) {
                out.add("^?", TextStyle.withKind(sgr, TextStyle.CONTROL));
            } else if (isHidden(u)) {
                out.add(String.format(Locale.ROOT, "\\u%04x", u), TextStyle.withKind(sgr, TextStyle.CONTROL));
            } else {
                out.addCodePoint(u, sgr);
            }
            k++;
        }
        return new Decoded(out.text(), out.runs(), false, sgr);
    }

    /** Characters that would be invisible or act on the text around them (C1, format, separators). */
    static boolean isHidden(int cp) {
        if (cp >= 0x80 && cp < 0xA0) {
            return true;
        }
        int type = Character.getType(cp);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
    }

    /** The index of a CSI sequence's final character ({@code ESC [ params final}), or -1 when incomplete. */
    private static int csiEnd(int[] units, int esc, int count) {
        if (esc + 1 >= count || units[esc + 1] != '[') {
            return -1;
        }
        for (int j = esc + 2; j < count && j < esc + 64; j++) {
            int c = units[j];
            if (c >= 0x40 && c <= 0x7E) {
                return j;
            }
            if (c < 0x20 || c > 0x3F) {
                return -1;
            }
        }
        return -1;
    }

    private static boolean plainParams(int[] units, int from, int to) {
        for (int j = from; j < to; j++) {
            int c = units[j];
            if (!(c >= '0' && c <= '9' || c == ';' || c == ':')) {
                return false;
            }
        }
        return true;
    }

    private static int[] params(int[] units, int from, int to) {
        int[] p = new int[16];
        int n = 0;
        int cur = -1;
        for (int j = from; j < to && n < p.length; j++) {
            int c = units[j];
            if (c == ';' || c == ':') {
                p[n++] = Math.max(cur, 0);
                cur = -1;
            } else {
                cur = Math.min(9999, Math.max(cur, 0) * 10 + (c - '0'));
            }
        }
        if (n < p.length && (cur >= 0 || n > 0 || from == to)) {
            p[n++] = Math.max(cur, 0);
        }
        return Arrays.copyOf(p, n);
    }

    /** Applies SGR parameters to a style: colours 30–37/90–97/40–47/100–107, 38/48 with 5 or 2, bold, reset. */
    static int applySgr(int style, int[] p) {
        for (int i = 0; i < p.length; i++) {
            int v = p[i];
            if (v == 0) {
                style = TextStyle.PLAIN;
            } else if (v == 1) {
                style = TextStyle.withBold(style, true);
            } else if (v == 22) {
                style = TextStyle.withBold(style, false);
            } else if (v >= 30 && v <= 37) {
                style = TextStyle.withForeground(style, v - 30);
            } else if (v >= 90 && v <= 97) {
                style = TextStyle.withForeground(style, v - 90 + 8);
            } else if (v == 39) {
                style = TextStyle.withForeground(style, -1);
            } else if (v >= 40 && v <= 47) {
                style = TextStyle.withBackground(style, v - 40);
            } else if (v >= 100 && v <= 107) {
                style = TextStyle.withBackground(style, v - 100 + 8);
            } else if (v == 49) {
                style = TextStyle.withBackground(style, -1);
            } else if ((v == 38 || v == 48) && i + 1 < p.length) {
                int colour = -1;
                if (p[i + 1] == 5 && i + 2 < p.length) {
                    colour = from256(p[i + 2]);
                    i += 2;
                } else if (p[i + 1] == 2 && i + 4 < p.length) {
                    colour = fromRgb(p[i + 2], p[i + 3], p[i + 4]);
                    i += 4;
                } else {
                    i++;
                }
                if (colour >= 0) {
                    style = v == 38 ? TextStyle.withForeground(style, colour) : TextStyle.withBackground(style, colour);
                }
            }
        }
        return TextStyle.withKind(style, TextStyle.PLAIN);
    }

    /** The nearest of the 16 ANSI colours to an entry of the 256-colour palette. */
    static int from256(int n) {
        if (n < 16) {
            return Math.max(n, 0);
        }
        if (n < 232) {
            int c = n - 16;
            return fromRgb(c / 36 * 51, c / 6 % 6 * 51, c % 6 * 51);
        }
        int grey = 8 + 10 * Math.min(n - 232, 23);
        return grey < 64 ? 0 : grey < 144 ? 8 : grey < 208 ? 7 : 15;
    }

    static int fromRgb(int r, int g, int b) {
        int max = Math.max(r, Math.max(g, b));
        if (max < 64) {
            return 0;
        }
        int index = (r > max / 2 ? 1 : 0) | (g > max / 2 ? 2 : 0) | (b > max / 2 ? 4 : 0);
        return index + (max > 191 ? 8 : 0);
    }

    private static String hex2(int v) {
        return new String(new char[] {Character.forDigit(v >> 4, 16), Character.forDigit(v & 0xF, 16)});
    }

    /** Text with style runs, merged as they are built. */
    private static final class Styled {
        private final StringBuilder text;
        private int[] runs = new int[8];
        private int n;
        private boolean styled;

        Styled(int capacity) {
            text = new StringBuilder(capacity);
        }

        void add(String s, int style) {
            text.append(s);
            mark(style);
        }

        void addCodePoint(int cp, int style) {
            text.appendCodePoint(cp);
            mark(style);
        }

        private void mark(int style) {
            styled |= style != TextStyle.PLAIN;
            if (n > 0 && runs[n - 1] == style) {
                runs[n - 2] = text.length();
                return;
            }
            if (n + 2 > runs.length) {
                runs = Arrays.copyOf(runs, runs.length * 2);
            }
            runs[n++] = text.length();
            runs[n++] = style;
        }

        String text() {
            return text.toString();
        }

        int[] runs() {
            return styled ? Arrays.copyOf(runs, n) : null;
        }
    }
}
