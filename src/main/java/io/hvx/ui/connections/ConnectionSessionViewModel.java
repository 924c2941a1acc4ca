package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.session.ReceiveBatch;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One terminal tab: what to connect to, the connection's state, the bytes received (bounded),
 * counters and errors. Testable without the FX toolkit.
 *
 * <p>The conversation itself is a {@link ConnectionSession}; this class only turns its events
 * into properties on the UI thread. Received bytes are collected in a {@link ReceiveBatch} by
 * the session's reader thread and handed over through {@link TaskRunner#later} once per batch,
 * not once per read, so a fast sender neither floods the UI thread nor waits for it.
 */
public final class ConnectionSessionViewModel implements AutoCloseable {

    /**
     * The received bytes kept for display; older ones are dropped. A quarter MiB keeps the
     * output area responsive (its text is rebuilt on each batch) and memory bounded.
     */
    public static final int OUTPUT_LIMIT = 256 * 1024;
    /** The default connect timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 5000;

    /** Where the connection is, as the tab shows it. */
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

        /**
         * Whether Connect starts a new attempt: not while one is under way or open both ways.
         * After the peer closed, a new connection simply replaces what is left of the old one.
         */
        public boolean canConnect() {
            return this != CONNECTING && this != CONNECTED;
        }
    }

    /** Turns the pickers' choices into an endpoint; runs off the UI thread (may block). */
    @FunctionalInterface
    public interface EndpointResolver {
        HvEndpoint resolve(VmChoice vm, ServiceChoice service);
    }

    private final Connector connector;
    private final EndpointResolver resolver;
    private final TaskRunner tasks;
    private final Clock clock;

    private final ObjectProperty<VmChoice> vm = new SimpleObjectProperty<>(VmChoice.typed(""));
    private final ObjectProperty<ServiceChoice> service = new SimpleObjectProperty<>(ServiceChoice.typed(""));
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

    /** The attempt events belong to; events of an earlier one are ignored. UI thread only. */
    private Attempt attempt;

    /** One Connect: resolving the choices, then its session. */
    private final class Attempt implements ConnectionSession.Events {
        final ReceiveBatch batch = new ReceiveBatch(OUTPUT_LIMIT);
        ConnectionSession session;
        boolean cancelled;

        boolean current() {
            return attempt == this && !cancelled;
        }

        @Override
        public void stateChanged(ConnectionSession s, ConnectionSession.State next) {
            tasks.later(() -> {
                if (current()) {
                    apply(s, next);
                }
            });
        }

        @Override
        public void received(ConnectionSession s, byte[] data, int length) {
            if (batch.add(data, 0, length)) {
                tasks.later(() -> flush(this));
            }
        }

        @Override
        public void sent(ConnectionSession s, byte[] data) {
            tasks.later(() -> {
                if (attempt == this) {
                    sent.set(sent.get() + data.length);
                }
            });
        }
    }

    public ConnectionSessionViewModel(Connector connector, EndpointResolver resolver, TaskRunner tasks, Clock clock) {
        this.connector = connector;
        this.resolver = resolver;
        this.tasks = tasks;
        this.clock = clock;
        hex.addListener((obs, o, n) -> render());
        // a sentence about the previous input stops being true once the input changes
        for (Observable input : new Observable[] {vm, service, timeout}) {
            input.addListener(o -> {
                if (!state.get().active()) {
                    error.set(null);
                }
            });
        }
    }

    /** The VM picked or typed. */
    public ObjectProperty<VmChoice> vmProperty() {
        return vm;
    }

    /** The service picked or typed. */
    public ObjectProperty<ServiceChoice> serviceProperty() {
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
        ConnectionSession s = attempt == null ? null : attempt.session;
        if (s == null || s.connectedAt().isEmpty()) {
            return Duration.ZERO;
        }
        Instant end = s.endedAt().orElseGet(clock::instant);
        return Duration.between(s.connectedAt().get(), end);
    }

    /**
     * Starts connecting to the chosen VM and service. A bad timeout is shown as an error
     * without connecting; names are resolved off the UI thread, and what they fail with is
     * shown the same way as a failed connect.
     */
    public void connect() {
        if (!state.get().canConnect()) {
            return;
        }
        long ms;
        try {
            ms = parseTimeout(timeout.get());
        } catch (InvalidInputException e) {
            error.set(ErrorText.of(e));
            return;
        }
        if (attempt != null && attempt.session != null) {
            // what is left after "Closed by peer": the new connection replaces it
            attempt.cancelled = true;
            attempt.session.close();
        }
        VmChoice vmChoice = vm.get();
        ServiceChoice serviceChoice = service.get();
        error.set(null);
        transcript.clear();
        render();
        sent.set(0);
        received.set(0);
        outputShutdown.set(false);
        peer.set("");
        if (!vmChoice.isBlank() && !serviceChoice.isBlank()) {
            // an empty field fails to resolve: the tab keeps the title it has
            title.set(Messages.get("conn.tab.title", vmChoice.label(), serviceChoice.shortLabel()));
        }
        state.set(State.CONNECTING);
        Attempt a = new Attempt();
        attempt = a;
        tasks.run(() -> resolver.resolve(vmChoice, serviceChoice), ep -> {
            if (a.current()) {
                a.session = ConnectionSession.connect(connector, ep, Duration.ofMillis(ms), clock, a);
            }
        }, t -> {
            if (a.current()) {
                fail(t);
            }
        });
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

    /** Maps a state the session reached to what the tab shows. */
    private void apply(ConnectionSession s, ConnectionSession.State next) {
        switch (next) {
            case CONNECTING -> state.set(State.CONNECTING);
            case CONNECTED -> {
                peer.set(s.peerAddress());
                state.set(State.CONNECTED);
            }
            case PEER_CLOSED -> state.set(State.PEER_CLOSED);
            case CLOSED -> {
                // both sides done after the peer closed still reads "Closed by peer"
                if (state.get() != State.PEER_CLOSED) {
                    state.set(State.CLOSED);
                }
            }
            case FAILED -> fail(s.error().orElseThrow());
        }
    }

    private void flush(Attempt a) {
        ReceiveBatch.Drained d = a.batch.drain();
        if (attempt != a) {
            return;
        }
        received.set(received.get() + d.total());
        if (d.dropped() > 0) {
            transcript.skip(d.dropped());
        }
        transcript.append(d.bytes(), 0, d.bytes().length);
        render();
    }

    private void render() {
        output.set(hex.get() ? transcript.hex() : transcript.text());
    }

    private void fail(Throwable t) {
        error.set(ErrorText.of(t));
        state.set(State.FAILED);
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
        return attempt.session.send(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Whether {@link #send} would send now. */
    public boolean canSend() {
        return (state.get() == State.CONNECTED || state.get() == State.PEER_CLOSED) && !outputShutdown.get()
                && attempt != null && attempt.session != null;
    }

    /** Half-close: tells the peer nothing more will be sent; replies can still arrive. */
    public void sendEof() {
        if (canSend() && attempt.session.shutdownOutput()) {
            outputShutdown.set(true);
        }
    }

    /** Clears the output (the counters keep counting). */
    public void clear() {
        transcript.clear();
        render();
    }

    /** Closes the connection (or abandons the attempt) at the user's request. */
    public void disconnect() {
        if (attempt == null || !state.get().active()) {
            return;
        }
        state.set(State.CLOSED);
        end(attempt);
    }

    private void end(Attempt a) {
        if (a.session != null) {
            a.session.close();
        } else {
            // still resolving: the session is never started
            a.cancelled = true;
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
            end(a);
        }
    }
}
