package io.hvx.core.tester;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Optional;

/**
 * The small header that turns an echo or sink responder (hvx's built-in ones and
 * {@code hvecho listen --echo|--sink}) into the far end of a one-way throughput test. The
 * format is specified in {@code docs/protocol.md}; this class is its one Java definition.
 *
 * <pre>
 * client → server, right after connecting (24 bytes, integers little-endian):
 *   0  FE 48 56 58   magic "\xFEHVX" (0xFE never starts UTF-8 text, so typed text is never taken for it)
 *   4  01            version
 *   5  'U' | 'D'     upload (the server reads and checks the stream) | download (the server sends it)
 *   6  00 00         reserved
 *   8  u32           download: the size of the server's writes (1 … 1 MiB); upload: 0
 *  12  00 00 00 00   reserved
 *  16  u64           download: bytes to send, 0 = until the client closes; upload: 0
 * server → client (8 bytes):
 *   0  FE 48 56 41   magic "\xFEHVA"
 *   4  01            version
 *   5  'U' | 'D'     the command
 *   6  00 | 01       00 accepted, 01 refused (unknown version or command; the server closes)
 *   7  00            reserved
 * after an upload, when the client has half-closed, server → client (24 bytes), then close:
 *   0  FE 48 56 52   magic "\xFEHVR"
 *   4  01            version
 *   5  00 | 01       00 every byte matched the stream, 01 not
 *   6  00 00         reserved
 *   8  u64           bytes received
 *  16  u64           stream offset of the first byte that differed, all ones when none did
 * </pre>
 *
 * A server that sees anything else at the start of a connection treats it as plain data (an
 * echo sends it back), so interactive use and plain echo tests never notice the header. A client
 * that gets its own request back is talking to a plain echo; one that gets no answer, to a
 * service that does not know the header.
 */
public final class TestProtocol {

    public static final int REQUEST_SIZE = 24;
    public static final int ACK_SIZE = 8;
    public static final int TRAILER_SIZE = 24;
    public static final int VERSION = 1;
    /** Largest download write size a server accepts. */
    public static final int MAX_SIZE = 1024 * 1024;

    private static final int MAGIC_REQUEST = 0x585648FE; // FE 48 56 58 read little-endian
    private static final int MAGIC_ACK = 0x415648FE;
    private static final int MAGIC_RESULT = 0x525648FE;
    private static final long NO_MISMATCH = -1L;

    private TestProtocol() {
    }

    /** What the client asks for. */
    public enum Command {
        UPLOAD('U'), DOWNLOAD('D');

        private final byte code;

        Command(char code) {
            this.code = (byte) code;
        }

        public byte code() {
            return code;
        }

        static Optional<Command> of(byte code) {
            for (Command c : values()) {
                if (c.code == code) {
                    return Optional.of(c);
                }
            }
            return Optional.empty();
        }
    }

    /**
     * A client's request.
     *
     * @param size  download: size of the server's writes; upload: 0
     * @param bytes download: bytes to send, 0 = until the client closes; upload: 0
     */
    public record Request(Command command, int size, long bytes) {

        public static Request upload() {
            return new Request(Command.UPLOAD, 0, 0);
        }

        public static Request download(int size, long bytes) {
            return new Request(Command.DOWNLOAD, size, bytes);
        }

        /** The request's 24 bytes. */
        public ByteBuffer encode() {
            ByteBuffer b = ByteBuffer.allocate(REQUEST_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, MAGIC_REQUEST).put(4, (byte) VERSION).put(5, command.code())
                    .putInt(8, size).putLong(16, bytes);
            return b;
        }
    }

    /** How the first bytes a server read relate to a request. */
    public enum Sniff {
        /** Not a request: plain data. */
        DATA,
        /** A prefix of the magic: read more before deciding. */
        PARTIAL,
        /** The magic: a request follows (read {@link #REQUEST_SIZE} bytes in all). */
        REQUEST
    }

