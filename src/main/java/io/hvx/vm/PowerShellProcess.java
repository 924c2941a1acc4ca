package io.hvx.vm;

import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One PowerShell invocation with a hard time limit: both output streams are drained
 * concurrently (a full stderr pipe would otherwise stall PowerShell), stdin is closed at once,
 * and on timeout the whole process tree is killed (children first, since they stop being
 * descendants once their parent is gone).
 */
public final class PowerShellProcess {

    private PowerShellProcess() {
    }

    /**
     * Runs {@code executable} with the encoded {@code script}.
     *
     * @param extraEnv variables added to the inherited environment
     * @throws OperationFailedException when PowerShell cannot be started or exceeds {@code timeout}
     */
    public static PowerShellOutput run(Path executable, String script, Map<String, String> extraEnv, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(PowerShellScripts.arguments(script));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(extraEnv);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.error.start", executable, String.valueOf(e.getMessage())),
                    e.toString(), e);
        }
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // PowerShell already gone: its exit code and output will tell
        }
        Drain out = Drain.start(p.getInputStream(), "hvx-ps-out");
        Drain err = Drain.start(p.getErrorStream(), "hvx-ps-err");
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                killTree(p.toHandle());
                throw timeout(timeout, out, err);
            }
            // A grandchild may still hold the pipes open; give the drains the time left.
            long left = Math.max(TimeUnit.MILLISECONDS.toNanos(200), deadline - System.nanoTime());
            if (!out.await(left) || !err.await(TimeUnit.MILLISECONDS.toNanos(200))) {
                killTree(p.toHandle());
                out.await(TimeUnit.SECONDS.toNanos(1));
                err.await(TimeUnit.SECONDS.toNanos(1));
            }
        } catch (InterruptedException e) {
            killTree(p.toHandle());
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("vms.error.interrupted"), null, e);
        }
        return new PowerShellOutput(out.text(), err.text(), p.exitValue());
    }

    static OperationFailedException timeout(Duration timeout, Drain out, Drain err) {
        String detail = detail(out == null ? "" : out.text(), err == null ? "" : err.text());
        return new OperationFailedException(Problem.of("vms.error.timeout", String.valueOf(timeout.toSeconds())), detail);
    }

    /** Kills {@code h} and everything it started, waiting (at most 2 s) until they are gone. */
    static void killTree(ProcessHandle h) {
        List<ProcessHandle> tree = new ArrayList<>(h.descendants().toList());
        tree.forEach(ProcessHandle::destroyForcibly);
        h.destroyForcibly();
        tree.add(h);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        for (ProcessHandle p : tree) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            try {
                p.onExit().get(left, TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                // the kill was sent; nothing more we can do without blocking the caller
            }
        }
    }

    /** The first 200 characters of each stream, for the details of an error. */
    static String detail(String stdout, String stderr) {
        return "stdout: " + head(stdout) + "\nstderr: " + head(Clixml.toText(stderr));
    }

    static String head(String s) {
        if (s == null || s.isBlank()) {
            return "(empty)";
        }
        String t = s.strip();
        return t.length() <= 200 ? t : t.substring(0, 200) + "…";
    }

    /** Reads a stream to its end on a virtual thread. */
    static final class Drain {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;

        private Drain(InputStream in, String name) {
            this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        synchronized (buf) {
                            buf.write(chunk, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // stream closed by a kill: keep what was read
                }
            });
        }

        static Drain start(InputStream in, String name) {
            Drain d = new Drain(in, name);
            d.thread.start();
            return d;
        }

        boolean await(long nanos) throws InterruptedException {
            return thread.join(Duration.ofNanos(Math.max(1, nanos)));
        }

        String text() {
            synchronized (buf) {
                return buf.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
