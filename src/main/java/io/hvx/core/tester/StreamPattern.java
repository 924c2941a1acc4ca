package io.hvx.core.tester;

import java.nio.ByteBuffer;

/**
 * The byte stream every test sends and checks, shared with the built-in responders and the C
 * reference peer ({@code native/hvecho}): byte {@code i} of a stream is {@code (i * 31 + 7) & 0xff}.
 * It repeats every {@value #PERIOD} bytes, so one buffer of {@code size + PERIOD} pattern bytes
 * holds every stretch a test sends or expects (at {@code offset & 0xff}), and checking a received
 * stretch is one vectorised {@link ByteBuffer#mismatch} against that buffer: nothing is computed
 * per byte on the hot path.
 */
public final class StreamPattern {

    /** The pattern's period in bytes. */
    public static final int PERIOD = 256;
    /**
     * Echo messages are the pattern XOR this mask (as in {@code hvecho bench --rtt}), so that a
     * source, which sends the plain pattern, is never mistaken for an echo.
     */
    public static final int ECHO_MASK = 0x5a;

    private StreamPattern() {
    }

    /** Byte {@code index} of the stream. */
    public static byte byteAt(long index) {
        return (byte) ((index * 31 + 7) & 0xff);
    }

    /** Fills {@code buf} from position to limit with the stream starting at offset {@code start}. */
    public static void fill(ByteBuffer buf, long start) {
        long i = start;
        for (int p = buf.position(); p < buf.limit(); p++) {
            buf.put(p, byteAt(i++));
        }
    }

    /**
     * The offset (relative to the buffer's position) of the first byte that breaks the stream, or
     * -1 when the whole remaining buffer matches.
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

    /**
     * A direct buffer of {@code span + PERIOD} stream bytes from offset 0, each XORed with
     * {@code mask}: the stretch of {@code n ≤ span} bytes at stream offset {@code o} is
     * {@code [o & 0xff, (o & 0xff) + n)}.
     */
    public static ByteBuffer window(int span, int mask) {
        ByteBuffer b = ByteBuffer.allocateDirect(span + PERIOD);
        for (int i = 0; i < b.capacity(); i++) {
            b.put(i, (byte) (byteAt(i) ^ mask));
        }
        return b;
    }

    /**
     * Sets {@code window}'s position and limit to the {@code length} bytes at stream offset
     * {@code offset} (see {@link #window}); returns it.
     */
    public static ByteBuffer at(ByteBuffer window, long offset, int length) {
        int p = (int) (offset & (PERIOD - 1));
        return window.limit(p + length).position(p);
    }
}
