package io.hvx.core.session;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One conversation over a Hyper-V socket connection, with no UI in it: the engine under the
 * Connections terminal, {@code hvx connect}, {@code hvx listen --stdio} and the tester.
 *
 * <p><b>Where it lives.</b> In {@code core}: it is pure Java over the {@link Connector} and
 * {@link StreamConnection} ports (no socket, file, JNA or JavaFX class), so view models, CLI
 * commands and the tester use it without reaching into the {@code net} adapters, and the
 * architecture test keeps it that way.
 *
 * <p><b>States.</b> {@link State#CONNECTING} → {@link State#CONNECTED} →
 * {@link State#PEER_CLOSED} (the peer sent EOF; this side may still send) → {@link State#CLOSED}
 * (closed here with {@link #close()}, or both sides have finished sending). Any state before
 * {@code CLOSED} may end in {@link State#FAILED}, carrying the {@link HvxException} that says
 * why. A session made with {@link #accepted} starts in {@code CONNECTED}.
 *
 * <p><b>Threads.</b> A reader thread connects, then reads; a writer thread takes what
 * {@link #send} and {@link #shutdownOutput()} queue, in order. Both are platform threads: a
 * blocking read through JNA pins a virtual thread's carrier. The reader never waits for a
 * consumer beyond the time its {@link Events#received} callback takes. {@link #close()} may
 * be called from any thread; it releases a blocked read or write at once and abandons a
 * pending connect by interrupting it (the {@link Connector} contract).
 *
 * <p><b>Events</b> are delivered to one {@link Events} on the engine's threads, never on the
 * caller's: {@code received} on the reader thread, in stream order; {@code sent} and
 * {@code eofSent} on the writer thread, in queue order; {@code stateChanged} and {@code failed}
 * on whichever thread made the change, one at a time and in the order the changes happened
 * (under the session's lock, so they must return quickly; calling this session's methods from
 * them is allowed). A view model hands state changes to its UI thread and writes received bytes
 * into a model its view reads once per frame (the terminal's
 * {@link io.hvx.core.terminal.TerminalBuffer}); the CLI copies received bytes straight to
 * standard output.
 */
public final class ConnectionSession implements AutoCloseable {

    /** Largest read; the array handed to {@link Events#received} has this size. */
    public static final int READ_CHUNK = 64 * 1024;
    /** Bytes queued for writing beyond which {@link #sendBlocking} waits. */
    public static final int QUEUE_LIMIT = 1024 * 1024;

    private static final System.Logger LOG = System.getLogger(ConnectionSession.class.getName());
    private static final Object EOF = new Object();

    /** Where the conversation is. */
    public enum State {
        /** The connect is under way. */
        CONNECTING,
        /** Both directions are open (this side may have sent EOF already). */
        CONNECTED,
        /** The peer has sent EOF: nothing more arrives, this side may still send. */
        PEER_CLOSED,
        /** The connection is released: closed here, or both sides finished sending. */
        CLOSED,
        /** Connecting, reading or writing failed; {@link #error()} says why. */
        FAILED;

        /** Whether the connection is established and not yet released. */
        public boolean isOpen() {
            return this == CONNECTED || this == PEER_CLOSED;
        }

        /** Whether the session is over (nothing changes after this). */
        public boolean isEnded() {
            return this == CLOSED || this == FAILED;
        }
    }

    /**
     * What a session reports. Every method has an empty default, so a consumer implements only
     * what it needs. See the class comment for the threads each is called on.
     */
    public interface Events {

        /** The session moved to {@code state} (the initial state is not reported). */
        default void stateChanged(ConnectionSession session, State state) {
        }

        /**
         * Bytes arrived: {@code data[0..length)}. The array is reused once this returns, so a
         * consumer that keeps the bytes copies them.
         */
        default void received(ConnectionSession session, byte[] data, int length) {
        }

        /** {@code data}, as given to {@link #send}, has been written to the connection. */
        default void sent(ConnectionSession session, byte[] data) {
        }

        /** The EOF queued by {@link #shutdownOutput()} has been sent (the peer reads end of stream). */
        default void eofSent(ConnectionSession session) {
        }

        /** The session failed; called just before {@code stateChanged(FAILED)}. */
        default void failed(ConnectionSession session, HvxException error) {
        }
    }

    private final HvEndpoint endpoint;
    private final Clock clock;
    private final Events events;
    private final Instant startedAt;
    private final long startNanos = System.nanoTime();
    private final AtomicLong bytesSent = new AtomicLong();
    private final AtomicLong bytesReceived = new AtomicLong();
    private final CountDownLatch ended = new CountDownLatch(1);

    // guarded by this
    private State state;
    private HvxException error;
    private StreamConnection connection;
    private Thread reader;
    private Instant connectedAt;
    private Instant endedAt;
    private long connectNanos = -1;
    private boolean peerEof;
    private boolean eofWritten;

    // guarded by queue; taken after this when both are needed, never the other way round
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private long queuedBytes;
    private long droppedBytes;
    private boolean eofQueued;
    private boolean writerStopped;

    private ConnectionSession(HvEndpoint endpoint, Clock clock, Events events, State initial) {
        this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.events = Objects.requireNonNull(events, "events");
        this.startedAt = clock.instant();
        this.state = initial;
    }

    /**
     * Starts connecting to {@code endpoint} and returns at once, in {@link State#CONNECTING}.
     *
     * @param timeout how long the connect may take (positive)
     */
    public static ConnectionSession connect(Connector connector, HvEndpoint endpoint, Duration timeout,
                                            Clock clock, Events events) {
        Objects.requireNonNull(connector, "connector");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("the connect timeout must be positive");
        }
        ConnectionSession s = new ConnectionSession(endpoint, clock, events, State.CONNECTING);
        synchronized (s) {
            s.reader = Thread.ofPlatform().daemon().name("hvx-session " + endpoint)
                    .unstarted(() -> s.connectAndRead(connector, timeout));
            s.reader.start();
        }
        return s;
    }

    /**
     * A session over a connection a listener accepted, in {@link State#CONNECTED}; it owns the
     * connection from now on.
     *
     * @param endpoint the endpoint the listener was bound for
     */
    public static ConnectionSession accepted(StreamConnection connection, HvEndpoint endpoint, Clock clock,
                                             Events events) {
        ConnectionSession s = new ConnectionSession(endpoint, clock, events, State.CONNECTED);
        synchronized (s) {
            s.connection = Objects.requireNonNull(connection, "connection");
            s.connectedAt = s.startedAt;
            s.connectNanos = 0;
            s.reader = Thread.ofPlatform().daemon().name("hvx-session " + endpoint).unstarted(() -> s.readLoop(connection));
            s.startWriter(connection);
            s.reader.start();
        }
        return s;
    }

    private void connectAndRead(Connector connector, Duration timeout) {
        StreamConnection c;
        try {
            c = connector.connect(endpoint, timeout);
        } catch (Throwable t) {
            fail(t);
            return;
        }
        synchronized (this) {
            if (state != State.CONNECTING) {
                // closed while connecting: the connection came too late to be used
                c.close();
                return;
            }
            connection = c;
            connectNanos = System.nanoTime() - startNanos;
            connectedAt = clock.instant();
            startWriter(c);
            moveTo(State.CONNECTED);
        }
        readLoop(c);
    }

    private void startWriter(StreamConnection c) {
        Thread.ofPlatform().daemon().name("hvx-session-writer " + endpoint).start(() -> writeLoop(c));
    }

    private void readLoop(StreamConnection c) {
        byte[] buf = new byte[READ_CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        try {
            while (true) {
                bb.clear();
                int n = c.read(bb);
                if (n < 0) {
                    peerClosed();
                    return;
                }
                bytesReceived.addAndGet(n);
                int length = n;
                deliver(() -> events.received(this, buf, length));
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void writeLoop(StreamConnection c) {
        try {
            while (true) {
                Object item;
                synchronized (queue) {
                    while (queue.isEmpty() && !writerStopped) {
                        queue.wait();
                    }
                    if (writerStopped) {
                        return;
                    }
                    item = queue.peekFirst();
                }
                if (item == EOF) {
                    c.shutdownOutput();
                    take(0);
                    eofWritten();
                } else {
                    byte[] data = (byte[]) item;
                    c.writeFully(ByteBuffer.wrap(data));
                    take(data.length);
                    bytesSent.addAndGet(data.length);
                    deliver(() -> events.sent(this, data));
                }
            }
        } catch (InterruptedException e) {
            // this class never interrupts its writer; if something else does, writing stops here
            // and close() still ends the session
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Removes the written head of the queue and wakes senders waiting for room. */
    private void take(int length) {
        synchronized (queue) {
            if (writerStopped) {
                // the session ended while this was written: the queue, and its count, are gone already
                return;
            }
            queue.pollFirst();
            queuedBytes -= length;
            queue.notifyAll();
        }
    }

    private void peerClosed() {
        synchronized (this) {
            if (state.isEnded()) {
                return;
            }
            peerEof = true;
            moveTo(State.PEER_CLOSED);
        }
        endIfBothSidesDone();
    }

    private void eofWritten() {
        synchronized (this) {
            if (state.isEnded()) {
                return;
            }
            eofWritten = true;
            deliver(() -> events.eofSent(this));
        }
        endIfBothSidesDone();
    }

    /** Neither side sends any more: the conversation is over and the connection is released. */
    private void endIfBothSidesDone() {
        synchronized (this) {
            if (state.isEnded() || !peerEof || !eofWritten) {
                return;
            }
            endedAt = clock.instant();
            moveTo(State.CLOSED);
        }
        release();
    }

    private void fail(Throwable t) {
        HvxException e = t instanceof HvxException h ? h
                : new OperationFailedException(Problem.of("session.error.unexpected", String.valueOf(t)), String.valueOf(t), t);
        synchronized (this) {
            if (state.isEnded()) {
                // closed here: the read or write it interrupted reports that close, not a fault
                return;
            }
            LOG.log(t instanceof HvxException ? System.Logger.Level.DEBUG : System.Logger.Level.WARNING,
                    "Session " + endpoint + " failed", t);
            error = e;
            endedAt = clock.instant();
            deliver(() -> events.failed(this, e));
            moveTo(State.FAILED);
        }
        release();
    }

    /**
     * Call with the lock held. An ending stops taking data first, so that once a consumer hears
     * of the end, {@link #send} already says no.
     */
    private void moveTo(State next) {
        if (next.isEnded()) {
            stopWriter();
        }
        state = next;
        deliver(() -> events.stateChanged(this, next));
        if (next.isEnded()) {
            ended.countDown();
        }
    }

    /**
     * Calls a consumer's event method. A consumer's defect is logged and does not break the
     * session's own bookkeeping (a state change half made, a thread ended early).
     */
    private void deliver(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.ERROR, "A session event consumer failed", e);
        }
    }

    /** Closes the connection after the session ended (the writer is stopped already). */
    private void release() {
        StreamConnection c;
        synchronized (this) {
            c = connection;
        }
        if (c != null) {
            c.close();
        }
    }

    private void stopWriter() {
        synchronized (queue) {
            writerStopped = true;
            droppedBytes += queuedBytes;
            queue.clear();
            queuedBytes = 0;
            queue.notifyAll();
        }
    }

    /**
     * Queues {@code data} to be written after what is already queued; never blocks. Allowed
     * while connecting (written once connected), connected and after the peer closed.
     *
     * @return false when the session takes no more data (EOF queued, closed or failed)
     */
    public boolean send(byte[] data) {
        Objects.requireNonNull(data, "data");
        synchronized (queue) {
            if (eofQueued || writerStopped) {
                return false;
            }
            if (data.length > 0) {
                queue.addLast(data);
                queuedBytes += data.length;
                queue.notifyAll();
            }
            return true;
        }
    }

    /**
     * Like {@link #send}, but first waits while more than {@link #QUEUE_LIMIT} bytes wait to be
     * written, so a fast producer (standard input, a file) goes at the peer's pace.
     *
     * @return false when the session takes no more data
     */
    public boolean sendBlocking(byte[] data) throws InterruptedException {
        Objects.requireNonNull(data, "data");
        synchronized (queue) {
            while (queuedBytes > 0 && queuedBytes + data.length > QUEUE_LIMIT && !eofQueued && !writerStopped) {
                queue.wait();
            }
            return send(data);
        }
    }

    /**
     * Half-close: after what is queued, tells the peer that nothing more will be sent; replies
     * still arrive. When the peer has closed too, the session then ends as {@link State#CLOSED}.
     *
     * @return false when EOF was already queued or the session is over
     */
    public boolean shutdownOutput() {
        synchronized (queue) {
            if (eofQueued || writerStopped) {
                return false;
            }
            eofQueued = true;
            queue.addLast(EOF);
            queue.notifyAll();
            return true;
        }
    }

    /** Whether {@link #send} would take data now. */
    public boolean canSend() {
        synchronized (queue) {
            return !eofQueued && !writerStopped;
        }
    }

    /**
     * Bytes given to {@link #send} that were not written: those still queued, and once the session
     * has ended, those it dropped (a chunk cut short counts whole).
     */
    public long unsentBytes() {
        synchronized (queue) {
            return queuedBytes + droppedBytes;
        }
    }

    /**
     * Whether the peer is known to still take data after it sent EOF (it half-closed rather than
     * closed); false when it is gone, when the session is over, or when the platform cannot tell
     * (see {@link StreamConnection#peerStillReceiving()}).
     */
    public boolean peerStillReceiving() {
        StreamConnection c;
        synchronized (this) {
            if (state.isEnded()) {
                return false;
            }
            c = connection;
        }
        return c != null && c.peerStillReceiving();
    }

    /** Whether {@link #shutdownOutput()} has been called (successfully). */
    public boolean isOutputShutdown() {
        synchronized (queue) {
            return eofQueued;
        }
    }

    /**
     * Ends the session now, from any thread: a pending connect is abandoned, a blocked read or
     * write returns, queued data is dropped. Reports {@link State#CLOSED} unless the session had
     * already ended. Safe to call more than once.
     */
    @Override
    public void close() {
        StreamConnection c;
        Thread connecting = null;
        synchronized (this) {
            if (!state.isEnded()) {
                endedAt = clock.instant();
                moveTo(State.CLOSED);
            }
            c = connection;
            if (c == null) {
                connecting = reader;
            }
        }
        if (c != null) {
            c.close();
        } else if (connecting != null) {
            // the Connector contract: an interrupt releases a thread blocked in connect
            connecting.interrupt();
        }
    }

    /** Waits until the session has ended (closed or failed). */
    public boolean awaitEnd(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    public HvEndpoint endpoint() {
        return endpoint;
    }

    public synchronized State state() {
        return state;
    }

    /** Why the session failed, when it did. */
    public synchronized Optional<HvxException> error() {
        return Optional.ofNullable(error);
    }

    /** Bytes written to the connection so far. */
    public long bytesSent() {
        return bytesSent.get();
    }

    /** Bytes read from the connection so far. */
    public long bytesReceived() {
        return bytesReceived.get();
    }

    /** When the session started (connect begun, or connection accepted), by the session's clock. */
    public Instant startedAt() {
        return startedAt;
    }

    /** When the connection was established. */
    public synchronized Optional<Instant> connectedAt() {
        return Optional.ofNullable(connectedAt);
    }

    /** When the session ended. */
    public synchronized Optional<Instant> endedAt() {
        return Optional.ofNullable(endedAt);
    }

    /** How long the connect took, measured with {@link System#nanoTime()} (zero for an accepted connection). */
    public synchronized Optional<Duration> connectTime() {
        return connectNanos < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(connectNanos));
    }

    /** The peer's address as the connection reports it; empty before connecting. */
    public synchronized String peerAddress() {
        return connection == null ? "" : connection.peerAddress();
    }

    /** The local address as the connection reports it; empty before connecting. */
    public synchronized String localAddress() {
        return connection == null ? "" : connection.localAddress();
    }

    @Override
    public String toString() {
        return "session " + endpoint + " " + state();
    }
}
