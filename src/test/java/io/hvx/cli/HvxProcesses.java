package io.hvx.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code hvx} as separate JVM processes on one sandbox, so tests see what parallel CLI
 * invocations do to the stores (file locks only work between processes). Output goes to files,
 * so a process never blocks on a full pipe.
 */
public final class HvxProcesses {

    /** What one process did. */
    public record Outcome(List<String> args, int exit, String out, String err) {
        @Override
        public String toString() {
            return args + " -> " + exit + " out=" + out.strip() + " err=" + err.strip();
        }
    }

    private final Path sandboxDir;
    private final Path dataDir;
    private final Path logDir;
    private int seq;

    /**
     * @param work a fresh directory: the sandbox, data and output files go below it
     */
    public HvxProcesses(Path work) {
        this.sandboxDir = work.resolve("sb");
        this.dataDir = work.resolve("data");
        this.logDir = work.resolve("proc");
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Path sandboxDir() {
        return sandboxDir;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The command line of one hvx run in sandbox mode on this sandbox. */
    public static List<String> javaCommand(List<String> hvxArgs) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // start-up dominates a CLI run: C1 only, serial GC, a small heap
        cmd.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto", "-Xmx256m",
                "--enable-native-access=ALL-UNNAMED", "-Dfile.encoding=UTF-8", "-Duser.language=en", "-Duser.country=US",
                "-cp", System.getProperty("java.class.path"), "io.hvx.Launcher"));
        cmd.addAll(hvxArgs);
        return cmd;
    }

    /** Starts {@code hvx --mode sandbox ARGS} without waiting. */
    public synchronized Running start(String... args) {
        List<String> hvx = new ArrayList<>(List.of("--mode", "sandbox"));
        hvx.addAll(List.of(args));
        int n = ++seq;
        Path out = logDir.resolve(n + ".out");
        Path err = logDir.resolve(n + ".err");
        ProcessBuilder pb = new ProcessBuilder(javaCommand(hvx));
        pb.environment().put("HVX_SANDBOX_DIR", sandboxDir.toString());
        pb.environment().put("HVX_DATA_DIR", dataDir.toString());
        pb.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        try {
            return new Running(List.of(args), pb.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started process. */
    public record Running(List<String> args, Process process, Path out, Path err) {

        /** Waits for the process (killing it after {@code timeout}) and reads what it printed. */
        public Outcome await(Duration timeout) {
            try {
                boolean done = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (!done) {
                    process.descendants().forEach(ProcessHandle::destroyForcibly);
                    process.destroyForcibly().waitFor();
                }
                int exit = done ? process.exitValue() : -1;
                return new Outcome(args, exit, Files.readString(out, StandardCharsets.UTF_8),
                        (done ? "" : "[killed after " + timeout + "] ") + Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    /** Runs one command and waits for it. */
    public Outcome run(Duration timeout, String... args) {
        return start(args).await(timeout);
    }

    /**
     * Runs every command, at most {@code parallel} at a time (all at once when it is at least the
     * number of commands), and returns the outcomes in the order of {@code commands}.
     */
    public List<Outcome> runAll(List<List<String>> commands, int parallel, Duration timeoutEach) {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallel));
        try {
            List<Future<Outcome>> fs = new ArrayList<>();
            for (List<String> c : commands) {
                fs.add(pool.submit(() -> start(c.toArray(String[]::new)).await(timeoutEach)));
            }
            List<Outcome> out = new ArrayList<>();
            for (Future<Outcome> f : fs) {
                out.add(f.get());
            }
            return out;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            pool.shutdownNow();
        }
    }
}
