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
 * One PowerShell invocation with hard limits: both output streams are drained concurrently (a
 * full stderr pipe would otherwise stall PowerShell) and capped ({@value #STDOUT_CAP} bytes of
 * stdout, {@value #STDERR_CAP} of stderr), stdin is closed at once, and the whole process tree
 * ({@link ProcessTree}) is ended on every path: at the timeout, as soon as a stream overflows
 * its cap, and after a normal exit, so nothing PowerShell started is left running.
 */
public final class PowerShellProcess {

    private static final System.Logger LOG = System.getLogger(PowerShellProcess.class.getName());

    /** The most stdout kept: the VM list of thousands of VMs is a few hundred KB. */
    static final int STDOUT_CAP = 8 * 1024 * 1024;
    /** The most stderr kept: it carries diagnostics (often CLIXML) only. */
    static final int STDERR_CAP = 1024 * 1024;
    /** How often the wait looks at the tree and the caps. */
    private static final long SLICE_MS = 50;

    private PowerShellProcess() {
    }

    /**
     * Runs {@code executable} with the encoded {@code script}.
     *
     * @param extraEnv variables added to the inherited environment
     * @throws OperationFailedException when PowerShell cannot be started, exceeds {@code timeout}
     *                                  or floods a stream
     */
    public static PowerShellOutput run(Path executable, String script, Map<String, String> extraEnv, Duration timeout) {
        List<String> command = new ArrayList<>();
        command.add(executable.toString());
        command.addAll(PowerShellScripts.arguments(script));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(extraEnv);
        ProcessTree tree;
        try {
            tree = ProcessTree.start(pb);
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.error.start", executable, String.valueOf(e.getMessage())),
                    e.toString(), e);
        }
        Process p = tree.process();
        try {
            p.getOutputStream().close();
        } catch (IOException e) {
            // PowerShell already gone: its exit code and output will tell
            LOG.log(System.Logger.Level.DEBUG, "closing PowerShell's stdin", e);
        }
        Drain out = Drain.start(p.getInputStream(), "hvx-ps-out", STDOUT_CAP);
        Drain err = Drain.start(p.getErrorStream(), "hvx-ps-err", STDERR_CAP);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (!p.waitFor(SLICE_MS, TimeUnit.MILLISECONDS)) {
                tree.observe();
                if (out.overflowed() || err.overflowed()) {
                    tree.kill();
                    throw flood(out, err);
                }
                if (System.nanoTime() - deadline >= 0) {
                    tree.kill();
                    throw timeout(timeout, out, err);
                }
            }
            // PowerShell ended: end whatever it left running too, which also closes the pipes a
            // child inherited, so the drains reach the end of both streams.
            tree.kill();
            if (!out.await(TimeUnit.SECONDS.toNanos(2)) || !err.await(TimeUnit.SECONDS.toNanos(2))) {
                LOG.log(System.Logger.Level.WARNING, "PowerShell's output stayed open after its process tree was ended;"
                        + " using what was read");
            }
            if (out.overflowed() || err.overflowed()) {
                throw flood(out, err);
            }
        } catch (InterruptedException e) {
            tree.kill();
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("vms.error.interrupted"), null, e);
        }
        return new PowerShellOutput(out.text(), err.text(), p.exitValue());
    }

    static OperationFailedException timeout(Duration timeout, Drain out, Drain err) {
        String detail = detail(out == null ? "" : out.text(), err == null ? "" : err.text());
        return new OperationFailedException(Problem.of("vms.error.timeout", String.valueOf(timeout.toSeconds())), detail);
    }

    private static OperationFailedException flood(Drain out, Drain err) {
        return flood(out.overflowed() ? "stdout" : "stderr", out.text(), err.text());
    }

    /** {@code stream} ("stdout" or "stderr") went over its cap: PowerShell and its children were stopped. */
    static OperationFailedException flood(String stream, String stdout, String stderr) {
        int cap = stream.equals("stdout") ? STDOUT_CAP : STDERR_CAP;
        return new OperationFailedException(Problem.of("vms.error.flood", String.valueOf(cap / (1024 * 1024)), stream),
                detail(stdout, stderr));
    }

    /**
     * The first 200 characters of each stream, for the details of an error, one line each:
     * control characters are escaped (a newline as backslash-n, ESC as backslash-u001b) so that neither a flood of
     * lines nor escape sequences from the process reach the terminal as they are.
     */
    static String detail(String stdout, String stderr) {
        return "stdout: " + head(stdout) + "\nstderr: " + head(Clixml.toText(stderr));
    }

    static String head(String s) {
        if (s == null || s.isBlank()) {
            return "(empty)";
        }
        String t = s.strip();
        return escaped(t.length() <= 200 ? t : t.substring(0, 200)) + (t.length() <= 200 ? "" : "…");
    }

    private static String escaped(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        sb.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /** Reads a stream to its end on a virtual thread, keeping at most {@code cap} bytes. */
    static final class Drain {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream();
        private final Thread thread;
        private volatile boolean overflowed;

        private Drain(InputStream in, String name, int cap) {
            this.thread = Thread.ofVirtual().name(name).unstarted(() -> {
                byte[] chunk = new byte[8192];
                try (in) {
                    int n;
                    while ((n = in.read(chunk)) > 0) {
                        synchronized (buf) {
                            int room = cap - buf.size();
                            buf.write(chunk, 0, Math.max(0, Math.min(n, room)));
                            if (n > room) {
                                overflowed = true; // keep reading and dropping: the tree is being ended
                            }
                        }
                    }
                } catch (IOException e) {
                    // stream closed by a kill: keep what was read
                    LOG.log(System.Logger.Level.DEBUG, name + " ended", e);
                }
            });
        }

        static Drain start(InputStream in, String name, int cap) {
            Drain d = new Drain(in, name, cap);
            d.thread.start();
            return d;
        }

        boolean overflowed() {
            return overflowed;
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
