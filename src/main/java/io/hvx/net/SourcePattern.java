package io.hvx.net;

import io.hvx.core.tester.StreamPattern;
import java.nio.ByteBuffer;

/**
 * The byte pattern the source responder sends, shared with the C reference peer
 * ({@code native/hvecho}) and the tester: byte {@code i} of the stream is {@code (i * 31 + 7) & 0xff}.
 * The one definition is {@link StreamPattern}; this name stays for the responders and their tests.
 */
public final class SourcePattern {

    public static final int PERIOD = StreamPattern.PERIOD;

    private SourcePattern() {
    }

    public static byte byteAt(long index) {
        return StreamPattern.byteAt(index);
    }

    /** Fills {@code buf} from position to limit with the pattern starting at stream offset {@code start}. */
    public static void fill(ByteBuffer buf, long start) {
        StreamPattern.fill(buf, start);
    }

    /**
     * The offset (relative to the buffer's position) of the first byte that breaks the pattern,
     * or -1 when the whole remaining buffer matches.
     */
    public static int firstMismatch(ByteBuffer buf, long start) {
        return StreamPattern.firstMismatch(buf, start);
    }
}
