package io.hvx.net;

import java.nio.ByteBuffer;

/**
 * The byte pattern the source responder sends, shared with the C reference peer
 * ({@code native/hvecho}): byte {@code i} of the stream is {@code (i * 31 + 7) & 0xff}. The pattern
 * repeats every 256 bytes, so a receiver can check any received stretch from its offset alone.
 */
public final class SourcePattern {

    public static final int PERIOD = 256;

    private SourcePattern() {
    }

    public static byte byteAt(long index) {
        return (byte) ((index * 31 + 7) & 0xff);
    }

    /** Fills {@code buf} from position to limit with the pattern starting at stream offset {@code start}. */
    public static void fill(ByteBuffer buf, long start) {
        long i = start;
        for (int p = buf.position(); p < buf.limit(); p++) {
            buf.put(p, byteAt(i++));
        }
    }

    /**
     * The offset (relative to the buffer's position) of the first byte that breaks the pattern,
     * or -1 when the whole remaining buffer matches.
     */
    public static int firstMismatch(ByteBuffer buf, long start) {
        long i = start;
        for (int p = buf.position(); p < buf.limit(); p++) {
            if (buf.get(p) != byteAt(i++)) {
                return p - buf.position();
            }
        }
        return -1;
    }
}
