package io.hvx.net.posix;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;

/**
 * libc socket calls through JNA direct mapping ({@link Native#register}): a call costs tens of
 * nanoseconds instead of the hundreds interface mapping takes, which matters for small reads
 * and writes. Buffers are passed as raw addresses ({@code long}) of direct memory so a call
 * allocates nothing; this assumes a 64-bit (LP64) Linux, the only one we ship for.
 *
 * <p>Errors: a call returns -1 and {@link Native#getLastError()} holds {@code errno}, which JNA
 * saves right after the call on this thread.
 */
final class Libc {

    static {
        Native.register(NativeLibrary.getInstance("c"));
    }

    private Libc() {
    }

    static final int AF_UNIX = 1;
    static final int AF_VSOCK = 40;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SHUT_WR = 1;
    static final int SHUT_RDWR = 2;
    static final int MSG_NOSIGNAL = 0x4000;
    static final int SOL_SOCKET = 1;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_VM_SOCKETS_CONNECT_TIMEOUT = 6;
    static final int F_GETFL = 3;
    static final int F_SETFL = 4;
    static final int O_NONBLOCK = 0x800;
    static final short POLLIN = 0x1;
    static final short POLLOUT = 0x4;
    static final short POLLERR = 0x8;
    static final short POLLHUP = 0x10;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;

    // errno (asm-generic, x86_64 and arm64; hvsocket-facts.md §2.4)
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int EACCES = 13;
    static final int ENODEV = 19;
    static final int EINVAL = 22;
    static final int EPIPE = 32;
    static final int ENAMETOOLONG = 36;
    static final int ENOTSOCK = 88;
    static final int ENOPROTOOPT = 92;
    static final int EPROTONOSUPPORT = 93;
    static final int ESOCKTNOSUPPORT = 94;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;
    static final int ECONNABORTED = 103;
    static final int ECONNRESET = 104;
    static final int ENOTCONN = 107;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;
    static final int EALREADY = 114;
    static final int EINPROGRESS = 115;
    static final int EISCONN = 106;

    static native int socket(int domain, int type, int protocol);

    static native int connect(int fd, byte[] addr, int len);

    static native int bind(int fd, byte[] addr, int len);

    static native int listen(int fd, int backlog);

    static native int accept4(int fd, byte[] addr, int[] len, int flags);

    static native int getsockname(int fd, byte[] addr, int[] len);

    static native int getpeername(int fd, byte[] addr, int[] len);

    static native long recv(int fd, long buf, long len, int flags);

    static native long send(int fd, long buf, long len, int flags);

    static native long write(int fd, byte[] buf, long len);

    static native long read(int fd, byte[] buf, long len);

    static native int shutdown(int fd, int how);

    static native int close(int fd);

    static native int poll(int[] fds, long nfds, int timeoutMs);

    static native int setsockopt(int fd, int level, int name, byte[] value, int len);

    static native int getsockopt(int fd, int level, int name, byte[] value, int[] len);

    static native int fcntl(int fd, int cmd, int arg);

    static native int eventfd(int initval, int flags);

    static native int unlink(String path);

    static native String strerror(int errnum);

    static int errno() {
        return Native.getLastError();
    }

    /**
     * A pollfd array packed in ints: {@code struct pollfd { int fd; short events; short revents; }}
     * is 8 bytes, so each entry is two ints — the fd, then events in the low half (little-endian)
     * and revents in the high half.
     */
    static void pollEntry(int[] fds, int index, int fd, short events) {
        fds[index * 2] = fd;
        fds[index * 2 + 1] = events & 0xffff;
    }

    static int revents(int[] fds, int index) {
        return (fds[index * 2 + 1] >>> 16) & 0xffff;
    }
}
