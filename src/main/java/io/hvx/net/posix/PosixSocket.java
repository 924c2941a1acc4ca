package io.hvx.net.posix;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.hvx.core.OperationFailedException;
import io.hvx.net.NativeStreamSocket;
import io.hvx.net.posix.PosixErrors.Op;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Optional;

/**
 * A stream socket over libc, for both AF_UNIX and AF_VSOCK (the address codec is the only
 * difference). Connected sockets block in steady state: one {@code recv}/{@code send} per call,
 * no allocation (direct buffers go to the kernel as they are, heap buffers through a 64 KiB
 * direct buffer kept per direction).
 *
 * <p>Connect and accept use a non-blocking socket and {@code poll} with the caller's deadline,
 * polled in short slices so that {@link #close()} from another thread or an interrupt ends the
 * wait promptly even where {@code shutdown} does not wake {@code poll} (vsock listeners).
 * A blocked {@code recv} is woken by {@code shutdown(SHUT_RDWR)}, which {@link #close()} issues
 * before the descriptor is released. The descriptor itself is closed only when no thread is
 * inside a call on it, so a concurrent close never makes another thread use a recycled fd.
 */
public final class PosixSocket extends NativeStreamSocket {

    private final int fd;
    /** AF_UNIX: the one family whose poll says whether the peer still receives. */
    private final boolean unix;

    private PosixSocket(int fd, String target, boolean unix) {
        super(target);
        this.fd = fd;
        this.unix = unix;
    }

    /**
     * Connects to {@code address}, waiting at most {@code timeout}.
     *
     * <p>AF_UNIX on Linux never reports "in progress": with the listener's queue full a
     * non-blocking connect fails at once with EAGAIN and there is nothing to poll, so the
     * attempt is repeated every few milliseconds until the deadline and then reported as busy.
     */
    public static PosixSocket connect(PosixAddress address, Duration timeout) {
        long timeoutMs = Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        String text = address.text();
        int fd = Libc.socket(address.family(), Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw PosixErrors.failure(Op.SOCKET, Libc.errno(), text, timeoutMs);
        }
        PosixSocket s = new PosixSocket(fd, text, address.family() == Libc.AF_UNIX);
        boolean ok = false;
        try {
            if (address.family() == Libc.AF_VSOCK) {
                // hv_sock/vsock have their own connect timer (2 s by default); make it ours
                byte[] tv = timeval(timeoutMs);
                Libc.setsockopt(fd, Libc.AF_VSOCK, Libc.SO_VM_SOCKETS_CONNECT_TIMEOUT, tv, tv.length);
            }
            byte[] sa = address.encode();
            int[] pfd = new int[2];
            while (true) {
                if (Libc.connect(fd, sa, sa.length) == 0) {
                    break;
                }
                int e = Libc.errno();
                if (e == Libc.EINPROGRESS || e == Libc.EALREADY || e == Libc.EINTR) {
                    s.awaitConnected(pfd, deadline, text, timeoutMs);
                    break;
                }
                if (e == Libc.EAGAIN && address.family() == Libc.AF_UNIX) {
                    long left = remainingMs(deadline);
                    if (left <= 0) {
                        throw PosixErrors.failure(Op.CONNECT, Libc.EAGAIN, text, timeoutMs);
                    }
                    s.pause(Math.min(left, 5));
                    continue;
                }
                if (e == Libc.EISCONN) {
                    break;
                }
                throw PosixErrors.failure(Op.CONNECT, e, text, timeoutMs);
            }
            s.setBlocking();
            s.setLocalAddress(s.name(false));
            s.setPeerAddress(text);
            ok = true;
            return s;
        } finally {
            if (!ok) {
                s.close();
            }
        }
    }

    /**
     * Creates and closes a stream socket of {@code address}'s family: 0 when the system offers
     * it, else the errno (EAFNOSUPPORT 97 without vsock).
     */
    public static int probe(PosixAddress address) {
        int fd = Libc.socket(address.family(), Libc.SOCK_STREAM | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            return Libc.errno();
        }
        Libc.close(fd);
        return 0;
    }

