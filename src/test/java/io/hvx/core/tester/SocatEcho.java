package io.hvx.core.tester;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A plain echo outside hvx: {@code socat UNIX-LISTEN:PATH,fork EXEC:cat} (socat is installed by
 * {@code .ci/run}). Started once socat says it listens.
 */
final class SocatEcho implements AutoCloseable {

    private final Process process;

    private SocatEcho(Process process) {
        this.process = process;
    }

    static boolean available() {
        try {
            Process p = new ProcessBuilder("socat", "-V").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /** Serves {@code path} with {@code command} (e.g. {@code cat}) for every connection. */
    static SocatEcho start(Path path, String command) throws Exception {
        path.getParent().toFile().mkdirs();
        Process p = new ProcessBuilder("socat", "-d", "-d", "UNIX-LISTEN:" + path + ",fork", "EXEC:" + command)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null) {
            if (line.contains("listening on")) {
                // keep draining so socat never blocks on a full stderr pipe
                Thread.ofPlatform().daemon().start(() -> {
                    try {
                        err.transferTo(java.io.Writer.nullWriter());
                    } catch (java.io.IOException e) {
                        // socat was stopped: its log is of no further use
                    }
                });
                return new SocatEcho(p);
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("socat did not start listening at " + path);
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
