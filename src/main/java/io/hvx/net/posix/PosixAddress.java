package io.hvx.net.posix;

import io.hvx.core.SockaddrVm;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The two address families the POSIX socket speaks, each with its codec: AF_UNIX
 * ({@code struct sockaddr_un}, 110 bytes: family u16 = 1, then a NUL-terminated path of at most
 * 107 bytes) and AF_VSOCK ({@link SockaddrVm}, 16 bytes).
 */
public sealed interface PosixAddress {

    /** sockaddr_un size on Linux. */
    int SOCKADDR_UN_SIZE = 110;
    /** Longest path that fits with its terminating NUL. */
    int MAX_UNIX_PATH_BYTES = 107;

    int family();

    /** The sockaddr bytes passed to bind/connect. */
    byte[] encode();

    /** How users read the address: {@code unix:/path} or {@code vsock:CID:PORT}. */
    String text();

    /** An AF_UNIX path. */
    record Unix(Path path) implements PosixAddress {
        public Unix {
            int len = path.toString().getBytes(StandardCharsets.UTF_8).length;
            if (len == 0 || len > MAX_UNIX_PATH_BYTES) {
                throw new IllegalArgumentException("Unix socket path must be 1.." + MAX_UNIX_PATH_BYTES
                        + " bytes, got " + len + ": " + path);
            }
        }

        @Override
        public int family() {
            return Libc.AF_UNIX;
        }

        @Override
        public byte[] encode() {
            byte[] p = path.toString().getBytes(StandardCharsets.UTF_8);
            byte[] b = new byte[2 + p.length + 1];
            b[0] = (byte) Libc.AF_UNIX;
            System.arraycopy(p, 0, b, 2, p.length);
            return b;
        }

        @Override
        public String text() {
            return "unix:" + path;
        }
    }

    /** An AF_VSOCK (CID, port) pair. */
    record Vsock(SockaddrVm address) implements PosixAddress {
        @Override
        public int family() {
            return Libc.AF_VSOCK;
        }

        @Override
        public byte[] encode() {
            return address.encode();
        }

        @Override
        public String text() {
            return "vsock:" + address.cid() + ":" + address.port();
        }
    }

    /** Decodes what getsockname/getpeername/accept returned; {@code unix:} for unnamed sockets. */
    static String describe(byte[] b, int len) {
        if (len < 2) {
            return "unix:";
        }
        int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        if (family == Libc.AF_UNIX) {
            int end = 2;
            while (end < len && b[end] != 0) {
                end++;
            }
            return "unix:" + new String(b, 2, end - 2, StandardCharsets.UTF_8);
        }
        if (family == Libc.AF_VSOCK && len >= SockaddrVm.SIZE) {
            SockaddrVm vm = SockaddrVm.decode(b);
            return "vsock:" + vm.cid() + ":" + vm.port();
        }
        return "family " + family;
    }
}
