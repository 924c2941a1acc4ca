package io.hvx.cli;

import io.hvx.core.HvxException;
import io.hvx.core.StreamConnection;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Copies bytes both ways between standard streams and a connection, like {@code nc}: stdin →
 * connection on a helper thread (EOF on stdin half-closes the connection), connection → stdout
 * on the calling thread, which returns when the peer closes. Binary-safe: bytes are never
 * decoded.
 */
final class StdioBridge {

    private static final System.Logger LOG = System.getLogger(StdioBridge.class.getName());
    private static final int CHUNK = 64 * 1024;

    private StdioBridge() {
    }

    /**
     * Runs until the peer closes its side.
     *
     * @throws HvxException when the connection breaks (reset, closed)
     */
    static void run(StreamConnection conn, InputStream in, OutputStream out) {
        Thread pump = Thread.ofPlatform().daemon().name("hvx-stdin").start(() -> {
            byte[] buf = new byte[CHUNK];
            ByteBuffer bb = ByteBuffer.wrap(buf);
            try {
                while (true) {
                    int n = in.read(buf);
                    if (n < 0) {
                        conn.shutdownOutput();
                        return;
                    }
                    bb.clear().limit(n);
                    conn.writeFully(bb);
                }
            } catch (IOException e) {
                // standard input failed: the peer's bytes still arrive; the log says why nothing more is sent
                LOG.log(System.Logger.Level.WARNING, "Reading standard input failed; nothing more is sent", e);
            } catch (HvxException e) {
                // the reading side reports what went wrong with the connection
            }
        });
        byte[] buf = new byte[CHUNK];
        ByteBuffer bb = ByteBuffer.wrap(buf);
        try {
            while (true) {
                bb.clear();
                int n = conn.read(bb);
                if (n < 0) {
                    break;
                }
                try {
                    out.write(buf, 0, n);
                    out.flush();
                } catch (IOException e) {
                    return; // whoever reads our output has gone (e.g. `| head`): nothing left to do
                }
            }
        } finally {
            pump.interrupt();
        }
        try {
            out.flush();
        } catch (IOException e) {
            // as above
        }
    }
}
