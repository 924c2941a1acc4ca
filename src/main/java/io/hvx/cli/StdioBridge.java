package io.hvx.cli;

import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
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
 * when the peer closes (even while stdin stays open) or the session fails.
 *
 * <p>The peer's EOF ends the bridge unless the peer is known to still receive (it only
 * half-closed: {@link ConnectionSession#peerStillReceiving()}); then stdin keeps flowing to it
 * until stdin's own EOF, so nothing is dropped in a half-close race. When the peer has gone
 * while input that hvx had read was still waiting to be written, the bridge fails: that input
 * never arrived.
 *
 * <p>Its own streams can end it too. Whoever reads stdout going away ({@code | head}) ends the
 * conversation without failing it; any other write error ({@code > /dev/full}), and any read
 * error on stdin, fails it: the bytes did not all get where they were going, so the command
 * must not exit 0. Then the connection is closed rather than half-closed, and the peer sees the
 * conversation end early.
 */
final class StdioBridge implements ConnectionSession.Events {

    private static final System.Logger LOG = System.getLogger(StdioBridge.class.getName());
    private static final int CHUNK = 64 * 1024;

    private final OutputStream out;
    private final ResponderServer.Activity activity;
    private final CountDownLatch settled = new CountDownLatch(1);
    private final CountDownLatch done = new CountDownLatch(1);
    /** Why stdin or stdout failed, when one did; reported instead of the session's outcome. */
    private volatile HvxException streamFailure;
    /** Whether the bridge ended because the peer closed (and does not take more data). */
    private volatile boolean peerGone;
    /** Bytes the pump has read from stdin and not yet handed to the session. */
    private volatile int inHand;

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
                pump = Thread.ofPlatform().daemon().name("hvx-stdin").start(() -> bridge.pump(in, session));
            }
            bridge.done.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            session.close();
            bridge.done.countDown(); // ended, also when this thread was interrupted: the pump's read is no cause
            if (pump != null) {
                pump.interrupt();
            }
        }
        try {
            out.flush();
        } catch (IOException e) {
            bridge.outputFailed(e);
        }
        if (bridge.streamFailure != null) {
            throw bridge.streamFailure;
        }
        if (session.error().isPresent()) {
            throw session.error().get();
        }
        long unsent = bridge.peerGone ? session.unsentBytes() + bridge.inHand + available(in) : 0;
        if (unsent > 0) {
            // input hvx had, or stdin held ready, when the peer left: the same fault as a failed write
            throw new OperationFailedException(Problem.of("net.error.reset", session.peerAddress()),
                    Messages.get("cli.connect.unsent", unsent));
        }
    }

    /**
     * Bytes stdin holds ready now (a file's rest, a pipe's buffer), 0 for a terminal nobody types
     * at or a stream that cannot tell: input still waiting when the peer left was not delivered.
     */
    private static long available(InputStream in) {
        try {
            return Math.max(0, in.available());
        } catch (IOException e) {
            // stdin cannot say: count nothing, as for a terminal
            return 0;
        }
    }

    /** stdin → session, at the peer's pace; EOF on stdin half-closes. */
    private void pump(InputStream in, ConnectionSession session) {
        byte[] buf = new byte[CHUNK];
        try {
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    session.shutdownOutput();
                    return;
                }
                inHand = n;
                if (n > 0 && !session.sendBlocking(Arrays.copyOf(buf, n))) {
                    return;
                }
                inHand = 0;
            }
        } catch (IOException e) {
            if (done.getCount() == 0) {
                // the bridge had ended and interrupted this read (an interruptible stdin says so
                // with an InterruptedIOException): the outcome is decided, stdin did not fail
                LOG.log(System.Logger.Level.DEBUG, "stdin read ended with the bridge", e);
                return;
            }
            // not an end of input: the peer must not take what it got for all of it
            LOG.log(System.Logger.Level.DEBUG, "Reading stdin failed; ending the session", e);
            fail(Messages.key("cli.stdin.failed"), e);
        } catch (InterruptedException e) {
            // the bridge ended: whatever stdin still holds has nowhere to go
            Thread.currentThread().interrupt();
        }
    }

    private void outputFailed(IOException e) {
        if (CheckedOutput.readerGone(e)) {
            // whoever reads our output has gone (e.g. `| head`): the conversation is over, not failed
            LOG.log(System.Logger.Level.DEBUG, "stdout closed; ending the session", e);
            done.countDown();
        } else {
            LOG.log(System.Logger.Level.DEBUG, "Writing stdout failed; ending the session", e);
            fail(Messages.key("cli.stdout.failed"), e);
        }
    }

    private void fail(String key, IOException e) {
        if (streamFailure == null) {
            streamFailure = new OperationFailedException(Problem.of(key, String.valueOf(e.getMessage())), null, e);
        }
        done.countDown();
    }

    @Override
    public void stateChanged(ConnectionSession session, State state) {
        settled.countDown();
        if (state == State.PEER_CLOSED && !session.peerStillReceiving()) {
            peerGone = true;
            done.countDown();
        } else if (state.isEnded()) {
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
            outputFailed(e);
        }
    }

    @Override
    public void sent(ConnectionSession session, byte[] data) {
        if (activity != null) {
            activity.sent(data.length);
        }
    }
}
