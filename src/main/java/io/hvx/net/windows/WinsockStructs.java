package io.hvx.net.windows;

import io.hvx.core.SockaddrHv;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Byte layouts passed to ws2_32, built in pure Java so they are tested on any OS:
 * option values (a little-endian {@code ULONG}), Windows {@code sockaddr_un} (family 1 + 108
 * path bytes = 110), the x64 {@code fd_set} (count at 0, SOCKETs from offset 8, 520 bytes) and
 * {@code timeval} (two 32-bit longs). {@code SOCKADDR_HV} comes from {@link SockaddrHv}.
 */
public final class WinsockStructs {

    public static final int HVSOCKET_CONNECT_TIMEOUT = 1;
    public static final int HVSOCKET_CONNECT_TIMEOUT_MAX = 300_000;
    public static final int HVSOCKET_CONNECTED_SUSPEND = 4;
    public static final int SOCKADDR_UN_SIZE = 110;
    public static final int FD_SET_SIZE = 8 + 64 * 8;

    private WinsockStructs() {
    }

    /** A 4-byte ULONG option value, little-endian. */
    public static byte[] ulong(long value) {
        return le(4).putInt((int) value).array();
    }

    /** The HVSOCKET_CONNECT_TIMEOUT value for a timeout: milliseconds, clamped to 1…300000. */
    public static byte[] connectTimeout(long timeoutMs) {
        return ulong(Math.max(1, Math.min(HVSOCKET_CONNECT_TIMEOUT_MAX, timeoutMs)));
    }

    /** Windows {@code sockaddr_un} for a path (at most 107 bytes plus the NUL). */
    public static byte[] sockaddrUn(Path path) {
        byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
        if (p.length == 0 || p.length > SOCKADDR_UN_SIZE - 3) {
            throw new IllegalArgumentException("Unix socket path must be 1.." + (SOCKADDR_UN_SIZE - 3)
                    + " bytes, got " + p.length + ": " + path);
        }
        byte[] b = new byte[SOCKADDR_UN_SIZE];
        b[0] = (byte) Ws2AddressFamily.AF_UNIX;
        System.arraycopy(p, 0, b, 2, p.length);
        return b;
    }

    /** An x64 {@code fd_set} holding one socket. */
    public static byte[] fdSet(long socket) {
        return le(FD_SET_SIZE).putInt(0, 1).putLong(8, socket).array();
    }

    /** Whether select left the socket in the set (fd_count &gt; 0). */
    public static boolean fdIsSet(byte[] fdSet) {
        return int32(fdSet, 0) != 0;
    }

    /** Windows {@code timeval}: tv_sec and tv_usec as 32-bit longs. */
    public static byte[] timeval(long ms) {
        return le(8).putInt((int) (ms / 1000)).putInt((int) (ms % 1000 * 1000)).array();
    }

    /** Little-endian int at {@code off}. */
    public static int int32(byte[] b, int off) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getInt(off);
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Address families without loading ws2_32 (so these layouts stay testable off Windows). */
    static final class Ws2AddressFamily {
        static final int AF_UNIX = 1;

        private Ws2AddressFamily() {
        }
    }
}
