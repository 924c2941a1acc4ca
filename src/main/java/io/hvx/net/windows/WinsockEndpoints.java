package io.hvx.net.windows;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Listener;
import io.hvx.core.ListenerFactory;
import io.hvx.core.StreamConnection;
import java.time.Duration;
import java.util.Optional;

/** The windows mode: endpoints are AF_HYPERV addresses. */
public final class WinsockEndpoints {

    /** Listen backlog for AF_HYPERV listeners (go-winio uses 16; guests connect rarely in bursts). */
    public static final int BACKLOG = 16;

    private WinsockEndpoints() {
    }

    public static Connector connector() {
        return (endpoint, timeout) -> WinsockSocket.connectHyperV(endpoint, timeout, false);
    }

    public static ListenerFactory listenerFactory() {
        return endpoint -> new WinsockListener(WinsockSocket.listenHyperV(endpoint, BACKLOG), endpoint);
    }

    /** A {@link Listener} over a listening {@link WinsockSocket}. */
    public record WinsockListener(WinsockSocket socket, HvEndpoint endpoint) implements Listener {
        @Override
        public Optional<StreamConnection> accept(Duration timeout) {
            return socket.accept(timeout).map(c -> c);
        }

        @Override
        public String localAddress() {
            return socket.localAddress();
        }

        @Override
        public void close() {
            socket.close();
        }

        @Override
        public boolean isClosed() {
            return socket.isClosed();
        }
    }
}
