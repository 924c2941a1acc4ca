package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One terminal tab: what to connect to, the connection's state, the bytes received (bounded),
 * counters and errors. Testable without the FX toolkit.
 *
 * <p>Connecting and reading run on one platform thread per connection and writing on another:
 * a blocking read through JNA pins a virtual thread's carrier, so virtual threads are not used
 * here. Received bytes are collected in a buffer and handed to the UI thread through
 * {@link TaskRunner#later} once per batch, not once per read, so a fast sender cannot flood the
 * UI thread with tasks.
 */
public final class ConnectionSessionViewModel implements AutoCloseable {

    /**
     * The received bytes kept for display; older ones are dropped. A quarter MiB keeps the
     * output area responsive (its text is rebuilt on each batch) and memory bounded.
     */
    public static final int OUTPUT_LIMIT = 256 * 1024;
    /** The default connect timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 5000;

    /** Where the connection is. */
    public enum State {
        IDLE(Messages.key("conn.state.idle")),
        CONNECTING(Messages.key("conn.state.connecting")),
        CONNECTED(Messages.key("conn.state.connected")),
        PEER_CLOSED(Messages.key("conn.state.peerClosed")),
        CLOSED(Messages.key("conn.state.closed")),
        FAILED(Messages.key("conn.state.failed"));

        private final String key;

        State(String key) {
            this.key = key;
        }

        public String label() {
            return Messages.get(key);
        }

        /** Whether a connection is being made or is open. */
        public boolean active() {
            return this == CONNECTING || this == CONNECTED || this == PEER_CLOSED;
        }
    }

    /** Turns the chooser texts into an endpoint; runs on the connection's thread (may block). */
    @FunctionalInterface
    public interface EndpointResolver {
        HvEndpoint resolve(String vm, String service);
    }

    private static final Object EOF = new Object();
    private static final Object STOP = new Object();

    private final Connector connector;
    private final EndpointResolver resolver;
    private final TaskRunner tasks;
    private final Clock clock;

    private final StringProperty vm = new SimpleStringProperty("");
    private final StringProperty service = new SimpleStringProperty("");
    private final StringProperty timeout = new SimpleStringProperty(Long.toString(DEFAULT_TIMEOUT_MS));
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final BooleanProperty appendNewline = new SimpleBooleanProperty(true);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<ErrorText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper output = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("conn.tab.new"));
    private final ReadOnlyStringWrapper peer = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper sent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper();
    private final BooleanProperty outputShutdown = new SimpleBooleanProperty(false);
    private final Transcript transcript = new Transcript(OUTPUT_LIMIT);

    // shared with the connection's threads
    private final Object lock = new Object();
    private byte[] pending = new byte[8192];
    private int pendingSize;
    private boolean flushScheduled;

    private Attempt attempt;
    private Instant connectedAt;
    private Instant endedAt;

    /** One connect attempt and, once it succeeds, its connection and writer. */
    private final class Attempt {
        final BlockingQueue<Object> writes = new LinkedBlockingQueue<>();
        volatile StreamConnection connection;
        volatile boolean stopped;
        Thread reader;
    }

    public ConnectionSessionViewModel(Connector connector, EndpointResolver resolver, TaskRunner tasks, Clock clock) {
        this.connector = connector;
        this.resolver = resolver;
        this.tasks = tasks;
        this.clock = clock;
        hex.addListener((obs, o, n) -> render());
    }

    public StringProperty vmProperty() {
        return vm;
    }

    public StringProperty serviceProperty() {
        return service;
    }

    public StringProperty timeoutProperty() {
        return timeout;
    }

    public BooleanProperty hexProperty() {
        return hex;
    }

    public BooleanProperty appendNewlineProperty() {
        return appendNewline;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ErrorText> errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the output area shows: the received bytes as text or as a hex dump. */
    public ReadOnlyStringProperty outputProperty() {
        return output.getReadOnlyProperty();
    }

    /** The tab title: the VM and service connected to, or "New connection". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The peer's address as the connection reports it, once connected. */
    public ReadOnlyStringProperty peerProperty() {
        return peer.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    /** Whether EOF has been sent (nothing more can be sent on this connection). */
    public BooleanProperty outputShutdownProperty() {
        return outputShutdown;
    }

    /** Bytes received but no longer shown because of {@link #OUTPUT_LIMIT}. */
    public long droppedBytes() {
        return transcript.dropped();
    }

    /** How long the connection has been (or was) open; zero before it opened. */
    public Duration elapsed() {
        if (connectedAt == null) {
            return Duration.ZERO;
        }
        return Duration.between(connectedAt, endedAt != null ? endedAt : clock.instant());
    }

    /**
     * Starts connecting to the chosen VM and service. Bad input (timeout, VM, service) is shown
     * as an error; nothing blocks the calling thread.
     */
    public void connect() {
        if (state.get().active()) {
            return;
        }
        long ms;
        try {
            ms = parseTimeout(timeout.get());
        } catch (InvalidInputException e) {
            fail(e);
            return;
        }
        String vmText = vm.get() == null ? "" : vm.get().strip();
        String serviceText = service.get() == null ? "" : service.get().strip();
        error.set(null);
        transcript.clear();
        render();
        sent.set(0);
        received.set(0);
        outputShutdown.set(false);
        connectedAt = null;
        endedAt = null;
        peer.set("");
        // a chooser entry "Demo echo · vsock:7" is titled by its name
        int dot = serviceText.indexOf(" · ");
        title.set(Messages.get("conn.tab.title", vmText, dot > 0 ? serviceText.substring(0, dot) : serviceText));
        state.set(State.CONNECTING);
        Attempt a = new Attempt();
        attempt = a;
        a.reader = Thread.ofPlatform().daemon().name("hvx-connection-" + vmText).unstarted(() -> run(a, vmText, serviceText, ms));
        a.reader.start();
    }

    static long parseTimeout(String text) {
        long ms;
        try {
            ms = Long.parseLong(text == null ? "" : text.strip());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(Problem.of("conn.error.timeout", text == null ? "" : text.strip()));
        }
        if (ms < 1 || ms > 300_000) {
            throw new InvalidInputException(Problem.of("conn.error.timeout", Long.toString(ms)));
        }
        return ms;
    }

    private void run(Attempt a, String vmText, String serviceText, long ms) {
        StreamConnection c;
        try {
            HvEndpoint ep = resolver.resolve(vmText, serviceText);
            c = connector.connect(ep, Duration.ofMillis(ms));
        } catch (Throwable t) {
            tasks.later(() -> {
                if (attempt == a && !a.stopped) {
                    fail(t);
                }
            });
            return;
        }
        a.connection = c;
        if (a.stopped) {
            c.close();
            return;
        }
        String peerAddress = c.peerAddress();
        tasks.later(() -> {
            if (attempt == a && !a.stopped) {
                connectedAt = clock.instant();
                peer.set(peerAddress);
                state.set(State.CONNECTED);
            }
        });
        Thread.ofPlatform().daemon().name("hvx-connection-writer").start(() -> writeLoop(a, c));
        readLoop(a, c);
    }

    private void readLoop(Attempt a, StreamConnection c) {
        ByteBuffer buf = ByteBuffer.allocate(16 * 1024);
        try {
            while (true) {
                buf.clear();
                int n = c.read(buf);
                if (n < 0) {
                    flushNow(a);
                    tasks.later(() -> ended(a, State.PEER_CLOSED, null));
                    return;
                }
                deliver(a, buf.array(), n);
            }
        } catch (Throwable t) {
            flushNow(a);
            tasks.later(() -> ended(a, a.stopped ? State.CLOSED : State.FAILED, a.stopped ? null : t));
        }
    }

    private void writeLoop(Attempt a, StreamConnection c) {
        try {
            while (true) {
                Object item = a.writes.take();
                if (item == STOP) {
                    c.close();
                    return;
                }
                if (item == EOF) {
                    c.shutdownOutput();
                    continue;
                }
                byte[] data = (byte[]) item;
                c.writeFully(ByteBuffer.wrap(data));
                tasks.later(() -> {
                    if (attempt == a) {
                        sent.set(sent.get() + data.length);
                    }
                });
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable t) {
            if (!a.stopped) {
                tasks.later(() -> {
                    if (attempt == a && state.get().active()) {
                        fail(t);
                        stop(a);
                    }
                });
            }
        }
    }

    /** Adds received bytes to the batch and schedules one flush for the whole batch. */
    private void deliver(Attempt a, byte[] data, int n) {
        boolean schedule;
        synchronized (lock) {
            if (pendingSize + n > pending.length) {
                byte[] grown = new byte[Math.max(pending.length * 2, pendingSize + n)];
                System.arraycopy(pending, 0, grown, 0, pendingSize);
                pending = grown;
            }
            System.arraycopy(data, 0, pending, pendingSize, n);
            pendingSize += n;
            // a batch bigger than what is shown keeps only its tail, so a flood stays bounded
            if (pendingSize > 2 * OUTPUT_LIMIT) {
                int drop = pendingSize - OUTPUT_LIMIT;
                System.arraycopy(pending, drop, pending, 0, OUTPUT_LIMIT);
                pendingSize = OUTPUT_LIMIT;
                droppedInBatch += drop;
            }
            schedule = !flushScheduled;
            flushScheduled = true;
        }
        if (schedule) {
            tasks.later(() -> flush(a));
        }
    }

    private long droppedInBatch;

    private void flushNow(Attempt a) {
        boolean any;
        synchronized (lock) {
            any = pendingSize > 0 && !flushScheduled;
            if (any) {
                flushScheduled = true;
            }
        }
        if (any) {
            tasks.later(() -> flush(a));
        }
    }

    private void flush(Attempt a) {
        byte[] batch;
        int n;
        long droppedBefore;
        synchronized (lock) {
            batch = pending;
            n = pendingSize;
            droppedBefore = droppedInBatch;
            pending = new byte[8192];
            pendingSize = 0;
            droppedInBatch = 0;
            flushScheduled = false;
        }
        if (attempt != a) {
            return;
        }
        received.set(received.get() + n + droppedBefore);
        if (droppedBefore > 0) {
            transcript.skip(droppedBefore);
        }
        transcript.append(batch, 0, n);
        render();
    }

    private void render() {
        output.set(hex.get() ? transcript.hex() : transcript.text());
    }

    private void ended(Attempt a, State how, Throwable failure) {
        if (attempt != a || !state.get().active()) {
            return;
        }
        if (how == State.PEER_CLOSED) {
            // the peer will send nothing more; what we may still send is up to the user
            state.set(State.PEER_CLOSED);
            if (outputShutdown.get()) {
                finishAfterWrites(a);
            }
            return;
        }
        endedAt = clock.instant();
        if (failure != null) {
            fail(failure);
        } else {
            state.set(how);
        }
        stop(a);
    }

    private void fail(Throwable t) {
        error.set(ErrorText.of(t));
        if (state.get().active()) {
            endedAt = clock.instant();
        }
        if (state.get() != State.IDLE || attempt != null) {
            state.set(State.FAILED);
        }
    }

    /**
     * Sends {@code line} as UTF-8, followed by a line feed when "append newline" is on.
     *
     * @return whether the line was queued (false when not connected or after Send EOF)
     */
    public boolean send(String line) {
        if (!canSend()) {
            return false;
        }
        String text = appendNewline.get() ? line + "\n" : line;
        if (text.isEmpty()) {
            return false;
        }
        attempt.writes.add(text.getBytes(StandardCharsets.UTF_8));
        return true;
    }

    /** Whether {@link #send} would send now. */
    public boolean canSend() {
        return attempt != null && attempt.connection != null && !outputShutdown.get()
                && (state.get() == State.CONNECTED || state.get() == State.PEER_CLOSED);
    }

    /** Half-close: tells the peer nothing more will be sent; replies can still arrive. */
    public void sendEof() {
        if (canSend()) {
            outputShutdown.set(true);
            attempt.writes.add(EOF);
            if (state.get() == State.PEER_CLOSED) {
                finishAfterWrites(attempt);
            }
        }
    }

    /** Both sides are done: the writer closes the connection once what is queued is sent. */
    private void finishAfterWrites(Attempt a) {
        endedAt = clock.instant();
        a.stopped = true;
        a.writes.add(STOP);
    }

    /** Clears the output (the counters keep counting). */
    public void clear() {
        transcript.clear();
        render();
    }

    /** Closes the connection (or abandons the attempt) at the user's request. */
    public void disconnect() {
        Attempt a = attempt;
        if (a == null || !state.get().active()) {
            return;
        }
        endedAt = connectedAt == null ? null : clock.instant();
        state.set(State.CLOSED);
        stop(a);
    }

    private void stop(Attempt a) {
        a.stopped = true;
        a.writes.add(STOP);
        StreamConnection c = a.connection;
        if (c != null) {
            c.close();
        } else if (a.reader != null) {
            // releases a connect still waiting for its timeout
            a.reader.interrupt();
        }
    }

    /** Closes the connection; used when the tab, section or window closes. */
    @Override
    public void close() {
        Attempt a = attempt;
        if (a != null) {
            if (state.get().active()) {
                state.set(State.CLOSED);
            }
            stop(a);
        }
    }
}
