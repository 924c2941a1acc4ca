package io.hvx.net.sandbox;

import io.hvx.core.HvEndpoint;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The built-in responders of running sandbox VMs, served in this process over real AF_UNIX
 * sockets at the endpoints' paths.
 *
 * <p>How they run: when the sandbox connector is about to connect to a running VM's service
 * that has a responder configured and nobody listens at its path, it calls
 * {@link #ensure} and the responder starts here, on daemon threads, for the rest of the
 * process's life. If another process already serves the path (another {@code hvx}, socat, the
 * C peer), that one is used and nothing starts. A socket file left by a process that has exited
 * is detected (connecting to it is refused) and replaced. {@code hvx sandbox serve} starts every
 * responder of every running VM the same way and stays in the foreground, so programs outside
 * hvx can connect too.
 */
public final class SandboxResponders implements AutoCloseable {

    private static final Duration PROBE = Duration.ofMillis(200);

    private final SandboxPaths paths;
    private final ResponderServer.Options options;
    private final Map<Path, ResponderServer> running = new ConcurrentHashMap<>();

    public SandboxResponders(SandboxPaths paths, ResponderServer.Options options) {
        this.paths = paths;
        this.options = options;
    }

    public SandboxResponders(SandboxPaths paths) {
        this(paths, ResponderServer.Options.defaults());
    }

    /**
     * Makes sure someone serves {@code responder}'s endpoint, starting it here if nobody does.
     *
     * @return the server started now or earlier by this process, or empty when another process
     *         serves the path
     */
    public synchronized Optional<ResponderServer> ensure(SandboxSeed.Responder responder) {
        Path path = paths.path(responder.vmId(), responder.serviceId());
        ResponderServer existing = running.get(path);
        if (existing != null && existing.isRunning()) {
            return Optional.of(existing);
        }
        if (isServed(path)) {
            return Optional.empty();
        }
        ResponderServer.Kind kind = ResponderServer.Kind.byId(responder.kind()).orElseThrow(
                () -> new IllegalArgumentException("unknown responder kind " + responder.kind()));
        PosixListener listener = bindFresh(path, new HvEndpoint(responder.vmId(), responder.serviceId()));
        ResponderServer server = ResponderServer.start(listener, kind, options);
        running.put(path, server);
        return Optional.of(server);
    }

    /** Starts every responder in {@code responders} that nobody serves yet. */
    public List<ResponderServer> ensureAll(List<SandboxSeed.Responder> responders) {
        List<ResponderServer> started = new ArrayList<>();
        for (SandboxSeed.Responder r : responders) {
            ensure(r).ifPresent(started::add);
        }
        return started;
    }

    /**
     * Whether a listener accepts connections at {@code path} (in any process). On Linux this
     * reads {@code /proc/net/unix} so that the check itself does not connect (a probe connection
     * would be the first client of a {@code --once} listener); elsewhere it connects and closes.
     */
    static boolean isServed(Path path) {
        if (!Files.exists(path)) {
            return false;
        }
        Path proc = Path.of("/proc/net/unix");
        if (Files.isReadable(proc)) {
            try (var lines = Files.lines(proc)) {
                String p = path.toString();
                // Num RefCount Protocol Flags Type St Inode Path; Flags 00010000 = __SO_ACCEPTCON (listening)
                return lines.skip(1).map(l -> l.trim().split("\\s+", 8))
                        .anyMatch(f -> f.length >= 8 && f[3].equals("00010000") && f[7].equals(p));
            } catch (IOException | java.io.UncheckedIOException e) {
                // fall back to connecting
            }
        }
        try {
            PosixSocket.connect(new PosixAddress.Unix(path), PROBE).close();
            return true;
        } catch (OperationFailedException e) {
            // a refused or failed probe is the answer: nobody is listening there
            return false;
        }
    }

    /** Binds {@code path} after creating its directory and removing a stale socket file. */
    static PosixListener bindFresh(Path path, HvEndpoint endpoint) {
        SandboxPaths.createParent(path);
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("net.sandbox.dir", path.getParent().toString()),
                    e.toString(), e);
        }
        return PosixListener.bind(new PosixAddress.Unix(path), endpoint);
    }

    /** Stops every responder this process started. */
    @Override
    public synchronized void close() {
        for (ResponderServer s : running.values()) {
            s.close();
        }
        running.clear();
    }
}
