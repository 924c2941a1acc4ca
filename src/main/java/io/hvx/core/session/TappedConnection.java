package io.hvx.core.session;

import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.util.Objects;

/**
 * A connection that reports a copy of every byte read and written to a {@link Tap}, so a
 * terminal can show the conversation of a connection that something else drives (a built-in
 * responder serving a Listen tab's client). The tap is called on the thread that reads or
 * writes, after the bytes moved.
 */
public final class TappedConnection implements StreamConnection {

    /** Sees the bytes; the array is reused once a call returns. */
    public interface Tap {
        void received(byte[] data, int off, int len);

        void sent(byte[] data, int off, int len);
    }

    private final StreamConnection inner;
    private final Tap tap;
    private byte[] readCopy = new byte[8192];
    private byte[] writeCopy = new byte[8192];

    public TappedConnection(StreamConnection inner, Tap tap) {
        this.inner = Objects.requireNonNull(inner, "inner");
        this.tap = Objects.requireNonNull(tap, "tap");
    }

    @Override
    public int read(ByteBuffer dst) {
        int before = dst.position();
        int n = inner.read(dst);
        if (n > 0) {
            readCopy = copy(dst, before, n, readCopy);
            tap.received(readCopy, 0, n);
        }
        return n;
    }

    @Override
    public int write(ByteBuffer src) {
        int before = src.position();
        int n = inner.write(src);
        if (n > 0) {
            writeCopy = copy(src, before, n, writeCopy);
            tap.sent(writeCopy, 0, n);
        }
        return n;
    }

    private static byte[] copy(ByteBuffer b, int from, int n, byte[] into) {
        byte[] out = into.length >= n ? into : new byte[Math.max(n, into.length * 2)];
        b.get(from, out, 0, n);
        return out;
    }

    @Override
    public void shutdownOutput() {
        inner.shutdownOutput();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public boolean isClosed() {
        return inner.isClosed();
    }

    @Override
    public String localAddress() {
        return inner.localAddress();
    }

    @Override
    public String peerAddress() {
        return inner.peerAddress();
    }
}