    /** Classifies the bytes from position to limit of {@code first} (what a server read first). */
    public static Sniff sniff(ByteBuffer first) {
        int n = Math.min(4, first.remaining());
        for (int i = 0; i < n; i++) {
            if (first.get(first.position() + i) != (byte) (MAGIC_REQUEST >>> (8 * i))) {
                return Sniff.DATA;
            }
        }
        return n < 4 ? Sniff.PARTIAL : Sniff.REQUEST;
    }

    /**
     * The request in the {@value #REQUEST_SIZE} bytes at {@code b}'s position, or empty when its
     * version or command is unknown (the server refuses it).
     */
    public static Optional<Request> decodeRequest(ByteBuffer b) {
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = b.position();
        if (le.getInt(p) != MAGIC_REQUEST || le.get(p + 4) != VERSION) {
            return Optional.empty();
        }
        Optional<Command> c = Command.of(le.get(p + 5));
        int size = le.getInt(p + 8);
        long bytes = le.getLong(p + 16);
        if (c.isEmpty() || (c.get() == Command.DOWNLOAD && (size < 1 || size > MAX_SIZE)) || bytes < 0) {
            return Optional.empty();
        }
        return Optional.of(new Request(c.get(), size, bytes));
    }

    /**
     * What the client read as the answer to its request.
     */
    public enum Answer {
        /** The server accepted the request. */
        ACCEPTED,
        /** The server knows the header but refused this request. */
        REFUSED,
        /** The request came back: the service is a plain echo. */
        ECHOED,
        /** Something else: the service does not know the header. */
        OTHER
    }

    /** The server's answer for {@code command}. */
    public static ByteBuffer encodeAck(Command command, boolean accepted) {
        ByteBuffer b = ByteBuffer.allocate(ACK_SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, MAGIC_ACK).put(4, (byte) VERSION).put(5, command == null ? 0 : command.code())
                .put(6, (byte) (accepted ? 0 : 1));
        return b;
    }

    /** Classifies the {@value #ACK_SIZE} bytes at {@code b}'s position, read after sending {@code sent}. */
    public static Answer decodeAck(ByteBuffer b, Request sent) {
        ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        int p = b.position();
        int magic = le.getInt(p);
        if (magic == MAGIC_REQUEST) {
            return Answer.ECHOED;
        }
        if (magic != MAGIC_ACK || le.get(p + 4) != VERSION || le.get(p + 5) != sent.command().code()) {
            return Answer.OTHER;
        }
        return le.get(p + 6) == 0 ? Answer.ACCEPTED : Answer.REFUSED;
    }

    /**
     * What the server says after an upload.
     *
     * @param received      bytes it received
     * @param firstMismatch stream offset of the first byte that differed, or -1
     */
    public record Trailer(long received, long firstMismatch) {

        public boolean intact() {
            return firstMismatch < 0;
        }

        public ByteBuffer encode() {
            ByteBuffer b = ByteBuffer.allocate(TRAILER_SIZE).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt(0, MAGIC_RESULT).put(4, (byte) VERSION).put(5, (byte) (intact() ? 0 : 1))
                    .putLong(8, received).putLong(16, intact() ? NO_MISMATCH : firstMismatch);
            return b;
        }

        /** The trailer at {@code b}'s position, or empty when the bytes are not one. */
        public static Optional<Trailer> decode(ByteBuffer b) {
            ByteBuffer le = b.duplicate().order(ByteOrder.LITTLE_ENDIAN);
            int p = b.position();
            if (le.getInt(p) != MAGIC_RESULT || le.get(p + 4) != VERSION) {
                return Optional.empty();
            }
            long mismatch = le.getLong(p + 16);
            boolean intact = le.get(p + 5) == 0;
            return Optional.of(new Trailer(le.getLong(p + 8), intact ? NO_MISMATCH : mismatch));
        }
    }
}
