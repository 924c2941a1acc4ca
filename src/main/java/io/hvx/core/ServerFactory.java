package io.hvx.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Port: serves a bound {@link Listener} — accepts connections, each on its own platform thread,
 * up to a limit — and offers the built-in responders (echo, sink, source) that
 * {@code hvx listen} and the sandbox's demo VMs use. Implemented by {@code io.hvx.net.ResponderServers}
 * over {@code ResponderServer}; the GUI's Listen tab gets it from the composition root.
 */
public interface ServerFactory {

    /** The built-in responders. */
    enum Responder {
        /** Sends back every byte; half-closes when the client does. */
        ECHO,
        /** Reads and counts everything until the client closes. */
        SINK,
        /** Sends a known byte pattern until the client goes away. */
        SOURCE;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Serves one accepted connection; returns when the conversation is over (the server then closes it). */
    @FunctionalInterface
    interface Handler {
        void serve(StreamConnection connection) throws Exception;
    }

    /** A running server. */
    interface Server extends AutoCloseable {
        /** Connections accepted so far. */
        long accepted();

        /** Connections being served now. */
        int active();

        /** The bound address as users read it. */
        String localAddress();

        /** Why the server stopped on its own (the listener failed), if it did. */
        Optional<Throwable> failure();

        boolean isRunning();

        /** Stops accepting, closes every connection and waits briefly for their threads. */
        @Override
        void close();
    }

    /**
     * Starts accepting on {@code listener} (the server owns it from now on), calling
     * {@code handler} for each connection on a thread of its own; beyond {@code maxConnections}
     * clients wait in the listen queue.
     */
    Server start(Listener listener, Handler handler, int maxConnections);

    /** The handler of a built-in responder. */
    Handler responder(Responder kind);
}
