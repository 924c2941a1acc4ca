package io.hvx.net.windows;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * ws2_32 through JNA direct mapping. {@code SOCKET} is pointer-sized and is held in a
 * {@code long}, as are buffer addresses; this targets 64-bit Windows (x64, ARM64), where there is
 * a single calling convention. Errors: check the return value ({@link #SOCKET_ERROR},
 * {@link #INVALID_SOCKET}), then read {@link Native#getLastError()}, which JNA saves right after
 * the call (hvsocket-facts.md §5.4).
 */
final class Ws2 {

    static {
        Native.register(NativeLibrary.getInstance("ws2_32"));
    }

    private Ws2() {
    }

    static final int AF_UNIX = 1;
    static final int AF_HYPERV = 34;
    static final int SOCK_STREAM = 1;
    static final int HV_PROTOCOL_RAW = 1;
    static final int SOCKET_ERROR = -1;
    static final long INVALID_SOCKET = -1L;
    static final int SD_SEND = 1;
    static final int SD_BOTH = 2;
    static final int SOL_SOCKET = 0xFFFF;
    static final int SO_ERROR = 0x1007;
    static final int FIONBIO = 0x8004667E;

    static native int WSAStartup(short version, byte[] wsaData);

    static native long socket(int af, int type, int protocol);

    static native int connect(long s, byte[] name, int len);

    static native int bind(long s, byte[] name, int len);

    static native int listen(long s, int backlog);

    static native long accept(long s, byte[] addr, int[] len);

    static native int recv(long s, long buf, int len, int flags);

    static native int send(long s, long buf, int len, int flags);

    static native int shutdown(long s, int how);

    static native int closesocket(long s);

    static native int setsockopt(long s, int level, int name, byte[] value, int len);

    static native int getsockopt(long s, int level, int name, byte[] value, int[] len);

    static native int getsockname(long s, byte[] addr, int[] len);

    static native int ioctlsocket(long s, int cmd, int[] arg);

    static native int select(int nfds, byte[] readfds, byte[] writefds, byte[] exceptfds, byte[] timeout);

    static int lastError() {
        return Native.getLastError();
    }
}