    /** Binds {@code address} and listens; the socket stays non-blocking for {@link #accept}. */
    public static PosixSocket listen(PosixAddress address, int backlog) {
        String text = address.text();
        int fd = Libc.socket(address.family(), Libc.SOCK_STREAM | Libc.SOCK_NONBLOCK | Libc.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw PosixErrors.failure(Op.SOCKET, Libc.errno(), text, 0);
        }
        PosixSocket s = new PosixSocket(fd, text, address.family() == Libc.AF_UNIX);
        boolean ok = false;
        try {
            byte[] sa = address.encode();
            if (Libc.bind(fd, sa, sa.length) != 0) {
                throw PosixErrors.failure(Op.BIND, Libc.errno(), text, 0);
            }
            if (Libc.listen(fd, backlog) != 0) {
                throw PosixErrors.failure(Op.LISTEN, Libc.errno(), text, 0);
            }
            s.setLocalAddress(s.name(false));
            s.setPeerAddress("");
            ok = true;
            return s;
        } finally {
            if (!ok) {
                s.close();
            }
        }
    }

    /**
     * Waits up to {@code timeout} for a connection on a listening socket.
     *
     * @return the connected (blocking) socket, or empty on timeout
     */
    public Optional<PosixSocket> accept(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int[] pfd = new int[2];
        byte[] addr = new byte[PosixAddress.SOCKADDR_UN_SIZE];
        int[] len = new int[1];
        begin();
        try {
            while (true) {
                checkOpen();
                checkInterrupt();
                long left = remainingMs(deadline);
                if (left <= 0) {
                    return Optional.empty();
                }
                Libc.pollEntry(pfd, 0, fd, Libc.POLLIN);
                int r = Libc.poll(pfd, 1, (int) Math.min(left, SLICE_MS));
                if (r < 0) {
                    int e = Libc.errno();
                    if (e == Libc.EINTR) {
                        continue;
                    }
                    checkOpen();
                    throw failure(Op.ACCEPT, e, 0);
                }
                if (r == 0) {
                    continue;
                }
                len[0] = addr.length;
                int c = Libc.accept4(fd, addr, len, Libc.SOCK_CLOEXEC);
                if (c >= 0) {
                    PosixSocket conn = new PosixSocket(c, localAddress(), unix);
                    conn.setLocalAddress(localAddress());
                    conn.setPeerAddress(PosixAddress.describe(addr, len[0]));
                    return Optional.of(conn);
                }
                int e = Libc.errno();
                if (e == Libc.EAGAIN || e == Libc.EINTR || e == Libc.ECONNABORTED) {
                    continue;
                }
                checkOpen(); // shut down by close() in another thread
                throw failure(Op.ACCEPT, e, 0);
            }
        } finally {
            end();
        }
    }

    @Override
    protected long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    @Override
    protected long recv(long address, int length) {
        while (true) {
            long n = Libc.recv(fd, address, length, 0);
            if (n >= 0 || Libc.errno() != Libc.EINTR) {
                return n;
            }
        }
    }

    @Override
    protected long send(long address, int length) {
        while (true) {
            long n = Libc.send(fd, address, length, Libc.MSG_NOSIGNAL);
            if (n >= 0 || Libc.errno() != Libc.EINTR) {
                return n;
            }
        }
    }

    @Override
    protected boolean shutdownSend() {
        return Libc.shutdown(fd, Libc.SHUT_WR) == 0;
    }

    @Override
    protected int lastError() {
        return Libc.errno();
    }

    @Override
    protected void wake() {
        // wakes a recv/send/accept blocked in another thread; the fd stays valid until it leaves
        Libc.shutdown(fd, Libc.SHUT_RDWR);
    }

    @Override
    protected void releaseHandle() {
        Libc.close(fd);
    }

    /**
     * AF_UNIX reports a hang-up ({@code POLLHUP}) once both directions are shut: the peer closed,
     * or shut down its receiving side; after a mere half-close it does not. vsock's transports
     * differ on when they report it (UNCONFIRMED for hv_sock), so they answer "cannot tell".
     */
    @Override
    protected boolean peerReceiving() {
        if (!unix) {
            return false;
        }
        int[] pfd = new int[2];
        Libc.pollEntry(pfd, 0, fd, Libc.POLLOUT);
        int r = Libc.poll(pfd, 1, 0);
        return r >= 0 && (Libc.revents(pfd, 0) & (Libc.POLLHUP | Libc.POLLERR)) == 0;
    }

