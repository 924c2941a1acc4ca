package io.hvx.core;

import java.time.Duration;
import java.util.Optional;

/**
 * A bound, listening endpoint that hands out incoming connections. {@link #close()} may be
 * called from any thread and releases a thread blocked in {@link #accept(Duration)}.
 */
public interface Listener extends AutoCloseable {

    /**
     * Waits up to {@code timeout} for the next incoming connection.
     *
     * @return the connection, or empty when the timeout passed without one
     * @throws OperationFailedException when the listener was closed or the system refused
     */
    Optional<StreamConnection> accept(Duration timeout);

    /** The endpoint this listener was bound for. */
    HvEndpoint endpoint();

    /** The bound address as users read it (e.g. {@code unix:/path}). */
    String localAddress();

    /** Stops listening; safe to call more than once and from any thread. */
    @Override
    void close();

    boolean isClosed();
}
