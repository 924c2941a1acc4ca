package io.hvx.core.tester;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Servers outside this JVM for tests and benchmarks (socat, {@code hvecho listen}): started and
 * returned once they say on standard error that they listen, their further log drained so they
 * never block on a full pipe.
 */
public final class Peers {

    private Peers() {
    }

    /** Whether {@code command} runs and exits 0 (e.g. {@code socat -V}). */
    public static boolean available(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(10, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false; // not installed (or not runnable here): the caller skips with a reason
        }
    }

    /** Starts {@code command} and waits for the line on standard error that contains "listening on". */
    public static Process listening(List<String> command) throws IOException {
        Process p = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = err.readLine()) != null && !line.contains("listening on")) {
            // start-up lines; only "listening" matters
        }
        if (line == null) {
            p.destroyForcibly();
            throw new IllegalStateException("did not start listening: " + String.join(" ", command));
        }
        Thread.ofPlatform().daemon().start(() -> {
            try {
                err.transferTo(java.io.Writer.nullWriter());
            } catch (IOException e) {
                // the server was stopped: its log is of no further use
            }
        });
        return p;
    }

    /** Stops a server started here. */
    public static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(10, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }
}
