package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory connector. Each connection first delivers the {@code greeting} chunks (one read
 * each), then echoes what is written; after {@code shutdownOutput} the reader sees EOF once
 * the echo is read, as with the sandbox's echo responder.
 */
final class PipeConnector implements Connector {

    private static final byte[] EOF = new byte[0];

    final List<Pipe> opened = new ArrayList<>();
    final List<HvEndpoint> endpoints = new ArrayList<>();
    private final List<byte[]> greeting;

    PipeConnector(List<byte[]> greeting) {
        this.greeting = greeting;
    }

    @Override
    public synchronized StreamConnection connect(HvEndpoint endpoint, Duration timeout) {
        endpoints.add(endpoint);
        Pipe p = new Pipe();
        p.incoming.addAll(greeting);
        opened.add(p);
        return p;
    }

    synchronized Pipe last() {
        return opened.getLast();
    }

    static final class Pipe implements StreamConnection {
        final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
        final CountDownLatch sawEof = new CountDownLatch(1);
        volatile boolean closed;
        volatile boolean outputShut;
        volatile int reads;
        private byte[] current;
        private int pos;

        @Override
        public int read(ByteBuffer dst) {
            try {
                while (current == null || pos == current.length) {
                    if (closed) {
                        throw new OperationFailedException(Problem.of("net.error.closed", "pipe"));
                    }
                    current = incoming.take();
                    pos = 0;
                    if (current == EOF) {
                        current = null;
                        sawEof.countDown();
                        return -1;
                    }
                }
            } catch (InterruptedException e) {
                throw new OperationFailedException(Problem.of("net.error.closed", "pipe"));
            }
            int n = Math.min(dst.remaining(), current.length - pos);
            dst.put(current, pos, n);
            pos += n;
            reads++;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            if (closed || outputShut) {
                throw new OperationFailedException(Problem.of("net.error.outputShutdown", "pipe"));
            }
            byte[] b = new byte[src.remaining()];
            src.get(b);
            incoming.add(b);
            return b.length;
        }

        @Override
        public void shutdownOutput() {
            outputShut = true;
            incoming.add(EOF);
        }

        /** The peer ends its output: the reader sees EOF after what is queued. */
        void peerCloses() {
            incoming.add(EOF);
        }

        @Override
        public void close() {
            closed = true;
            incoming.add(new byte[0]);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public String localAddress() {
            return "pipe:local";
        }

        @Override
        public String peerAddress() {
            return "pipe:peer";
        }
    }
}
