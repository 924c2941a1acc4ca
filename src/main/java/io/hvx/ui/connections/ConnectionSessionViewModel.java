package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.KnownService;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.terminal.SavedConnection;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.ErrorText;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
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
 * One connection tab: what to connect to, the connection's state, its terminal (output and
 * input), reconnecting by hand or automatically with backoff, and the warning before a
 * PowerShell Direct service. Testable without the FX toolkit.
 *
 * <p>The conversation is a {@link ConnectionSession}; its reader thread writes received bytes
 * straight into the terminal's buffer (it never waits for the UI) and its state changes reach
 * the UI thread through the task runner. The terminal keeps what earlier connections of the tab
 * showed, separated by notes (connected, closed by peer, failed…).
 *
 * <p>For a failed connection, {@link #endpointProperty()} (the endpoint last tried) together with
 * {@link State#FAILED} and {@link #errorProperty()} is what a diagnosis needs; the view leaves a
 * place for such an action next to the error ({@code ConnectionSessionView#failureActions()}).
 */
public final class ConnectionSessionViewModel implements AutoCloseable {

    /** The default connect timeout. */
    public static final long DEFAULT_TIMEOUT_MS = 5000;
    /** Waits before automatic reconnects: the n-th attempt waits the n-th entry, then the last. */
    public static final List<Duration> BACKOFF = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(16), Duration.ofSeconds(30));
    /** A connection that stayed up this long starts the backoff over when it drops. */
    static final Duration STABLE = Duration.ofSeconds(10);

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
    private final TerminalContext ctx;
    private final Consumer<SavedConnection> onConnected;
    private final List<Duration> backoff;
    private final TerminalViewModel terminal;
    private final SenderViewModel sender;

    private final ObjectProperty<VmChoice> vm = new SimpleObjectProperty<>(VmChoice.typed(""));
    private final ObjectProperty<ServiceChoice> service = new SimpleObjectProperty<>(ServiceChoice.typed(""));
    private final StringProperty timeout = new SimpleStringProperty(Long.toString(DEFAULT_TIMEOUT_MS));
    private final BooleanProperty autoReconnect;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.IDLE);
    private final ReadOnlyObjectWrapper<ErrorText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("conn.tab.new"));
    private final ReadOnlyStringWrapper peer = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper reconnectNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<HvEndpoint> endpoint = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyLongWrapper sent = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper();

    /** The attempt events belong to; events of an earlier one are ignored. UI thread only. */
    private Attempt attempt;
    private int reconnectRun;
    private int reconnectAttempts;
    private boolean sessionServiceAccepted;

    /** One Connect: resolving the choices, then its session. */
    private final class Attempt implements ConnectionSession.Events {
        final VmChoice vmChoice;
        final ServiceChoice serviceChoice;
        ConnectionSession session;
        boolean cancelled;
        /** Read by the session's reader thread: set once a newer attempt replaced this one. */
        volatile boolean retired;
        Instant connectedAt;

        Attempt(VmChoice vmChoice, ServiceChoice serviceChoice) {
            this.vmChoice = vmChoice;
            this.serviceChoice = serviceChoice;
        }

        boolean current() {
            return attempt == this && !cancelled;
        }

        @Override
        public void stateChanged(ConnectionSession s, ConnectionSession.State next) {
            ctx.tasks().later(() -> {
                if (current()) {
                    apply(this, s, next);
                }
            });
        }

        @Override
        public void received(ConnectionSession s, byte[] data, int length) {
            if (!retired) {
                terminal.buffer().received(data, 0, length);
            }
        }
    }

    /**
     * @param onConnected told of each connection made (the section remembers it as recent)
     * @param backoff     the waits before automatic reconnects ({@link #BACKOFF} in the app)
     */
    public ConnectionSessionViewModel(Connector connector, EndpointResolver resolver, TerminalContext ctx,
                                      Consumer<SavedConnection> onConnected, List<Duration> backoff) {
        this.connector = connector;
        this.resolver = resolver;
        this.ctx = ctx;
        this.onConnected = onConnected;
        this.backoff = List.copyOf(backoff);
        this.terminal = new TerminalViewModel(ctx);
        this.sender = new SenderViewModel(ctx, terminal);
        TerminalPreferences prefs = ctx.preferences();
        this.autoReconnect = new SimpleBooleanProperty(prefs.autoReconnect());
        autoReconnect.addListener((o, a, on) -> {
            prefs.autoReconnect(on);
            if (!on) {
                cancelReconnect();
            }
        });
        // a sentence about the previous input stops being true once the input changes
        for (Observable input : new Observable[] {vm, service, timeout}) {
            input.addListener(o -> {
                if (!state.get().active()) {
                    error.set(null);
                }
            });
        }
        service.addListener((o, a, now) -> {
            sessionServiceAccepted = false;
            if (!state.get().active() && now != null && now.id() != null) {
                sender.serviceProperty().set(now.id());
            }
        });
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
        cancelReconnect();
        reconnectAttempts = 0;
        start();
    }

    /** Connects again to the same choices, closing the connection first if one is open. */
    public void reconnect() {
        if (attempt != null && state.get().active()) {
            retire(attempt);
            terminal.buffer().endLine();
            terminal.note(Messages.get("term.note.disconnected"));
            state.set(State.CLOSED);
        }
        connect();
    }

    private void start() {
        long ms;
        try {
            ms = parseTimeout(timeout.get());
        } catch (InvalidInputException e) {
            error.set(ErrorText.of(e));
            return;
        }
        if (attempt != null) {
            // what is left after "Closed by peer" or a failure: the new connection replaces it
            retire(attempt);
        }
        VmChoice vmChoice = vm.get();
        ServiceChoice serviceChoice = service.get();
        error.set(null);
        sent.set(0);
        received.set(0);
        peer.set("");
        if (!vmChoice.isBlank() && !serviceChoice.isBlank()) {
            // an empty field fails to resolve: the tab keeps the title it has
            title.set(Messages.get("conn.tab.title", vmChoice.label(), serviceChoice.shortLabel()));
            terminal.setFileStem(vmChoice.label() + "-" + serviceChoice.shortLabel());
        }
        state.set(State.CONNECTING);
        Attempt a = new Attempt(vmChoice, serviceChoice);
        attempt = a;
        ctx.tasks().run(() -> resolver.resolve(vmChoice, serviceChoice), ep -> {
            if (!a.current()) {
                return;
            }
            endpoint.set(ep);
            if (!acceptSessionService(ep)) {
                a.cancelled = true;
                state.set(State.IDLE);
                return;
            }
            terminal.markOrigin();
            terminal.note(Messages.get("term.note.connecting", vmChoice.label(), serviceChoice.shortLabel()));
            a.session = ConnectionSession.connect(connector, ep, Duration.ofMillis(ms), ctx.clock(), a);
        }, t -> {
            if (a.current()) {
                fail(t);
            }
        });
    }

    /**
     * VM Session Service and VM Session Service-2 are PowerShell Direct's broker: they speak a
     * binary protocol with a version handshake and credentials, not text. The user is told so and
     * asked once per tab and service.
     */
    private boolean acceptSessionService(HvEndpoint ep) {
        var known = KnownService.byId(ep.serviceId());
        if (known.isEmpty() || sessionServiceAccepted) {
            return true;
        }
        sessionServiceAccepted = ctx.dialogs().confirm(DialogService.Confirmation.warning(
                Messages.get("term.sessionService.title"),
                Messages.get("term.sessionService.header", known.get().elementName()),
                Messages.get("term.sessionService.content")));
        return sessionServiceAccepted;
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
    private void apply(Attempt a, ConnectionSession s, ConnectionSession.State next) {
        switch (next) {
            case CONNECTING -> state.set(State.CONNECTING);
            case CONNECTED -> {
                a.connectedAt = ctx.clock().instant();
                peer.set(s.peerAddress());
                // sending is possible before the tab says "connected", so the input can take the focus then
                sender.outletProperty().set(SenderViewModel.Outlet.of(s));
                sender.serviceProperty().set(s.endpoint().serviceId());
                state.set(State.CONNECTED);
                terminal.note(Messages.get("term.note.connected", s.peerAddress()));
                onConnected.accept(new SavedConnection(a.vmChoice, a.serviceChoice, false, a.connectedAt));
            }
            case PEER_CLOSED -> {
                state.set(State.PEER_CLOSED);
                terminal.buffer().endLine();
                terminal.note(Messages.get("term.note.peerClosed"));
                if (!sender.eofSentProperty().get()) {
                    // the other side went away by itself
                    maybeReconnect(a);
                }
            }
            case CLOSED -> {
                // both sides done after the peer closed still reads "Closed by peer"
                if (state.get() != State.PEER_CLOSED) {
                    state.set(State.CLOSED);
                }
                sender.outletProperty().set(null);
            }
            case FAILED -> {
                fail(s.error().orElseThrow());
                maybeReconnect(a);
            }
        }
    }

    private void fail(Throwable t) {
        ErrorText e = ErrorText.of(t);
        error.set(e);
        state.set(State.FAILED);
        sender.outletProperty().set(null);
        terminal.buffer().endLine();
        terminal.note(Messages.get("term.note.failed", e.sentence()));
    }

    // ------------------------------------------------------------ reconnecting

    private void maybeReconnect(Attempt a) {
        if (!autoReconnect.get()) {
            return;
        }
        if (a.connectedAt != null && Duration.between(a.connectedAt, ctx.clock().instant()).compareTo(STABLE) >= 0) {
            reconnectAttempts = 0;
        }
        Duration wait = backoff.get(Math.min(reconnectAttempts, backoff.size() - 1));
        reconnectAttempts++;
        int run = ++reconnectRun;
        long ms = wait.toMillis();
        String seconds = ms % 1000 == 0 ? Long.toString(ms / 1000) : String.format(Locale.ROOT, "%.1f", ms / 1000.0);
        String note = Messages.get("term.reconnect.in", seconds, reconnectAttempts);
        reconnectNote.set(note);
        terminal.note(note);
        ctx.tasks().run(() -> {
            Thread.sleep(wait);
            return run;
        }, r -> {
            if (r == reconnectRun && autoReconnect.get() && state.get().canConnect()) {
                reconnectNote.set("");
                start();
            }
        }, t -> reconnectNote.set(""));
    }

    private void cancelReconnect() {
        reconnectRun++;
        reconnectNote.set("");
    }

    // ------------------------------------------------------------ ending

    /** Closes the connection (or abandons the attempt) at the user's request. */
    public void disconnect() {
        cancelReconnect();
        if (attempt == null || !state.get().active()) {
            return;
        }
        state.set(State.CLOSED);
        retire(attempt);
        terminal.buffer().endLine();
        terminal.note(Messages.get("term.note.disconnected"));
    }

    private void retire(Attempt a) {
        a.cancelled = true;
        a.retired = true;
        sender.outletProperty().set(null);
        if (a.session != null) {
            a.session.close();
        }
    }

    /** Counters and the terminal, once per frame (and once a second for the status line). */
    public boolean pulse() {
        Attempt a = attempt;
        if (a != null && a.session != null) {
            sent.set(a.session.bytesSent());
            received.set(a.session.bytesReceived());
        }
        return terminal.pulse();
    }

    /** How long the connection has been (or was) open; zero before it opened. */
    public Duration elapsed() {
        ConnectionSession s = attempt == null ? null : attempt.session;
        if (s == null || s.connectedAt().isEmpty()) {
            return Duration.ZERO;
        }
        Instant end = s.endedAt().orElseGet(ctx.clock()::instant);
        return Duration.between(s.connectedAt().get(), end);
    }

    /** Closes the connection and stops what runs for the tab; used when the tab, section or window closes. */
    @Override
    public void close() {
        cancelReconnect();
        Attempt a = attempt;
        if (a != null) {
            if (state.get().active()) {
                state.set(State.CLOSED);
            }
            retire(a);
        }
        sender.close();
        terminal.close();
    }

    // ------------------------------------------------------------ properties

    public TerminalViewModel terminal() {
        return terminal;
    }

    public SenderViewModel sender() {
        return sender;
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

    /** Whether a dropped connection is made again by itself, waiting longer after each failure. */
    public BooleanProperty autoReconnectProperty() {
        return autoReconnect;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectWrapper<ErrorText> errorProperty() {
        return error;
    }

    /** The tab title: the VM and service connected to, or "New connection". */
    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** The peer's address as the connection reports it, once connected. */
    public ReadOnlyStringProperty peerProperty() {
        return peer.getReadOnlyProperty();
    }

    /** "Reconnecting in 4 s (attempt 3)" while an automatic reconnect waits, else empty. */
    public ReadOnlyStringProperty reconnectNoteProperty() {
        return reconnectNote.getReadOnlyProperty();
    }

    /** The endpoint last resolved (the one connected to, or that failed), or null. */
    public ReadOnlyObjectProperty<HvEndpoint> endpointProperty() {
        return endpoint.getReadOnlyProperty();
    }

    /** Bytes written to the connection (updated by {@link #pulse()}). */
    public ReadOnlyLongProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    /** Bytes read from the connection (updated by {@link #pulse()}). */
    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }
}
