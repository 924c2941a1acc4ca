package io.hvx.net;

import io.hvx.core.HvxException;
import io.hvx.core.Listener;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves a listener with a built-in responder (echo, sink, source) or any
 * {@link Handler}: one thread per connection, at most {@code maxConnections} at once
 * (further clients wait in the listen queue), connections idle longer than the idle timeout
 * are closed, and {@link #close()} stops accepting, closes every connection and waits for the
 * threads. Shared by {@code hvx listen}, {@code hvx sandbox serve}, the sandbox's built-in
 * responders and the GUI's listen mode.
 *
 * <p>Connection threads are daemon platform threads, not virtual threads: a read blocks inside
 * a native {@code recv} (JNA), which pins a virtual thread to its carrier, and the JDK does not
 * add carriers for native calls. With the default of one carrier per core, a few idle clients
 * would stall every virtual thread in the process (seen on a 2-core machine). A platform
 * thread per connection costs a little memory and stays correct.
 */
public final class ResponderServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ResponderServer.class.getName());

    /** The built-in responders. */
    public enum Kind {
        /**
         * Sends back every byte; half-closes when the client does. A connection that starts with
         * the tester's header ({@code docs/protocol.md}) gets the upload or download it asks for.
         */
        ECHO,
        /** Reads and counts everything until the client closes; understands the tester's header like ECHO. */
        SINK,
        /** Sends {@link SourcePattern} until the client goes away. */
        SOURCE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** The kind named {@code echo}, {@code sink} or {@code source}. */
        public static Optional<Kind> byId(String id) {
            for (Kind k : values()) {
                if (k.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                    return Optional.of(k);
                }
            }
            return Optional.empty();
        }
    }

    /** Serves one connection; returns when the conversation is over. */
    @FunctionalInterface
    public interface Handler {
        void handle(StreamConnection connection, Activity activity) throws Exception;
    }

    /** Lets a handler report traffic (for counters and the idle timeout). */
    public interface Activity {
        void received(long bytes);

        void sent(long bytes);

        /** Whether the server closed this connection because it was idle for the idle timeout. */
        default boolean closedForIdling() {
            return false;
        }
    }

    /**
     * @param maxConnections connections served at once (1 to {@link #MAX_CONNECTIONS})
     * @param idleTimeout    close a connection after this long without traffic (at most
     *                       {@link #MAX_IDLE_TIMEOUT}); zero = never
     * @param once           stop after the first connection ends
     */
    public record Options(int maxConnections, Duration idleTimeout, boolean once) {
        /** One platform thread serves each connection: beyond this, threads are the wrong tool. */
        public static final int MAX_CONNECTIONS = 10_000;
        /** Far beyond any idle timeout that makes sense, and far below where nanoseconds overflow. */
        public static final Duration MAX_IDLE_TIMEOUT = Duration.ofDays(365);

        public Options {
            if (maxConnections < 1 || maxConnections > MAX_CONNECTIONS) {
                throw new IllegalArgumentException("maxConnections must be from 1 to " + MAX_CONNECTIONS);
            }
            if (idleTimeout.isNegative() || idleTimeout.compareTo(MAX_IDLE_TIMEOUT) > 0) {
                throw new IllegalArgumentException("idleTimeout must be from zero (never) to " + MAX_IDLE_TIMEOUT);
            }
        }

        public static Options defaults() {
            return new Options(64, Duration.ofMinutes(5), false);
        }
    }

    private static final Duration ACCEPT_SLICE = Duration.ofMillis(200);

    private final Listener listener;
    private final Handler handler;
    private final Options options;
    private final Semaphore slots;
    private final Set<Conn> live = ConcurrentHashMap.newKeySet();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final CountDownLatch done = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile Throwable failure;
    private Thread acceptor;
    private Thread reaper;

    private ResponderServer(Listener listener, Handler handler, Options options) {
        this.listener = listener;
        this.handler = handler;
        this.options = options;
        this.slots = new Semaphore(options.maxConnections());
    }

    /** Starts serving {@code listener} with a built-in responder. */
    public static ResponderServer start(Listener listener, Kind kind, Options options) {
        return start(listener, handlerFor(kind), options);
    }

    /** Starts serving {@code listener}; the server owns and closes the listener. */
    public static ResponderServer start(Listener listener, Handler handler, Options options) {
        ResponderServer s = new ResponderServer(listener, handler, options);
        s.acceptor = Thread.ofPlatform().daemon().name("hvx-accept " + listener.localAddress()).start(s::acceptLoop);
        if (!options.idleTimeout().isZero()) {
            s.reaper = Thread.ofVirtual().name("hvx-idle " + listener.localAddress()).start(s::reapLoop);
        }
        return s;
    }

    /** The handler of a built-in responder. */
    public static Handler handlerFor(Kind kind) {
        return switch (kind) {
            case ECHO -> ResponderServer::echo;
            case SINK -> ResponderServer::sink;
            case SOURCE -> ResponderServer::source;
        };
    }

    static void echo(StreamConnection c, Activity a) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        TestResponder.Start start = TestResponder.serveIfAsked(c, a, buf);
        if (start != TestResponder.Start.SERVED) {
            c.writeFully(buf);
            a.sent(buf.limit());
        }
        if (start != TestResponder.Start.DATA) {
            if (start == TestResponder.Start.DATA_THEN_EOF) {
                c.shutdownOutput();
            }
            return;
        }
        while (true) {
            buf.clear();
            int n = c.read(buf);
            if (n < 0) {
                c.shutdownOutput();
                return;
            }
            a.received(n);
            buf.flip();
            c.writeFully(buf);
            a.sent(n);
        }
    }

    static void sink(StreamConnection c, Activity a) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024);
        if (TestResponder.serveIfAsked(c, a, buf) != TestResponder.Start.DATA) {
            return;
        }
        while (true) {
            buf.clear();
            int n = c.read(buf);
            if (n < 0) {
                return;
            }
            a.received(n);
        }
    }

    static void source(StreamConnection c, Activity a) {
        ByteBuffer buf = ByteBuffer.allocateDirect(64 * 1024); // a multiple of the pattern period
        SourcePattern.fill(buf, 0);
        while (true) {
            buf.clear();
            c.writeFully(buf);
            a.sent(buf.capacity());
        }
    }

    private void acceptLoop() {
        try {
            while (!stopping) {
                if (!slots.tryAcquire(ACCEPT_SLICE.toMillis(), TimeUnit.MILLISECONDS)) {
                    continue;
                }
                Optional<StreamConnection> c;
                try {
                    c = listener.accept(ACCEPT_SLICE);
                } catch (RuntimeException e) {
                    slots.release();
                    throw e;
                }
                if (c.isEmpty()) {
                    slots.release();
                    continue;
                }
                accepted.incrementAndGet();
                Conn conn = new Conn(c.get());
                live.add(conn);
                if (options.once()) {
                    stopping = true;
                    listener.close();
                    serve(conn);
                    break;
                }
                Thread.ofPlatform().daemon().name("hvx-conn " + listener.localAddress()).start(() -> serve(conn));
            }
        } catch (HvxException e) {
            if (!stopping) {
                failure = e;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listener.close();
            if (!options.once()) {
                // wait for the connections still running before declaring the server done
                try {
                    slots.acquire(options.maxConnections());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            done.countDown();
        }
    }

    private void serve(Conn conn) {
        try {
            handler.handle(conn.connection, conn);
        } catch (HvxException e) {
            // the client went away or was closed for idling: that ends this conversation only
            LOG.log(System.Logger.Level.DEBUG, "Responder connection ended: {0}", e.getMessage());
        } catch (Exception e) {
            // a defect in a responder must not take the listener down, but it must not vanish either
            LOG.log(System.Logger.Level.ERROR, "Responder failed on a connection", e);
        } finally {
            conn.connection.close();
            live.remove(conn);
            slots.release();
        }
    }

    private void reapLoop() {
        long idleNs = options.idleTimeout().toNanos();
        long tickMs = Math.max(10, Math.min(1000, options.idleTimeout().toMillis() / 4));
        while (done.getCount() > 0) {
            try {
                if (done.await(tickMs, TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                // the server is stopping: nothing is left to reap
                return;
            }
            long now = System.nanoTime();
            for (Conn c : live) {
                if (now - c.lastActivity > idleNs) {
                    c.idled = true;
                    c.connection.close();
                }
            }
        }
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted.get();
    }

    /** Connections being served now. */
    public int active() {
        return live.size();
    }

    public long bytesReceived() {
        return bytesIn.get();
    }

    public long bytesSent() {
        return bytesOut.get();
    }

    public String localAddress() {
        return listener.localAddress();
    }

    /** Why the server stopped on its own (the listener failed), if it did. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    public boolean isRunning() {
        return done.getCount() > 0;
    }

    /** Waits until the server has stopped (after {@link #close()}, or with {@code once}). */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits without limit until the server stops. */
    public void await() throws InterruptedException {
        done.await();
    }

    /** Stops accepting, closes every connection and waits (up to 5 s) for their threads. */
    @Override
    public void close() {
        stopping = true;
        listener.close();
        for (Conn c : live) {
            c.connection.close();
        }
        try {
            done.await(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Conn implements Activity {
        final StreamConnection connection;
        volatile long lastActivity = System.nanoTime();
        volatile boolean idled;

        Conn(StreamConnection connection) {
            this.connection = connection;
        }

        @Override
        public void received(long bytes) {
            bytesIn.addAndGet(bytes);
            lastActivity = System.nanoTime();
        }

        @Override
        public void sent(long bytes) {
            bytesOut.addAndGet(bytes);
            lastActivity = System.nanoTime();
        }

        @Override
        public boolean closedForIdling() {
            return idled;
        }
    }
}
