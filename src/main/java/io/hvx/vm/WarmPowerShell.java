package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
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
 * One long-lived PowerShell running {@code warm-loop.ps1}, which it reads from stdin at start
 * ({@code warm-bootstrap.ps1}; the loop is longer than a command line may be): a request is then a
 * line on its stdin, the answer is one JSON line followed by {@link PowerShellScripts#SENTINEL}. Only the first request
 * pays the cold start. A process that died is started again on the next request (and a request
 * that found it dead is retried once); a process that does not answer within the timeout, or
 * that floods an answer past {@link PowerShellProcess#STDOUT_CAP} or stderr past
 * {@link PowerShellProcess#STDERR_CAP}, is killed with everything it started
 * ({@link ProcessTree}), so the next request starts a fresh one.
 */
public final class WarmPowerShell implements PowerShellChannel {

    private static final System.Logger LOG = System.getLogger(WarmPowerShell.class.getName());
    /** Most stderr kept for the details of an error. */
    private static final int STDERR_TAIL = 8192;

    private final Supplier<Path> executable;
    private final Duration timeout;
    private final Map<String, String> environment;
    private final byte[] loopScript;

    private ProcessTree tree;
    private OutputStream stdin;
    private BlockingQueue<Answer> answers;
    private Streams streams;
    private int starts;

    /** One answer (the lines before the sentinel), or the end of the output. */
    private record Answer(String text, boolean end) {
    }

    /** What the readers of one process share: the stderr tail and whether a stream flooded. */
    private static final class Streams {
        final StringBuilder stderrTail = new StringBuilder();
        volatile String flooded;
    }

    /**
     * @param executable gives the PowerShell to run (asked at each start)
     */
    public WarmPowerShell(Supplier<Path> executable, Duration timeout, Map<String, String> environment) {
        this.executable = executable;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
        this.loopScript = PowerShellScripts.warmLoopOnStdin().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public PowerShellOutput vms() {
        return request(PowerShellScripts.vmsRequest());
    }

    @Override
    public PowerShellOutput integrationServices(Guid vmId) {
        return request(PowerShellScripts.integrationRequest(vmId));
    }

    @Override
    public PowerShellOutput servicePolicies(Guid vmId) {
        return request(PowerShellScripts.policiesRequest(vmId));
    }

    @Override
    public PowerShellOutput setServicePolicies(String changes) {
        return request(PowerShellScripts.setPoliciesRequest(changes));
    }

    /** How many PowerShell processes this channel has started (a restart counts). */
    public synchronized int starts() {
        return starts;
    }

    /** The process answering now, if one runs (for diagnostics and tests). */
    public synchronized ProcessHandle currentProcess() {
        return tree != null && tree.process().isAlive() ? tree.process().toHandle() : null;
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
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Answer a = left > 0 ? answers.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS) : null;
                Streams st = streams;
                if (st.flooded != null) {
                    String err = stderrTail();
                    stop();
                    throw PowerShellProcess.flood(st.flooded, a == null ? "" : a.text(), err);
                }
                if (a == null) {
                    if (System.nanoTime() - deadline < 0) {
                        continue;
                    }
                    String detail = PowerShellProcess.detail("", stderrTail());
                    stop();
                    throw new OperationFailedException(Problem.of("vms.error.timeout", String.valueOf(timeout.toSeconds())), detail);
                }
                if (a.end()) {
                    throw new Died(noAnswer(a.text()));
                }
                return new PowerShellOutput(a.text(), stderrTail(), -1);
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("vms.error.interrupted"), null, e);
        }
    }

    private OperationFailedException noAnswer(String stdout) {
        Integer exit = null;
        if (tree != null) {
            try {
                if (tree.process().waitFor(1, TimeUnit.SECONDS)) {
                    exit = tree.process().exitValue();
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
        if (tree != null && tree.process().isAlive()) {
            return false;
        }
        stop();
        Path exe = executable.get();
        List<String> command = new ArrayList<>();
        command.add(exe.toString());
        command.addAll(PowerShellScripts.arguments(PowerShellScripts.warmBootstrap()));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().putAll(environment);
        ProcessTree t;
        try {
            t = ProcessTree.start(pb);
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("vms.error.start", exe, String.valueOf(e.getMessage())),
                    e.toString(), e);
        }
        starts++;
        tree = t;
        Process p = t.process();
        stdin = p.getOutputStream();
        BlockingQueue<Answer> q = new LinkedBlockingQueue<>();
        answers = q;
        Streams st = new Streams();
        streams = st;
        Thread.ofVirtual().name("hvx-ps-warm-out").start(() -> readAnswers(p.getInputStream(), q, st, t));
        Thread.ofVirtual().name("hvx-ps-warm-err").start(() -> readTail(p.getErrorStream(), st, t));
        sendLoopScript();
        return true;
    }

    /**
     * Writes the loop script to the new process's stdin ({@code warm-bootstrap.ps1} reads it). A
     * pipe holds a few KiB, so the write waits until PowerShell has started and reads: it is bounded
     * by the timeout. A process that died meanwhile is found by the request that follows.
     */
    private void sendLoopScript() {
        OutputStream in = stdin;
        Thread writer = Thread.ofVirtual().name("hvx-ps-warm-script").start(() -> {
            try {
                in.write(loopScript);
                in.flush();
            } catch (IOException e) {
                // the process is gone: the request's own write fails next and reports how it ended
                LOG.log(System.Logger.Level.DEBUG, "warm PowerShell did not take its loop script", e);
            }
        });
        try {
            if (!writer.join(timeout)) {
                String detail = PowerShellProcess.detail("", stderrTail());
                stop();
                throw new OperationFailedException(Problem.of("vms.error.timeout", String.valueOf(timeout.toSeconds())), detail);
            }
        } catch (InterruptedException e) {
            stop();
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("vms.error.interrupted"), null, e);
        }
    }

    /**
     * Splits stdout into answers at the sentinel lines. An answer longer than the stdout cap is
     * a flood: the tree is ended and the rest is read and dropped until the pipe closes.
     */
    private static void readAnswers(InputStream in, BlockingQueue<Answer> q, Streams st, ProcessTree tree) {
        StringBuilder answer = new StringBuilder();
        StringBuilder line = new StringBuilder();
        char[] buf = new char[8192];
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            int n;
            while ((n = r.read(buf)) > 0) {
                if (st.flooded != null) {
                    continue;
                }
                for (int i = 0; i < n; i++) {
                    char c = buf[i];
                    if (c != '\n') {
                        line.append(c);
                        continue;
                    }
                    String l = line.toString();
                    line.setLength(0);
                    if (!l.isEmpty() && l.charAt(0) == '\uFEFF') {
                        l = l.substring(1);
                    }
                    if (l.strip().equals(PowerShellScripts.SENTINEL)) {
                        q.add(new Answer(answer.toString(), false));
                        answer.setLength(0);
                    } else {
                        answer.append(l).append('\n');
                    }
                }
                if (answer.length() + line.length() > PowerShellProcess.STDOUT_CAP) {
                    st.flooded = "stdout";
                    answer.setLength(0);
                    line.setLength(0);
                    tree.kill();
                }
            }
        } catch (IOException e) {
            // the process was killed: the end marker below tells the waiting request
            LOG.log(System.Logger.Level.DEBUG, "warm PowerShell stdout ended", e);
        }
        q.add(new Answer(answer.append(line).toString(), true));
    }

    /** Keeps the last {@value #STDERR_TAIL} characters; past the stderr cap the tree is ended. */
    private static void readTail(InputStream in, Streams st, ProcessTree tree) {
        byte[] b = new byte[4096];
        long total = 0;
        try (in) {
            int n;
            while ((n = in.read(b)) > 0) {
                total += n;
                synchronized (st.stderrTail) {
                    st.stderrTail.append(new String(b, 0, n, StandardCharsets.UTF_8));
                    if (st.stderrTail.length() > STDERR_TAIL) {
                        st.stderrTail.delete(0, st.stderrTail.length() - STDERR_TAIL);
                    }
                }
                if (total > PowerShellProcess.STDERR_CAP && st.flooded == null) {
                    st.flooded = "stderr";
                    tree.kill();
                }
            }
        } catch (IOException e) {
            // killed: keep the tail we have
            LOG.log(System.Logger.Level.DEBUG, "warm PowerShell stderr ended", e);
        }
    }

    private String stderrTail() {
        Streams st = streams;
        if (st == null) {
            return "";
        }
        synchronized (st.stderrTail) {
            return st.stderrTail.toString();
        }
    }

    private void stop() {
        ProcessTree t = tree;
        tree = null;
        if (t != null) {
            try {
                t.process().getOutputStream().close();
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "warm PowerShell stdin already closed", e);
            }
            t.kill();
        }
    }

    /** Asks the loop to end, then makes sure it did, with everything it started. */
    @Override
    public synchronized void close() {
        ProcessTree t = tree;
        if (t != null && t.process().isAlive()) {
            try {
                stdin.write("exit\n".getBytes(StandardCharsets.UTF_8));
                stdin.flush();
                t.process().waitFor(500, TimeUnit.MILLISECONDS);
            } catch (IOException e) {
                LOG.log(System.Logger.Level.DEBUG, "warm PowerShell gone before exit", e);
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
