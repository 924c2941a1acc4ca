package io.hvx.net.posix;

import io.hvx.core.HvEndpoint;
import io.hvx.core.Listener;
import io.hvx.core.StreamConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A {@link Listener} over a listening {@link PosixSocket}; removes its socket file on close. */
public final class PosixListener implements Listener {

    /** Backlog for listeners: enough for bursts of test clients, like SOMAXCONN-era defaults. */
    public static final int BACKLOG = 128;

    private final PosixSocket socket;
    private final HvEndpoint endpoint;
    private final Path socketFile;

    /**
     * @param socketFile the AF_UNIX path to remove on close, or null (vsock)
     */
    public PosixListener(PosixSocket socket, HvEndpoint endpoint, Path socketFile) {
        this.socket = socket;
        this.endpoint = endpoint;
        this.socketFile = socketFile;
    }

    /** Binds {@code address} for {@code endpoint} with the default backlog. */
    public static PosixListener bind(PosixAddress address, HvEndpoint endpoint) {
        return bind(address, endpoint, BACKLOG);
    }

    public static PosixListener bind(PosixAddress address, HvEndpoint endpoint, int backlog) {
        PosixSocket s = PosixSocket.listen(address, backlog);
        Path file = address instanceof PosixAddress.Unix u ? u.path() : null;
        return new PosixListener(s, endpoint, file);
    }

    @Override
    public Optional<StreamConnection> accept(Duration timeout) {
        return socket.accept(timeout).map(c -> c);
    }

    @Override
    public HvEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String localAddress() {
        return socket.localAddress();
    }

    @Override
    public void close() {
        if (socket.isClosed()) {
            return;
        }
        socket.close();
        if (socketFile != null) {
            try {
                Files.deleteIfExists(socketFile);
            } catch (java.io.IOException e) {
                // a leftover socket file is replaced by the next listener, nothing is lost
            }
        }
    }

    @Override
    public boolean isClosed() {
        return socket.isClosed();
    }
}
