package io.hvx.net;

import io.hvx.core.Listener;
import io.hvx.core.ServerFactory;
import java.time.Duration;
import java.util.Optional;

/** {@link ServerFactory} over {@link ResponderServer}: the same accept loop and responders as {@code hvx listen}. */
public final class ResponderServers implements ServerFactory {

    private static final ResponderServer.Activity UNCOUNTED = new ResponderServer.Activity() {
        @Override
        public void received(long bytes) {
            // the caller counts what it needs (the GUI taps the connection)
        }

        @Override
        public void sent(long bytes) {
            // as above
        }
    };

    @Override
    public Server start(Listener listener, Handler handler, int maxConnections) {
        // no idle timeout: a connection the user watches stays open until someone closes it
        ResponderServer s = ResponderServer.start(listener, (c, activity) -> handler.serve(c),
                new ResponderServer.Options(maxConnections, Duration.ZERO, false));
        return new Server() {
            @Override
            public long accepted() {
                return s.accepted();
            }

            @Override
            public int active() {
                return s.active();
            }

            @Override
            public String localAddress() {
                return s.localAddress();
            }

            @Override
            public Optional<Throwable> failure() {
                return s.failure();
            }

            @Override
            public boolean isRunning() {
                return s.isRunning();
            }

            @Override
            public void close() {
                s.close();
            }
        };
    }

    @Override
    public Handler responder(Responder kind) {
        ResponderServer.Handler h = ResponderServer.handlerFor(switch (kind) {
            case ECHO -> ResponderServer.Kind.ECHO;
            case SINK -> ResponderServer.Kind.SINK;
            case SOURCE -> ResponderServer.Kind.SOURCE;
        });
        return c -> h.handle(c, UNCOUNTED);
    }
}
