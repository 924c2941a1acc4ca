package io.hvx.core.tester;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A plain echo outside hvx: {@code socat UNIX-LISTEN:PATH,fork EXEC:cat} (socat is installed by
 * {@code .ci/run}). Started once socat says it listens.
 */
public final class SocatEcho implements AutoCloseable {

    private final Process process;

    private SocatEcho(Process process) {
        this.process = process;
    }

    public static boolean available() {
        return Peers.available("socat", "-V");
    }

    /** Serves {@code path} with {@code command} (e.g. {@code cat}) for every connection. */
    public static SocatEcho start(Path path, String command) throws Exception {
        Files.createDirectories(path.getParent());
        return new SocatEcho(Peers.listening(List.of("socat", "-d", "-d", "UNIX-LISTEN:" + path + ",fork", "EXEC:" + command)));
    }

    @Override
    public void close() throws InterruptedException {
        Peers.stop(process);
    }
}
