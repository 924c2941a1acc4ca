package io.hvx.core;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An in-memory connector for tests. Each connection first delivers the {@code greeting} chunks
 * (one read each), then echoes what is written; after {@code shutdownOutput} the reader sees EOF
 * once the echo is read, as with the sandbox's echo responder. Every endpoint asked for is
 * recorded.
 */
public final class PipeConnector implements Connector {

    private static final byte[] EOF = new byte[0];

    public final List<Pipe> opened = new ArrayList<>();
    public final List<HvEndpoint> endpoints = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<byte[]> greeting;

    public PipeConnector(List<byte[]> greeting) {
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

    public synchronized Pipe last() {
        return opened.getLast();
    }

    /** One in-memory connection. */
    public static final class Pipe implements StreamConnection {
        private final LinkedBlockingQueue<byte[]> incoming = new LinkedBlockingQueue<>();
        private volatile boolean closed;
        /** Whether this side half-closed. */
        public volatile boolean outputShut;
        /** Reads that returned bytes. */
        public volatile int reads;
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
        public void peerCloses() {
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
