package io.hvx.net;

import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The part of a native stream socket that does not depend on the operating system: the
 * read/write paths, close bookkeeping and the helpers for sliced waits. Subclasses own the
 * handle and make the native calls through the hooks below.
 *
 * <p>Reads and writes allocate nothing in steady state: a direct buffer's address is looked up
 * once and reused while the caller passes the same buffer, and heap buffers go through a
 * {@value #BOUNCE_SIZE}-byte direct buffer kept per direction (so a reader and a writer thread
 * never share state).
 *
 * <p>Calls are counted with {@link #begin()}/{@link #end()}. {@link #close()} wakes blocked calls
 * with {@link #wake()} and releases the handle only when no call is using it: the last call to
 * leave releases it. A concurrent close therefore never makes another thread use a recycled
 * handle (Winsock's {@code closesocket} page: the descriptor "may immediately be reused by the
 * system", and a client "must never issue closesocket on s concurrently with another Winsock
 * function call"; POSIX {@code close} recycles the fd number just the same).
 *
 * <p>Where nothing but releasing the handle is documented to end a blocked call (Winsock), the
 * subclass keeps the socket non-blocking instead: {@link #recv}/{@link #send} report "would
 * block" ({@link #isWouldBlock}) and the base waits with {@link #awaitReady} in slices of at most
 * {@value #SLICE_MS} ms, so a close is noticed within one slice without touching the handle.
 */
public abstract class NativeStreamSocket implements StreamConnection {

    /** Size of the per-direction direct buffer that heap buffers are copied through. */
    protected static final int BOUNCE_SIZE = 64 * 1024;
    /** Longest single wait, so close, interrupts and deadlines are noticed promptly. */
    protected static final int SLICE_MS = 50;

    /** Which data operation failed, for {@link #ioFailure}. */
    protected enum Io { READ, WRITE, SHUTDOWN }

    private final String target;
    private volatile String local = "";
    private volatile String peer = "";
    private volatile boolean outputShut;
    /**
     * The calls using the handle (low bits) and the closed flag ({@link #CLOSED}) in one atomic
     * value, so that "closed and nobody inside" is seen by exactly one thread at the moment it
     * becomes true: with two separate variables, a call could enter between another call's
     * last-out check and its read of the flag, and have the handle released under it.
     */
    private final AtomicInteger state = new AtomicInteger();
    private static final int CLOSED = 1 << 30;
    private final AtomicBoolean released = new AtomicBoolean();

    private ByteBuffer readBounce;
    private long readBounceAddr;
    private ByteBuffer lastReadBuf;
    private long lastReadAddr;
    private ByteBuffer writeBounce;
    private long writeBounceAddr;
    private ByteBuffer lastWriteBuf;
    private long lastWriteAddr;

    /** @param target the address users asked for; names this socket in messages */
    protected NativeStreamSocket(String target) {
        this.target = target;
    }

    /** The native address of a direct buffer's first byte. */
    protected abstract long addressOf(ByteBuffer direct);

    /** One receive: bytes read, 0 at end of stream, or negative with the error in {@link #lastError()}. */
    protected abstract long recv(long address, int length);

    /** One send: bytes written, or negative with the error in {@link #lastError()}. */
    protected abstract long send(long address, int length);

    /** Shuts down the sending side; false with the error in {@link #lastError()}. */
    protected abstract boolean shutdownSend();

    /** The error of this thread's last failed native call. */
    protected abstract int lastError();

    /**
     * Makes calls blocked in other threads return where the platform offers a way; the handle
     * stays valid. Sockets that wait in slices ({@link #isWouldBlock}) notice the close within
     * one slice even when this does nothing.
     */
    protected abstract void wake();

    /**
     * Whether {@code error} from {@link #recv}/{@link #send} means "nothing to do now" on a
     * non-blocking socket; the base then waits with {@link #awaitReady} and tries again.
     * False unless a subclass keeps its connected sockets non-blocking.
     */
    protected boolean isWouldBlock(int error) {
        return false;
    }

    /**
     * Waits at most {@code sliceMs} until the socket is readable ({@link Io#READ}) or writable
     * ({@link Io#WRITE}); returning early or on time-out are both fine.
     *
     * @return 0, or the error of the failed wait
     */
    protected int awaitReady(Io io, int sliceMs) {
        throw new UnsupportedOperationException("a socket that reports would-block must wait for readiness");
    }

    /** Closes the native handle; called exactly once. */
    protected abstract void releaseHandle();

    /** Whether {@code error} from a send means the output was shut down by {@link #shutdownOutput()}. */
    protected abstract boolean isSendAfterShutdown(int error);

    /** The technical detail for {@code error} in {@code io}. */
    protected abstract String ioDetail(Io io, int error);

    /** The failure users see for {@code error} in {@code io}. */
    protected abstract OperationFailedException ioFailure(Io io, int error);

    @Override
    public final int read(ByteBuffer dst) {
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        begin();
        try {
            if (dst.isDirect()) {
                if (dst != lastReadBuf) {
                    lastReadAddr = addressOf(dst);
                    lastReadBuf = dst;
                }
                long n = receive(lastReadAddr + dst.position(), want);
                if (n <= 0) {
                    return -1;
                }
                dst.position(dst.position() + (int) n);
                return (int) n;
            }
            if (readBounce == null) {
                readBounce = ByteBuffer.allocateDirect(BOUNCE_SIZE);
                readBounceAddr = addressOf(readBounce);
            }
            long n = receive(readBounceAddr, Math.min(want, BOUNCE_SIZE));
            if (n <= 0) {
                return -1;
            }
            readBounce.clear().limit((int) n);
            dst.put(readBounce);
            return (int) n;
        } finally {
            end();
        }
    }

    private long receive(long address, int length) {
        while (true) {
            long n = recv(address, length);
            if (n >= 0) {
                if (n == 0 && closed()) {
                    throw closedFailure();
                }
                return n;
            }
            int e = lastError();
            if (closed()) {
                throw closedFailure();
            }
            if (!isWouldBlock(e)) {
                throw ioFailure(Io.READ, e);
            }
            await(Io.READ);
        }
    }

    /** One slice of waiting for readiness; a close during it ends the call as closed. */
    private void await(Io io) {
        int e = awaitReady(io, SLICE_MS);
        if (closed()) {
            throw closedFailure();
        }
        if (e != 0) {
            throw ioFailure(io, e);
        }
    }

    @Override
    public final int write(ByteBuffer src) {
        int want = src.remaining();
        if (want == 0) {
            return 0;
        }
        begin();
        try {
            if (src.isDirect()) {
                if (src != lastWriteBuf) {
                    lastWriteAddr = addressOf(src);
                    lastWriteBuf = src;
                }
                long n = transmit(lastWriteAddr + src.position(), want);
                src.position(src.position() + (int) n);
                return (int) n;
            }
            if (writeBounce == null) {
                writeBounce = ByteBuffer.allocateDirect(BOUNCE_SIZE);
                writeBounceAddr = addressOf(writeBounce);
            }
            int len = Math.min(want, BOUNCE_SIZE);
            int pos = src.position();
            writeBounce.put(0, src, pos, len);
            long n = transmit(writeBounceAddr, len);
            src.position(pos + (int) n);
            return (int) n;
        } finally {
            end();
        }
    }

    private long transmit(long address, int length) {
        while (true) {
            long n = send(address, length);
            if (n >= 0) {
                return n;
            }
            int e = lastError();
            if (closed()) {
                throw closedFailure();
            }
            if (outputShut && isSendAfterShutdown(e)) {
                throw new OperationFailedException(Problem.of("net.error.outputShutdown", peer), ioDetail(Io.WRITE, e));
            }
            if (!isWouldBlock(e)) {
                throw ioFailure(Io.WRITE, e);
            }
            await(Io.WRITE);
        }
    }

    @Override
    public final void shutdownOutput() {
        begin();
        try {
            if (!shutdownSend()) {
                int e = lastError();
                if (closed()) {
                    throw closedFailure();
                }
                throw ioFailure(Io.SHUTDOWN, e);
            }
            outputShut = true;
        } finally {
            end();
        }
    }

    @Override
    public final void close() {
        // set the flag and count this call as a user while it wakes the others: wake() touches
        // the handle, which the last call out must not release before it returns
        int before = state.getAndUpdate(v -> (v & CLOSED) != 0 ? v : (v | CLOSED) + 1);
        if ((before & CLOSED) != 0) {
            return;
        }
        try {
            wake();
        } finally {
            end();
        }
    }

    @Override
    public final boolean isClosed() {
        return closed();
    }

    @Override
    public final boolean peerStillReceiving() {
        if (closed()) {
            return false;
        }
        begin();
        try {
            return peerReceiving();
        } finally {
            end();
        }
    }

    /** {@link #peerStillReceiving()} on an open handle; false where the platform cannot tell. */
    protected boolean peerReceiving() {
        return false;
    }

    @Override
    public final String localAddress() {
        return local;
    }

    @Override
    public final String peerAddress() {
        return peer;
    }

    /** The address users asked for. */
    protected final String target() {
        return target;
    }

    protected final void setLocalAddress(String local) {
        this.local = local;
    }

    protected final void setPeerAddress(String peer) {
        this.peer = peer;
    }

    /** Marks a call as using the handle; fails if the socket is closed. Pair with {@link #end()}. */
    protected final void begin() {
        if ((state.incrementAndGet() & CLOSED) != 0) {
            end();
            throw closedFailure();
        }
    }

    /** Ends a call started with {@link #begin()}; the last one out after a close releases the handle. */
    protected final void end() {
        if (state.decrementAndGet() == CLOSED) {
            release();
        }
    }

    private boolean closed() {
        return (state.get() & CLOSED) != 0;
    }

    private void release() {
        if (released.compareAndSet(false, true)) {
            releaseHandle();
        }
    }

    protected final void checkOpen() {
        if (closed()) {
            throw closedFailure();
        }
    }

    protected final void checkInterrupt() {
        if (Thread.currentThread().isInterrupted()) {
            throw new OperationFailedException(Problem.of("net.error.cancelled", target));
        }
    }

    protected final OperationFailedException closedFailure() {
        return new OperationFailedException(Problem.of("net.error.closed", target));
    }

    /** Whole milliseconds left until {@code deadline} ({@link System#nanoTime()}), at least 1 while any is left. */
    protected static long remainingMs(long deadline) {
        long ns = deadline - System.nanoTime();
        return ns <= 0 ? 0 : Math.max(1, ns / 1_000_000);
    }
}
