package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One long-lived PowerShell running {@code warm-loop.ps1}: a request is a line on its stdin, the
 * answer is one JSON line followed by {@link PowerShellScripts#SENTINEL}. Only the first request
 * pays the cold start. A process that died is started again on the next request (and a request
 * that found it dead is retried once); a process that does not answer within the timeout is
 * killed with its children, so the next request starts a fresh one.
 */
public final class WarmPowerShell implements PowerShellChannel {

    private final Supplier<Path> executable;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final String loopScript;

    private Process process;
    private OutputStream stdin;
    private BlockingQueue<Line> lines;
    private StringBuilder stderrTail;
    private int starts;

    private record Line(String text, boolean end) {
    }

    /**
     * @param executable gives the PowerShell to run (asked at each start)
     */
    public WarmPowerShell(Supplier<Path> executable, Duration timeout, Map<String, String> environment) {
        this.executable = executable;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
        this.loopScript = PowerShellScripts.warmLoop();
    }

    @Override
    public PowerShellOutput vms() {
        return request(PowerShellScripts.vmsRequest());
    }

    @Override
    public PowerShellOutput integrationServices(Guid vmId) {
        return request(PowerShellScripts.integrationRequest(vmId));
    }

    /** How many PowerShell processes this channel has started (a restart counts). */
    public synchronized int starts() {
        return starts;
    }

    /** The process answering now, if one runs (for diagnostics and tests). */
    public synchronized ProcessHandle currentProcess() {
        return process != null && process.isAlive() ? process.toHandle() : null;
    }

    private synchronized PowerShellOutput request(String line) {
        boolean fresh = ensureStarted();
        try {
            return exchange(line);
        } catch (Died died) {
            stop();
            if (fresh) {
                throw died.failure;
            }
            // The process had died since the last request (or dies now): one retry on a fresh one.
            ensureStarted();
            try {
                return exchange(line);
            } catch (Died again) {
                stop();
                throw again.failure;
            }
        }
    }

    private PowerShellOutput exchange(String line) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            stdin.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            stdin.flush();
        } catch (IOException e) {
            throw new Died(noAnswer(""));
        }
        StringBuilder out = new StringBuilder();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Line l = left > 0 ? lines.poll(left, TimeUnit.NANOSECONDS) : null;
                if (l == null) {
                    String detail = PowerShellProcess.detail(out.toString(), stderrTail());
                    stop();
                    throw new OperationFailedException(Problem.of("vms.error.timeout", String.valueOf(timeout.toSeconds())), detail);
                }
                if (l.end()) {
                    throw new Died(noAnswer(out.toString()));
                }
                if (l.text().strip().equals(PowerShellScripts.SENTINEL)) {
                    return new PowerShellOutput(out.toString(), stderrTail(), -1);
                }
                out.append(l.text()).append('\n');
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("vms.error.interrupted"), null, e);
        }
    }

    private OperationFailedException noAnswer(String stdout) {
        Integer exit = null;
        if (process != null) {
            try {
                if (process.waitFor(1, TimeUnit.SECONDS)) {
                    exit = process.exitValue();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return new OperationFailedException(Problem.of("vms.error.noJson", String.valueOf(exit == null ? -1 : exit)),
                PowerShellProcess.detail(stdout, stderrTail()));
    }

    /** @return whether a new process was started */
    private boolean ensureStarted() {
        if (process != null && process.isAlive()) {
            return false;
        }
        stop();
        Path exe = executable.get();
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(PowerShellScripts.arguments(loopScript));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.error.start", exe, String.valueOf(e.getMessage())),
                    e.toString(), e);
        }
        starts++;
        process = p;
        stdin = p.getOutputStream();
        BlockingQueue<Line> q = new LinkedBlockingQueue<>();
        lines = q;
        StringBuilder tail = new StringBuilder();
        stderrTail = tail;
        Thread.ofVirtual().name("hvx-ps-warm-out").start(() -> readLines(p.getInputStream(), q));
        Thread.ofVirtual().name("hvx-ps-warm-err").start(() -> readTail(p.getErrorStream(), tail));
        return true;
    }

    private static void readLines(InputStream in, BlockingQueue<Line> q) {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String s;
            while ((s = r.readLine()) != null) {
                if (!s.isEmpty() && s.charAt(0) == '\uFEFF') {
                    s = s.substring(1);
                }
                q.add(new Line(s, false));
            }
        } catch (IOException e) {
            // the process was killed: the end marker below tells the waiting request
        }
        q.add(new Line("", true));
    }

    private static void readTail(InputStream in, StringBuilder tail) {
        byte[] b = new byte[4096];
        try (in) {
            int n;
            while ((n = in.read(b)) > 0) {
                synchronized (tail) {
                    tail.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    if (tail.length() > 8192) {
                        tail.delete(0, tail.length() - 8192);
                    }
                }
            }
        } catch (IOException e) {
            // killed: keep the tail we have
        }
    }

    private String stderrTail() {
        StringBuilder t = stderrTail;
        if (t == null) {
            return "";
        }
        synchronized (t) {
            return t.toString();
        }
    }

    private void stop() {
        Process p = process;
        process = null;
        if (p != null) {
            try {
                p.getOutputStream().close();
            } catch (IOException e) {
                // already closed
            }
            PowerShellProcess.killTree(p.toHandle());
        }
    }

    /** Asks the loop to end, then makes sure it did. */
    @Override
    public synchronized void close() {
        Process p = process;
        if (p != null && p.isAlive()) {
            try {
                stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                p.waitFor(500, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                // gone already
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stop();
    }

    /** The process ended before answering. */
    private static final class Died extends RuntimeException {
        final transient OperationFailedException failure;

        Died(OperationFailedException failure) {
            super(null, null, false, false);
            this.failure = failure;
        }
    }
}