    @Override
    protected boolean isSendAfterShutdown(int error) {
        return error == Libc.EPIPE;
    }

    @Override
    protected String ioDetail(Io io, int error) {
        return PosixErrors.detail(op(io), error, peerAddress());
    }

    @Override
    protected OperationFailedException ioFailure(Io io, int error) {
        return failure(op(io), error, 0);
    }

    private static Op op(Io io) {
        return switch (io) {
            case READ -> Op.READ;
            case WRITE -> Op.WRITE;
            case SHUTDOWN -> Op.SHUTDOWN;
        };
    }

    /** The raw descriptor, for diagnostics and tests. */
    int fd() {
        return fd;
    }

    /** Sets SO_SNDBUF and SO_RCVBUF (bytes); must be called before data flows to matter. */
    public void setBufferSizes(int bytes) {
        byte[] v = intBytes(bytes);
        Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_SNDBUF, v, 4);
        Libc.setsockopt(fd, Libc.SOL_SOCKET, Libc.SO_RCVBUF, v, 4);
    }

    @Override
    public String toString() {
        return "PosixSocket[" + localAddress() + " -> " + peerAddress() + (isClosed() ? ", closed" : "") + "]";
    }

    private void awaitConnected(int[] pfd, long deadline, String text, long timeoutMs) {
        while (true) {
            checkOpen();
            checkInterrupt();
            long left = remainingMs(deadline);
            if (left <= 0) {
                throw PosixErrors.failure(Op.CONNECT, Libc.ETIMEDOUT, text, timeoutMs);
            }
            Libc.pollEntry(pfd, 0, fd, Libc.POLLOUT);
            int r = Libc.poll(pfd, 1, (int) Math.min(left, SLICE_MS));
            if (r < 0) {
                int e = Libc.errno();
                if (e == Libc.EINTR) {
                    continue;
                }
                throw PosixErrors.failure(Op.CONNECT, e, text, timeoutMs);
            }
            if (r > 0) {
                byte[] err = new byte[4];
                int[] len = {4};
                if (Libc.getsockopt(fd, Libc.SOL_SOCKET, Libc.SO_ERROR, err, len) != 0) {
                    throw PosixErrors.failure(Op.CONNECT, Libc.errno(), text, timeoutMs);
                }
                int soError = (err[0] & 0xff) | (err[1] & 0xff) << 8 | (err[2] & 0xff) << 16 | (err[3] & 0xff) << 24;
                if (soError == 0) {
                    return;
                }
                throw PosixErrors.failure(Op.CONNECT, soError, text, timeoutMs);
            }
        }
    }

    private void pause(long ms) {
        int[] none = new int[0];
        Libc.poll(none, 0, (int) ms);
        checkOpen();
        checkInterrupt();
    }

    private void setBlocking() {
        int flags = Libc.fcntl(fd, Libc.F_GETFL, 0);
        if (flags < 0 || Libc.fcntl(fd, Libc.F_SETFL, flags & ~Libc.O_NONBLOCK) != 0) {
            throw failure(Op.OPTION, Libc.errno(), 0);
        }
    }

    private String name(boolean peerName) {
        byte[] b = new byte[PosixAddress.SOCKADDR_UN_SIZE];
        int[] len = {b.length};
        int r = peerName ? Libc.getpeername(fd, b, len) : Libc.getsockname(fd, b, len);
        return r == 0 ? PosixAddress.describe(b, Math.min(len[0], b.length)) : "";
    }

    private OperationFailedException failure(Op op, int errno, long timeoutMs) {
        String peer = peerAddress();
        return PosixErrors.failure(op, errno, peer != null && !peer.isEmpty() ? peer : target(), timeoutMs);
    }

    private static byte[] timeval(long ms) {
        long sec = ms / 1000;
        long usec = (ms % 1000) * 1000;
        byte[] b = new byte[16];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (sec >>> (8 * i));
            b[8 + i] = (byte) (usec >>> (8 * i));
        }
        return b;
    }

    private static byte[] intBytes(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }
}
