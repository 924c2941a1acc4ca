package io.hvx.ui.connections;

import java.util.Locale;

/**
 * The bytes a connection received, bounded to the last {@link #capacity()} bytes so a flood
 * cannot exhaust memory, and their two renderings: UTF-8 text with non-printable bytes escaped,
 * and a hex dump. Not thread-safe: the session appends on the UI thread.
 */
public final class Transcript {

    private final int capacity;
    private byte[] bytes = new byte[4096];
    private int size;
    private long dropped;

    public Transcript(int capacity) {
        this.capacity = capacity;
    }

    public int capacity() {
        return capacity;
    }

    /** Bytes kept now (at most the capacity). */
    public int size() {
        return size;
    }

    /** Bytes dropped from the start to stay within the capacity. */
    public long dropped() {
        return dropped;
    }

    public void append(byte[] src, int off, int len) {
        if (len >= capacity) {
            dropped += size + (len - capacity);
            System.arraycopy(src, off + len - capacity, ensure(capacity), 0, capacity);
            size = capacity;
            return;
        }
        int overflow = size + len - capacity;
        if (overflow > 0) {
            System.arraycopy(bytes, overflow, bytes, 0, size - overflow);
            size -= overflow;
            dropped += overflow;
        }
        System.arraycopy(src, off, ensure(size + len), size, len);
        size += len;
    }

    private byte[] ensure(int needed) {
        if (bytes.length < needed) {
            byte[] grown = new byte[Math.min(capacity, Math.max(needed, bytes.length * 2))];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
        return bytes;
    }

    /** Drops everything kept plus {@code skipped} bytes that were never appended. */
    public void skip(long skipped) {
        dropped += size + skipped;
        size = 0;
    }

    public void clear() {
        size = 0;
        dropped = 0;
    }

    /** The bytes kept, as text (see {@link #text(byte[], int, int)}). */
    public String text() {
        return text(bytes, 0, size);
    }

    /** The bytes kept, as a hex dump (see {@link #hex(byte[], int, int, long)}). */
    public String hex() {
        return hex(bytes, 0, size, dropped);
    }

    /**
     * UTF-8 text in which every byte that is not printable is shown as {@code \xNN}: control
     * characters other than tab and line feed, a carriage return not followed by a line feed,
     * and bytes that are not valid UTF-8. A protocol's binary bytes stay visible instead of
     * turning into replacement characters.
     */
    public static String text(byte[] b, int off, int len) {
        StringBuilder out = new StringBuilder(len + 16);
        int end = off + len;
        int i = off;
        while (i < end) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                if (c == '\n' || c == '\t' || c >= 0x20 && c != 0x7F) {
                    out.append((char) c);
                } else if (c == '\r' && i + 1 < end && b[i + 1] == '\n') {
                    // CRLF reads as one line break
                } else {
                    escape(out, c);
                }
                i++;
                continue;
            }
            int n = c >= 0xF0 && c <= 0xF4 ? 3 : c >= 0xE0 ? (c <= 0xEF ? 2 : -1) : c >= 0xC2 && c <= 0xDF ? 1 : -1;
            if (n < 0 || i + n >= end) {
                escape(out, c);
                i++;
                continue;
            }
            int cp = c & (0x3F >> n);
            boolean ok = true;
            for (int k = 1; k <= n; k++) {
                int cc = b[i + k] & 0xFF;
                if ((cc & 0xC0) != 0x80) {
                    ok = false;
                    break;
                }
                cp = cp << 6 | cc & 0x3F;
            }
            int min = n == 1 ? 0x80 : n == 2 ? 0x800 : 0x10000;
            if (!ok || cp < min || cp > 0x10FFFF || cp >= 0xD800 && cp <= 0xDFFF
                    || cp >= 0x80 && cp < 0xA0) {
                escape(out, c);
                i++;
                continue;
            }
            out.appendCodePoint(cp);
            i += n + 1;
        }
        return out.toString();
    }

    private static void escape(StringBuilder out, int c) {
        out.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 0xF, 16));
    }

    /**
     * A hex dump, 16 bytes a line: the offset in the stream (counting dropped bytes), the bytes
     * in hex, and the printable ASCII characters (others as {@code .}).
     */
    public static String hex(byte[] b, int off, int len, long firstOffset) {
        StringBuilder out = new StringBuilder(len * 4 + 16);
        for (int line = 0; line < len; line += 16) {
            out.append(String.format(Locale.ROOT, "%08x  ", firstOffset + line));
            int n = Math.min(16, len - line);
            for (int k = 0; k < 16; k++) {
                if (k < n) {
                    int v = b[off + line + k] & 0xFF;
                    out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16)).append(' ');
                } else {
                    out.append("   ");
                }
                if (k == 7) {
                    out.append(' ');
                }
            }
            out.append(" |");
            for (int k = 0; k < n; k++) {
                int v = b[off + line + k] & 0xFF;
                out.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
            }
            out.append("|\n");
        }
        return out.toString();
    }
}
