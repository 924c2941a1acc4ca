package io.hvx.ui.connections;

import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Listener;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.ServerFactory;
import io.hvx.core.ServiceChoice;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.session.ConnectionSession;
import io.hvx.ui.common.ErrorText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.Observable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * A Listen tab, testable without the toolkit: a service and whose connections to accept
 * (wildcard, children, loopback or one VM), how to answer them (by hand, or with the echo, sink
 * or source responder), the accepted connections as sub-sessions with their own terminals, the
 * counters, Close all and Stop.
 *
 * <p>The listener and its accept loop come from the {@link ListenerFactory} and
 * {@link ServerFactory} ports (one platform thread per connection, as {@code hvx listen}). Each
 * accepted connection reaches the UI thread once when it arrives and once when it ends, in
 * batches: the connection threads queue these events and the UI thread takes all that are waiting
 * in one go, adds the new rows at once and counts once, so a thousand arrivals cost a few list
 * changes instead of a thousand. The bytes go to the terminals without the UI, and only the
 * selected connection's are decoded into lines; the others keep their newest bytes until selected
 * ({@link TerminalViewModel#setShown}), so a thousand busy connections cost the machine one terminal.
 */
public final class ListenViewModel implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(ListenViewModel.class.getName());

    /** The default connection limit. */
    public static final int DEFAULT_MAX_CONNECTIONS = 1000;
    /** Whose connections a listener may accept, besides the VMs of the inventory. */
    public static final List<VmAlias> SCOPES = List.of(VmAlias.WILDCARD, VmAlias.CHILDREN, VmAlias.LOOPBACK);

    /** How accepted connections are answered. */
    public enum Mode {
        MANUAL(Messages.key("listen.mode.manual"), null),
        ECHO(Messages.key("listen.mode.echo"), ServerFactory.Responder.ECHO),
        SINK(Messages.key("listen.mode.sink"), ServerFactory.Responder.SINK),
        SOURCE(Messages.key("listen.mode.source"), ServerFactory.Responder.SOURCE);

        private final String key;
        private final ServerFactory.Responder responder;

        Mode(String key, ServerFactory.Responder responder) {
            this.key = key;
            this.responder = responder;
        }

        public String label() {
            return Messages.get(key);
        }
    }

    /** Where the listener is. */
    public enum State {
        STOPPED(Messages.key("listen.state.stopped")),
        STARTING(Messages.key("listen.state.starting")),
        LISTENING(Messages.key("listen.state.listening")),
        FAILED(Messages.key("listen.state.failed"));

        private final String key;

        State(String key) {
            this.key = key;
        }

        public String label() {
            return Messages.get(key);
        }
    }

    private final ListenerFactory listeners;
    private final ServerFactory servers;
    private final ConnectionSessionViewModel.EndpointResolver resolver;
    private final TerminalContext ctx;
    private final ObjectProperty<VmChoice> scope = new SimpleObjectProperty<>(VmChoice.of(VmAlias.WILDCARD));
    private final ObjectProperty<ServiceChoice> service = new SimpleObjectProperty<>(ServiceChoice.typed(""));
    private final ObjectProperty<Mode> mode = new SimpleObjectProperty<>(Mode.MANUAL);
    private final StringProperty maxConnections = new SimpleStringProperty(Integer.toString(DEFAULT_MAX_CONNECTIONS));
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.STOPPED);
    private final ReadOnlyObjectWrapper<ErrorText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper address = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(Messages.get("listen.tab.new"));
    private final ReadOnlyLongWrapper accepted = new ReadOnlyLongWrapper();
    private final ReadOnlyIntegerWrapper open = new ReadOnlyIntegerWrapper();
    private final ObservableList<AcceptedSessionViewModel> sessions = FXCollections.observableArrayList();
    private final ObjectProperty<AcceptedSessionViewModel> selected = new SimpleObjectProperty<>();
    private final AtomicInteger numbers = new AtomicInteger();
    /** What the connection threads hand to the UI thread, taken in batches by {@link #drain()}. */
    private final ConcurrentLinkedQueue<Runnable> toUi = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainQueued = new AtomicBoolean();
    /** Rows that arrived in the batch being drained. */
    private final List<AcceptedSessionViewModel> arriving = new ArrayList<>();
    private long batches;
    private ServerFactory.Server server;
    private int run;

    public ListenViewModel(ListenerFactory listeners, ServerFactory servers,
                           ConnectionSessionViewModel.EndpointResolver resolver, TerminalContext ctx) {
        this.listeners = listeners;
        this.servers = servers;
        this.resolver = resolver;
        this.ctx = ctx;
        selected.addListener((o, before, now) -> {
            if (before != null) {
                before.terminal().setShown(false);
            }
            if (now != null) {
                now.terminal().setShown(true);
            }
        });
        for (Observable input : new Observable[] {scope, service, mode, maxConnections}) {
            input.addListener(o -> {
                if (state.get() != State.LISTENING && state.get() != State.STARTING) {
                    error.set(null);
                }
            });
        }
    }

    /** Binds the listener and starts accepting; a failure (not registered, in use…) is shown in the banner. */
    public void start() {
        if (state.get() == State.LISTENING || state.get() == State.STARTING) {
            return;
        }
        int max;
        try {
            max = parseMax(maxConnections.get());
        } catch (InvalidInputException e) {
            error.set(ErrorText.of(e));
            return;
        }
        VmChoice vm = scope.get();
        ServiceChoice svc = service.get();
        Mode m = mode.get();
        int r = ++run;
        error.set(null);
        state.set(State.STARTING);
        if (!svc.isBlank()) {
            title.set(Messages.get("listen.tab.title", svc.shortLabel(), vm.label()));
        }
        ctx.tasks().run(() -> {
            HvEndpoint ep = resolver.resolve(vm, svc);
            Listener l = listeners.listen(ep);
            return servers.start(l, c -> serve(ep, m, c), max);
        }, s -> {
            if (r != run) {
                // stopped while binding: the listener is not wanted any more
                ctx.tasks().run(() -> {
                    s.close();
                    return null;
                }, ok -> refresh(), t -> LOG.log(System.Logger.Level.WARNING, "A listener stopped while binding did not close", t));
                return;
            }
            server = s;
            address.set(s.localAddress());
            state.set(State.LISTENING);
        }, t -> {
            if (r == run) {
                error.set(ErrorText.of(t));
                state.set(State.FAILED);
            }
        });
    }

    static int parseMax(String text) {
        try {
            int n = Integer.parseInt(text == null ? "" : text.strip());
            if (n >= 1 && n <= 10_000) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new InvalidInputException(Problem.of("listen.error.max", text == null ? "" : text.strip()));
    }

    /** Serves one accepted connection on the server's thread; returns when it is over. */
    private void serve(HvEndpoint ep, Mode m, StreamConnection c) throws Exception {
        AcceptedSessionViewModel sub = new AcceptedSessionViewModel(numbers.incrementAndGet(), c.peerAddress(), ctx, this::toUi);
        if (m.responder == null) {
            ConnectionSession s = ConnectionSession.accepted(c, ep, ctx.clock(), sub.events());
            sub.attach(s);
            toUi(() -> added(sub, ep));
            try {
                while (!s.awaitEnd(Duration.ofMinutes(1))) {
                    // a conversation may last for hours; keep waiting
                }
            } catch (InterruptedException e) {
                s.close();
                Thread.currentThread().interrupt();
            }
            return;
        }
        StreamConnection tapped = sub.tap(c);
        toUi(() -> added(sub, ep));
        try {
            servers.responder(m.responder).serve(tapped);
            toUi(() -> ended(sub, null));
        } catch (HvxException e) {
            toUi(() -> ended(sub, e));
        } catch (Exception e) {
            toUi(() -> ended(sub, e));
            throw e; // a defect: the server logs it
        }
    }

    /** Queues an event for the UI thread; one drain is scheduled for all that queue up meanwhile. Any thread. */
    private void toUi(Runnable event) {
        toUi.add(event);
        if (drainQueued.compareAndSet(false, true)) {
            ctx.tasks().later(this::drain);
        }
    }

    /** UI thread: every event waiting, then the new rows in one list change, then the counters once. */
    private void drain() {
        drainQueued.set(false);
        batches++;
        Runnable event;
        while ((event = toUi.poll()) != null) {
            event.run();
        }
        if (!arriving.isEmpty()) {
            addRows();
        }
        refreshCounters();
    }

    private void added(AcceptedSessionViewModel sub, HvEndpoint ep) {
        arriving.add(sub);
        sub.published(ep);
    }

    /** Adds the rows that arrived, in the order they were accepted (connections reach the UI thread in any order). */
    private void addRows() {
        arriving.sort(Comparator.comparingInt(AcceptedSessionViewModel::number));
        int k = 0;
        // the few that were overtaken go in one by one; the rest, in order, in one change
        for (; k < arriving.size() && !sessions.isEmpty() && sessions.getLast().number() > arriving.get(k).number(); k++) {
            AcceptedSessionViewModel sub = arriving.get(k);
            int at = sessions.size();
            while (at > 0 && sessions.get(at - 1).number() > sub.number()) {
                at--;
            }
            sessions.add(at, sub);
        }
        sessions.addAll(arriving.subList(k, arriving.size()));
        arriving.forEach(AcceptedSessionViewModel::refresh);
        if (selected.get() == null) {
            selected.set(arriving.getFirst());
        }
        arriving.clear();
    }

    private void ended(AcceptedSessionViewModel sub, Throwable failure) {
        sub.responderEnded(failure);
        sub.refresh();
    }

    /** How many batches of connection events the UI thread has taken (for tests: arrivals are batched). */
    long batches() {
        return batches;
    }

    /** Updates the counters (once a second, and when connections come and go). */
    public void refresh() {
        for (AcceptedSessionViewModel sub : sessions) {
            sub.refresh();
        }
        refreshCounters();
    }

    /** The tab's counters and state, without each row's byte counts. */
    private void refreshCounters() {
        ServerFactory.Server s = server;
        accepted.set(s != null ? s.accepted() : accepted.get());
        int n = 0;
        for (AcceptedSessionViewModel sub : sessions) {
            if (sub.stateProperty().get() == ConnectionSessionViewModel.State.CONNECTED) {
                n++;
            }
        }
        open.set(n);
        if (s != null && !s.isRunning() && state.get() == State.LISTENING) {
            state.set(State.FAILED);
            s.failure().ifPresent(t -> error.set(ErrorText.of(t)));
        }
    }

    /** Closes every accepted connection; the listener keeps accepting. */
    public void closeAll() {
        for (AcceptedSessionViewModel sub : sessions) {
            sub.close();
        }
    }

    /** Forgets the connections that have ended. */
    public void clearClosed() {
        List<AcceptedSessionViewModel> ended = sessions.stream().filter(s -> !s.isOpen()).toList();
        ended.forEach(AcceptedSessionViewModel::dispose);
        sessions.removeAll(ended);
        if (selected.get() != null && !sessions.contains(selected.get())) {
            selected.set(sessions.isEmpty() ? null : sessions.getFirst());
        }
        refresh();
    }

    /** Stops listening and closes every connection. */
    public void stop() {
        run++;
        ServerFactory.Server s = server;
        server = null;
        closeAll();
        if (state.get() != State.FAILED) {
            state.set(State.STOPPED);
        }
        address.set("");
        if (s != null) {
            accepted.set(s.accepted());
            ctx.tasks().run(() -> {
                s.close();
                return null;
            }, ok -> refresh(), t -> error.set(ErrorText.of(t)));
        }
    }

    /** The selected connection's terminal, once per frame. */
    public boolean pulse() {
        AcceptedSessionViewModel sub = selected.get();
        return sub != null && sub.pulse();
    }

    @Override
    public void close() {
        stop();
        sessions.forEach(AcceptedSessionViewModel::dispose);
    }

    public ObjectProperty<VmChoice> scopeProperty() {
        return scope;
    }

    public ObjectProperty<ServiceChoice> serviceProperty() {
        return service;
    }

    public ObjectProperty<Mode> modeProperty() {
        return mode;
    }

    public StringProperty maxConnectionsProperty() {
        return maxConnections;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyObjectWrapper<ErrorText> errorProperty() {
        return error;
    }

    /** The bound address while listening. */
    public ReadOnlyStringProperty addressProperty() {
        return address.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    /** Connections accepted since the listener started. */
    public ReadOnlyLongProperty acceptedProperty() {
        return accepted.getReadOnlyProperty();
    }

    /** Connections open both ways now (one the peer closed is counted no more). */
    public ReadOnlyIntegerProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    /** The accepted connections, oldest first. */
    public ObservableList<AcceptedSessionViewModel> sessions() {
        return sessions;
    }

    /** The connection whose terminal is shown. */
    public ObjectProperty<AcceptedSessionViewModel> selectedProperty() {
        return selected;
    }
}
