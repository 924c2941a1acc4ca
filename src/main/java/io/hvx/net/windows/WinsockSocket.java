package io.hvx.net.windows;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SockaddrHv;
import io.hvx.net.NativeStreamSocket;
import io.hvx.net.windows.WinsockErrors.Op;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * A Winsock stream socket for AF_HYPERV, and for AF_UNIX so the same I/O path runs on a Windows
 * machine without Hyper-V. Every socket stays non-blocking: connect, accept, reads and writes
 * try the call and, when Winsock answers {@code WSAEWOULDBLOCK}, wait with {@code select} in
 * short slices, so the caller's deadline, {@link #close()} and interrupts end the wait. For
 * AF_HYPERV {@code HVSOCKET_CONNECT_TIMEOUT} is also set so Hyper-V gives up at the same time.
 * Reads and writes pass direct memory addresses and allocate nothing while data flows.
 *
 * <p>Why not blocking calls cancelled by {@code closesocket}: Microsoft's closesocket page says
 * the descriptor "may immediately be reused by the system" and that a client "must never issue
 * closesocket on s concurrently with another Winsock function call"
 * (https://learn.microsoft.com/en-us/windows/win32/api/winsock/nf-winsock-closesocket). Releasing
 * the handle under a blocked reader could hand it another connection's bytes. So
 * {@link NativeStreamSocket} releases the handle only after the last call has left, and the
 * sliced waits are what end a call promptly after a close; {@code shutdown(SD_BOTH)} in
 * {@link #wake()} only shortens that wait.
 */
public final class WinsockSocket extends NativeStreamSocket {

    private static volatile boolean started;

    private final long s;

    private WinsockSocket(long s, String target) {
        super(target);
        this.s = s;
    }

    /** {@code WSAStartup(2.2)} once per process. */
    static void startup() {
        if (started) {
            return;
        }
        synchronized (WinsockSocket.class) {
            if (!started) {
                int r = Ws2.WSAStartup((short) 0x0202, new byte[512]);
                if (r != 0) {
                    throw WinsockErrors.failure(Op.STARTUP, r, "ws2_32", 0);
                }
                started = true;
            }
        }
    }

    /** How users read a Hyper-V address. */
    public static String hyperVText(HvEndpoint ep) {
        return "hvsocket:" + ep.vmId() + "/" + ep.serviceId();
    }

    /**
     * Connects an AF_HYPERV socket.
     *
     * @param keepWhenPaused sets {@code HVSOCKET_CONNECTED_SUSPEND} so pausing the VM does not drop
     *                       the connection
     */
    public static WinsockSocket connectHyperV(HvEndpoint endpoint, Duration timeout, boolean keepWhenPaused) {
        long ms = Math.max(1, timeout.toMillis());
        String text = hyperVText(endpoint);
        return connect(Ws2.AF_HYPERV, Ws2.HV_PROTOCOL_RAW, SockaddrHv.of(endpoint).encode(), text, timeout, sock -> {
            byte[] v = WinsockStructs.connectTimeout(ms);
            if (Ws2.setsockopt(sock, Ws2.HV_PROTOCOL_RAW, WinsockStructs.HVSOCKET_CONNECT_TIMEOUT, v, 4) != 0) {
                throw WinsockErrors.failure(Op.OPTION, Ws2.lastError(), text, ms);
            }
            if (keepWhenPaused) {
                byte[] one = WinsockStructs.ulong(1);
                if (Ws2.setsockopt(sock, Ws2.HV_PROTOCOL_RAW, WinsockStructs.HVSOCKET_CONNECTED_SUSPEND, one, 4) != 0) {
                    throw WinsockErrors.failure(Op.OPTION, Ws2.lastError(), text, ms);
                }
            }
        });
    }

    /** Connects an AF_UNIX socket (Windows 10 1803 and later). */
    public static WinsockSocket connectUnix(Path path, Duration timeout) {
        return connect(Ws2.AF_UNIX, 0, WinsockStructs.sockaddrUn(path), "unix:" + path, timeout, sock -> { });
    }

    /** Binds and listens on AF_HYPERV. */
    public static WinsockSocket listenHyperV(HvEndpoint endpoint, int backlog) {
        return listen(Ws2.AF_HYPERV, Ws2.HV_PROTOCOL_RAW, SockaddrHv.of(endpoint).encode(), hyperVText(endpoint), backlog);
    }

    /** Binds and listens on AF_UNIX. */
    public static WinsockSocket listenUnix(Path path, int backlog) {
        return listen(Ws2.AF_UNIX, 0, WinsockStructs.sockaddrUn(path), "unix:" + path, backlog);
    }

    /**
     * Creates and closes an AF_HYPERV socket: 0 when this Windows has the Hyper-V socket
     * provider, else the Winsock error (10047 without it).
     */
    public static int probeHyperV() {
        startup();
        long sock = Ws2.socket(Ws2.AF_HYPERV, Ws2.SOCK_STREAM, Ws2.HV_PROTOCOL_RAW);
        if (sock == Ws2.INVALID_SOCKET) {
            return Ws2.lastError();
        }
        Ws2.closesocket(sock);
        return 0;
    }

    /**
     * {@code HVSOCKET_CONNECT_TIMEOUT} read back from a fresh AF_HYPERV socket, in milliseconds:
     * the connect timeout this Windows applies when a program sets none (hvsocket-facts.md §1.5,
     * §8.2; reading it back works per Ookii.VmSockets' tests). Empty without the provider or when
     * the option cannot be read.
     */
    public static java.util.OptionalLong defaultConnectTimeoutMs() {
        startup();
        long sock = Ws2.socket(Ws2.AF_HYPERV, Ws2.SOCK_STREAM, Ws2.HV_PROTOCOL_RAW);
        if (sock == Ws2.INVALID_SOCKET) {
            return java.util.OptionalLong.empty();
        }
        try {
            byte[] v = new byte[4];
            int[] len = {4};
            if (Ws2.getsockopt(sock, Ws2.HV_PROTOCOL_RAW, WinsockStructs.HVSOCKET_CONNECT_TIMEOUT, v, len) != 0
                    || len[0] != 4) {
                return java.util.OptionalLong.empty();
            }
            return java.util.OptionalLong.of(Integer.toUnsignedLong(
                    ByteBuffer.wrap(v).order(java.nio.ByteOrder.LITTLE_ENDIAN).getInt()));
        } finally {
            Ws2.closesocket(sock);
        }
    }

    private interface Options {
        void apply(long sock);
    }

    private static WinsockSocket connect(int af, int proto, byte[] sa, String text, Duration timeout, Options options) {
        startup();
        long ms = Math.max(1, timeout.toMillis());
        long deadline = System.nanoTime() + timeout.toNanos();
        long sock = Ws2.socket(af, Ws2.SOCK_STREAM, proto);
        if (sock == Ws2.INVALID_SOCKET) {
            throw WinsockErrors.failure(Op.SOCKET, Ws2.lastError(), text, ms);
        }
        WinsockSocket ws = new WinsockSocket(sock, text);
        boolean ok = false;
        try {
            options.apply(sock);
            ws.setNonBlocking();
            if (Ws2.connect(sock, sa, sa.length) != 0) {
                int e = Ws2.lastError();
                if (e != WinsockErrors.WSAEWOULDBLOCK) {
                    throw WinsockErrors.failure(Op.CONNECT, e, text, ms);
                }
                ws.awaitConnected(deadline, ms);
            }
            ws.setLocalAddress(ws.sockName());
            ws.setPeerAddress(text);
            ok = true;
            return ws;
        } finally {
            if (!ok) {
                ws.close();
            }
        }
    }

    private static WinsockSocket listen(int af, int proto, byte[] sa, String text, int backlog) {
        startup();
        long sock = Ws2.socket(af, Ws2.SOCK_STREAM, proto);
        if (sock == Ws2.INVALID_SOCKET) {
            throw WinsockErrors.failure(Op.SOCKET, Ws2.lastError(), text, 0);
        }
        WinsockSocket ws = new WinsockSocket(sock, text);
        boolean ok = false;
        try {
            if (Ws2.bind(sock, sa, sa.length) != 0) {
                throw WinsockErrors.failure(Op.BIND, Ws2.lastError(), text, 0);
            }
            if (Ws2.listen(sock, backlog) != 0) {
                throw WinsockErrors.failure(Op.LISTEN, Ws2.lastError(), text, 0);
            }
            ws.setNonBlocking();
            ws.setLocalAddress(text);
            ok = true;
            return ws;
        } finally {
            if (!ok) {
                ws.close();
            }
        }
    }

    /** Waits up to {@code timeout} for an incoming connection; empty on timeout. */
    public Optional<WinsockSocket> accept(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] addr = new byte[Math.max(SockaddrHv.SIZE, WinsockStructs.SOCKADDR_UN_SIZE) + 16];
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
                int e = select(Io.READ, (int) Math.min(left, SLICE_MS));
                if (e != 0) {
                    checkOpen();
                    throw WinsockErrors.failure(Op.ACCEPT, e, target(), 0);
                }
                len[0] = addr.length;
                long c = Ws2.accept(s, addr, len);
                if (c == Ws2.INVALID_SOCKET) {
                    e = Ws2.lastError();
                    if (e == WinsockErrors.WSAEWOULDBLOCK || e == WinsockErrors.WSAECONNRESET) {
                        continue;
                    }
                    checkOpen();
                    throw WinsockErrors.failure(Op.ACCEPT, e, target(), 0);
                }
                // accepted sockets inherit the listener's non-blocking mode, which is what reads need
                WinsockSocket conn = new WinsockSocket(c, target());
                conn.setLocalAddress(localAddress());
                conn.setPeerAddress(describe(addr, len[0]));
                return Optional.of(conn);
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
        return Ws2.recv(s, address, length, 0);
    }

    @Override
    protected long send(long address, int length) {
        return Ws2.send(s, address, length, 0);
    }

    @Override
    protected boolean shutdownSend() {
        return Ws2.shutdown(s, Ws2.SD_SEND) == 0;
    }

    @Override
    protected int lastError() {
        return Ws2.lastError();
    }

    @Override
    protected void wake() {
        // The handle stays valid until the last call leaves; this only makes a pending select
        // report the socket at once instead of at the end of its slice.
        Ws2.shutdown(s, Ws2.SD_BOTH);
    }

    @Override
    protected void releaseHandle() {
        Ws2.closesocket(s);
    }

    @Override
    protected boolean isWouldBlock(int error) {
        return error == WinsockErrors.WSAEWOULDBLOCK;
    }

    @Override
    protected int awaitReady(Io io, int sliceMs) {
        return select(io, sliceMs);
    }

    /**
     * One {@code select} of at most {@code ms} on this socket for reading or writing (errors
     * count as ready: the next call reports them).
     *
     * @return 0, or the Winsock error of the failed select
     */
    private int select(Io io, int ms) {
        byte[] set = WinsockStructs.fdSet(s);
        byte[] errors = WinsockStructs.fdSet(s);
        byte[] tv = WinsockStructs.timeval(ms);
        int r = io == Io.READ
                ? Ws2.select(0, set, null, errors, tv)
                : Ws2.select(0, null, set, errors, tv);
        return r == Ws2.SOCKET_ERROR ? Ws2.lastError() : 0;
    }

    @Override
    protected boolean isSendAfterShutdown(int error) {
        return error == WinsockErrors.WSAESHUTDOWN;
    }

    @Override
    protected String ioDetail(Io io, int error) {
        return WinsockErrors.detail(op(io), error, peerAddress());
    }

    @Override
    protected OperationFailedException ioFailure(Io io, int error) {
        return WinsockErrors.failure(op(io), error, peerAddress(), 0);
    }

    private static Op op(Io io) {
        return switch (io) {
            case READ -> Op.READ;
            case WRITE -> Op.WRITE;
            case SHUTDOWN -> Op.SHUTDOWN;
        };
    }

    private void awaitConnected(long deadline, long ms) {
        while (true) {
            checkOpen();
            checkInterrupt();
            long left = remainingMs(deadline);
            if (left <= 0) {
                throw WinsockErrors.failure(Op.CONNECT, WinsockErrors.WSAETIMEDOUT, target(), ms);
            }
            byte[] wfds = WinsockStructs.fdSet(s);
            byte[] efds = WinsockStructs.fdSet(s);
            // a failed non-blocking connect is reported in exceptfds, not writefds
            int r = Ws2.select(0, null, wfds, efds, WinsockStructs.timeval(Math.min(left, SLICE_MS)));
            if (r == Ws2.SOCKET_ERROR) {
                throw WinsockErrors.failure(Op.CONNECT, Ws2.lastError(), target(), ms);
            }
            if (r == 0) {
                continue;
            }
            if (WinsockStructs.fdIsSet(efds)) {
                byte[] err = new byte[4];
                int[] len = {4};
                int code = Ws2.getsockopt(s, Ws2.SOL_SOCKET, Ws2.SO_ERROR, err, len) == 0
                        ? WinsockStructs.int32(err, 0) : Ws2.lastError();
                throw WinsockErrors.failure(Op.CONNECT, code == 0 ? WinsockErrors.WSAECONNREFUSED : code, target(), ms);
            }
            if (WinsockStructs.fdIsSet(wfds)) {
                return;
            }
        }
    }

    private void setNonBlocking() {
        if (Ws2.ioctlsocket(s, Ws2.FIONBIO, new int[] {1}) != 0) {
            throw WinsockErrors.failure(Op.OPTION, Ws2.lastError(), target(), 0);
        }
    }

    private String sockName() {
        byte[] b = new byte[WinsockStructs.SOCKADDR_UN_SIZE + 16];
        int[] len = {b.length};
        return Ws2.getsockname(s, b, len) == 0 ? describe(b, len[0]) : "";
    }

    /** Reads a SOCKADDR_HV or sockaddr_un as users read it. */
    static String describe(byte[] b, int len) {
        if (len < 2) {
            return "unix:";
        }
        int family = (b[0] & 0xff) | (b[1] & 0xff) << 8;
        if (family == Ws2Family.AF_HYPERV && len >= SockaddrHv.SIZE) {
            Guid vm = Guid.fromWindowsBytes(b, 4);
            Guid svc = Guid.fromWindowsBytes(b, 20);
            return hyperVText(new HvEndpoint(vm, svc));
        }
        if (family == Ws2Family.AF_UNIX) {
            int end = 2;
            while (end < len && end < b.length && b[end] != 0) {
                end++;
            }
            return "unix:" + new String(b, 2, end - 2, java.nio.charset.StandardCharsets.UTF_8);
        }
        return "family " + family;
    }

    /** Family numbers without touching {@link Ws2} (so {@link #describe} runs off Windows). */
    private static final class Ws2Family {
        static final int AF_UNIX = 1;
        static final int AF_HYPERV = 34;
    }
}
