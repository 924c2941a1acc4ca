package io.hvx.core.terminal;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * One line of a terminal transcript: the bytes that made it (received or sent), how it is
 * shown, and when it started. Immutable.
 *
 * <p>The bytes are kept exactly (a transcript saved raw, or the hex view, shows them as they
 * were), the terminator apart. To save memory a line whose text is exactly its bytes (plain
 * printable ASCII, the common case) keeps only the text.
 */
public final class TerminalLine {

    private static final byte[] NO_BYTES = new byte[0];

    private final long time;
    private final Direction direction;
    private final long offset;
    private final String text;
    private final int[] styles;
    private final byte[] raw;
    private final LineEnding ending;

    /**
     * @param time      when the line's first byte arrived or was sent, epoch milliseconds
     * @param direction which way it went
     * @param offset    the stream offset of its first byte in its direction (-1 for a note)
     * @param text      what is shown: the decoded text with control characters made visible
     * @param styles    style runs over {@code text} (see {@link TextStyle}), or null for all plain
     * @param raw       the line's bytes without the terminator, or null when they are
     *                  {@code text} in ISO-8859-1 (plain printable ASCII)
     * @param ending    the terminator that ended the line
     */
    public TerminalLine(long time, Direction direction, long offset, String text, int[] styles, byte[] raw,
                        LineEnding ending) {
        this.time = time;
        this.direction = Objects.requireNonNull(direction, "direction");
        this.offset = offset;
        this.text = Objects.requireNonNull(text, "text");
        this.styles = styles;
        this.raw = raw;
        this.ending = Objects.requireNonNull(ending, "ending");
    }

    /** A note line: text of the terminal itself, no bytes. */
    public static TerminalLine note(long time, String text) {
        return new TerminalLine(time, Direction.NOTE, -1, text, null, NO_BYTES, LineEnding.NONE);
    }

    public long time() {
        return time;
    }

    public Direction direction() {
        return direction;
    }

    public long offset() {
        return offset;
    }

    public String text() {
        return text;
    }

    /** Style runs over {@link #text()}, or null when all of it is plain. Do not modify. */
    public int[] styles() {
        return styles;
    }

    public LineEnding ending() {
        return ending;
    }

    /** The line's bytes without the terminator (a copy). */
    public byte[] content() {
        return raw != null ? raw.clone() : text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The line's bytes with the terminator, as they went over the connection. */
    public byte[] bytes() {
        byte[] c = raw != null ? raw : text.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = Arrays.copyOf(c, c.length + ending.length());
        byte[] end = ending.bytes();
        System.arraycopy(end, 0, out, c.length, end.length);
        return out;
    }

    /** How many bytes the line stands for, terminator included. */
    public int byteLength() {
        return (raw != null ? raw.length : text.length()) + ending.length();
    }

    @Override
    public String toString() {
        return direction + " " + text;
    }
}
