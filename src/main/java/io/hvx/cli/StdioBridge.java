package io.hvx.cli;

import io.hvx.core.HvxException;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.session.ConnectionSession.State;
import io.hvx.net.ResponderServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * Standard input and output as the two ends of a {@link ConnectionSession}, like {@code nc}:
 * received bytes go to stdout as they arrive (binary-safe, never decoded); once connected,
 * stdin is sent as it is read, and EOF on stdin half-closes the connection. The bridge ends
 * when the peer closes its side (even while stdin stays open) or the session fails.
 */
final class StdioBridge implements ConnectionSession.Events {

    private static final System.Logger LOG = System.getLogger(StdioBridge.class.getName());
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final ResponderServer.Activity activity;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);

    private StdioBridge(OutputStream out, ResponderServer.Activity activity) {
        this.out = out;
        this.activity = activity;
    }

    /**
     * Opens a session with the bridge as its event consumer and runs it until the peer closes.
     *
     * @param open     starts the session (connect or wrap an accepted connection) with the given events
     * @param activity where traffic is reported (a listener's idle timeout), or null
     * @throws HvxException why the session failed (connect refused, connection reset…)
     */
    static void run(Function<ConnectionSession.Events, ConnectionSession> open, InputStream in, OutputStream out,
                    ResponderServer.Activity activity) {
        StdioBridge bridge = new StdioBridge(out, activity);
        ConnectionSession session = open.apply(bridge);
        Thread pump = null;
        try {
            if (session.state() != State.CONNECTING) {
                // an accepted connection starts connected: no event will say so
                bridge.settled.countDown();
            }
            bridge.settled.await();
            if (session.state().isOpen()) {
                pump = Thread.ofPlatform().daemon().name("hvx-stdin").start(() -> pump(in, session));
            }
            bridge.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            if (pump != null) {
                pump.interrupt();
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "stdout is gone (e.g. | head): nothing left to write", e);
        }
        if (session.error().isPresent()) {
            throw session.error().get();
        }
    }

    /** stdin → session, at the peer's pace; EOF on stdin half-closes. */
    private static void pump(InputStream in, ConnectionSession session) {
        byte[] buf = new byte[CHUNK];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    session.shutdownOutput();
                    return;
                }
                if (n > 0 && !session.sendBlocking(Arrays.copyOf(buf, n))) {
                    return;
                }
            }
        } catch (IOException e) {
            // stdin broke: nothing more will come from it, which is what EOF says to the peer
            LOG.log(System.Logger.Level.DEBUG, "Reading stdin failed; sending EOF", e);
            session.shutdownOutput();
        } catch (InterruptedException e) {
            // the bridge ended: whatever stdin still holds has nowhere to go
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void stateChanged(ConnectionSession session, State state) {
        settled.countDown();
        if (state == State.PEER_CLOSED || state.isEnded()) {
            done.countDown();
        }
    }

    @Override
    public void received(ConnectionSession session, byte[] data, int length) {
        if (activity != null) {
            activity.received(length);
        }
        try {
            out.write(data, 0, length);
            out.flush();
        } catch (IOException e) {
            // whoever reads our output has gone (e.g. `| head`): the conversation is over, not failed
            LOG.log(System.Logger.Level.DEBUG, "stdout closed; ending the session", e);
            done.countDown();
        }
    }

    @Override
    public void sent(ConnectionSession session, byte[] data) {
        if (activity != null) {
            activity.sent(data.length);
        }
    }
}
