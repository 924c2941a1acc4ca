package io.hvx.core.terminal;

import java.util.Locale;
import java.util.Optional;

/**
 * How a line ends: what the terminal found at the end of a received or sent line, and what the
 * input appends to what the user sends.
 */
public enum LineEnding {
    /** No terminator: a line cut at the maximum length, a direction change, or sent as is. */
    NONE(new byte[0]),
    /** Line feed, {@code \n} (Unix). */
    LF(new byte[] {'\n'}),
    /** Carriage return, {@code \r} (old Mac, many serial devices). */
    CR(new byte[] {'\r'}),
    /** Carriage return + line feed, {@code \r\n} (Windows, most text protocols). */
    CRLF(new byte[] {'\r', '\n'});

    private final byte[] bytes;

    LineEnding(byte[] bytes) {
        this.bytes = bytes;
    }

    /** The terminator's bytes (a fresh copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The id stored in settings and files: {@code none}, {@code lf}, {@code cr}, {@code crlf}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<LineEnding> byId(String id) {
        for (LineEnding e : values()) {
            if (e.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(e);
            }
        }
        return Optional.empty();
    }
}
