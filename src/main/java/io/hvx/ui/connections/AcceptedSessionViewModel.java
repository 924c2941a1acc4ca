package io.hvx.ui.connections;

import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.StreamConnection;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.session.TappedConnection;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.time.Instant;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One connection a Listen tab accepted, with the same terminal as a connection tab. In manual
 * mode it is a {@link ConnectionSession} the user types into; with a built-in responder the
 * responder drives the connection and the terminal shows a copy of its traffic (read-only).
 *
 * <p>Made on the server's thread when the connection is accepted, so that no byte arrives before
 * its terminal exists; its properties are touched on the UI thread only, after the Listen tab
 * has published it.
 */
public final class AcceptedSessionViewModel implements AutoCloseable {

    private final int number;
    private final String peer;
    private final Instant openedAt;
    private final Executor ui;
    private final TerminalViewModel terminal;
    private final SenderViewModel sender;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.CONNECTED);
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ReadOnlyLongWrapper received = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper sent = new ReadOnlyLongWrapper();
    private final AtomicLong tapIn = new AtomicLong();
    private final AtomicLong tapOut = new AtomicLong();
    private volatile ConnectionSession session;
    private volatile StreamConnection connection;
    private volatile boolean closedHere;

    /**
     * @param ui where what concerns the UI thread goes (the Listen tab hands it over in batches)
     */
    AcceptedSessionViewModel(int number, String peer, TerminalContext ctx, Executor ui) {
        this.number = number;
        this.peer = peer == null ? "" : peer;
        this.ui = ui;
        this.openedAt = ctx.clock().instant();
        this.terminal = new TerminalViewModel(ctx);
        this.sender = new SenderViewModel(ctx, terminal);
        terminal.setFileStem("accepted-" + number);
        // not on screen until selected: its bytes wait undecoded (see TerminalViewModel.setShown)
        terminal.setShown(false);
        terminal.note(Messages.get("listen.note.accepted", number, this.peer));
    }

    /** Manual mode: the session the user types into. Server thread, before publishing. */
    ConnectionSession.Events events() {
        return new ConnectionSession.Events() {
            @Override
            public void received(ConnectionSession s, byte[] data, int length) {
                terminal.received(data, 0, length);
            }

            @Override
            public void stateChanged(ConnectionSession s, ConnectionSession.State next) {
                ui.execute(() -> apply(next, s.error().orElse(null)));
            }
        };
    }

    void attach(ConnectionSession s) {
        session = s;
    }

    /** With a responder: a copy of the traffic goes to the terminal. Server thread, before serving. */
    StreamConnection tap(StreamConnection c) {
        connection = c;
        return new TappedConnection(c, new TappedConnection.Tap() {
            @Override
            public void received(byte[] data, int off, int len) {
                tapIn.addAndGet(len);
                terminal.received(data, off, len);
            }

            @Override
            public void sent(byte[] data, int off, int len) {
                tapOut.addAndGet(len);
                terminal.recordSent(data, off, len);
            }
        });
    }

    /** Published on the UI thread: manual sessions can be typed into. */
    void published(HvEndpoint endpoint) {
        ConnectionSession s = session;
        if (s != null && s.state().isOpen()) {
            sender.serviceProperty().set(endpoint.serviceId());
            sender.outletProperty().set(SenderViewModel.Outlet.of(s));
        }
    }

    /** A responder finished with the connection (UI thread); {@code failure} null when it ended normally. */
    void responderEnded(Throwable failure) {
        terminal.endLine();
        if (failure == null || closedHere) {
            state.set(failure == null ? State.PEER_CLOSED : State.CLOSED);
            terminal.note(Messages.get(failure == null ? "term.note.peerClosed" : "term.note.disconnected"));
        } else {
            fail(failure);
        }
    }

    private void apply(ConnectionSession.State next, HvxException error) {
        switch (next) {
            case PEER_CLOSED -> {
                state.set(State.PEER_CLOSED);
                terminal.endLine();
                terminal.note(Messages.get("term.note.peerClosed"));
            }
            case CLOSED -> {
                if (state.get() != State.PEER_CLOSED) {
                    state.set(State.CLOSED);
                }
                sender.outletProperty().set(null);
            }
            case FAILED -> fail(error);
            default -> {
                // accepted sessions start connected; nothing else to show
            }
        }
    }

    private void fail(Throwable t) {
        String sentence = t instanceof HvxException h ? h.getMessage() : String.valueOf(t);
        problem.set(sentence);
        state.set(State.FAILED);
        sender.outletProperty().set(null);
        terminal.endLine();
        terminal.note(Messages.get("term.note.failed", sentence));
    }

    /** Closes the connection (Close, Close all, Stop). Any thread. */
    @Override
    public void close() {
        closedHere = true;
        ConnectionSession s = session;
        if (s != null) {
            s.close();
        }
        StreamConnection c = connection;
        if (c != null) {
            c.close();
        }
    }

    /** Closes the connection and what runs for the terminal (the entry is removed). */
    void dispose() {
        close();
        sender.close();
        terminal.close();
    }

    /** Updates the counters (UI thread). */
    void refresh() {
        ConnectionSession s = session;
        received.set(s != null ? s.bytesReceived() : tapIn.get());
        sent.set(s != null ? s.bytesSent() : tapOut.get());
    }

    /** Counters and the terminal, once per frame while shown. */
    public boolean pulse() {
        refresh();
        return terminal.pulse();
    }

    /** The order in which it was accepted, from 1. */
    public int number() {
        return number;
    }

    public String peer() {
        return peer;
    }

    public Instant openedAt() {
        return openedAt;
    }

    public TerminalViewModel terminal() {
        return terminal;
    }

    public SenderViewModel sender() {
        return sender;
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** Why it failed, or empty. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty receivedProperty() {
        return received.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty sentProperty() {
        return sent.getReadOnlyProperty();
    }

    /** Whether the connection is still open. */
    public boolean isOpen() {
        return state.get().active();
    }
}
