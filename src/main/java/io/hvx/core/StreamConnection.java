package io.hvx.core;

import java.nio.ByteBuffer;

/**
 * One open byte stream to a Hyper-V socket service (or its stand-in: AF_VSOCK in a Linux guest,
 * AF_UNIX in the sandbox). Reads and writes block the calling thread; one thread may read while
 * another writes. {@link #close()} may be called from any thread and makes a pending read or
 * write return promptly.
 *
 * <p>Direct {@link ByteBuffer}s are passed to the kernel without copying; heap buffers are
 * copied through a buffer the connection keeps, so steady-state I/O allocates nothing.
 */
public interface StreamConnection extends AutoCloseable {

    /**
     * Reads at least one byte into {@code dst} (from its position up to its limit) and advances
     * its position.
     *
     * @return the number of bytes read, or -1 when the peer has closed its sending side (EOF)
     * @throws OperationFailedException when the connection broke (peer reset, closed locally)
     */
    int read(ByteBuffer dst);

    /**
     * Writes at least one byte from {@code src} and advances its position.
     *
     * @return the number of bytes written (at least 1 when {@code src} has remaining bytes)
     * @throws OperationFailedException when the connection broke or the output was shut down
     */
    int write(ByteBuffer src);

    /** Writes every remaining byte of {@code src}. */
    default void writeFully(ByteBuffer src) {
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /**
     * Half-close: tells the peer that nothing more will be sent (it reads EOF) while this side
     * can still read what the peer sends.
     */
    void shutdownOutput();

    /** Closes the connection; safe to call more than once and from any thread. */
    @Override
    void close();

    /** Whether {@link #close()} has been called. */
    boolean isClosed();

    /**
     * Whether the peer is known to still take data: after it sent EOF, true when it only
     * half-closed, false when it closed or stopped receiving. A quick check that never blocks.
     * False too when the platform cannot tell (then a caller takes the peer's EOF as the end of
     * the conversation, as before this existed): only the sandbox's AF_UNIX sockets report it, a
     * hang-up on {@code poll}; Hyper-V and vsock sockets do not say it reliably.
     */
    default boolean peerStillReceiving() {
        return false;
    }

    /** The local address as users read it (e.g. {@code unix:/path}, {@code vsock:4294967295:5000}). */
    String localAddress();

    /** The peer's address as users read it. */
    String peerAddress();
}
