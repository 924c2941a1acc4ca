package io.hvx.core.tester;

import io.hvx.core.HvxException;
import io.hvx.core.NameResolver;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One running test: its threads, the connections it holds, progress reports, stall and
 * deadline checks, and cancellation. Made by {@link Tester#start}.
 *
 * <p>Threads: the test itself runs on platform threads (a blocking JNA call pins a virtual
 * thread's carrier), one per connection; a reporter thread wakes every reporting interval to
 * hand a {@link Progress} to the listener, to end a test in which nothing has moved for the
 * stall limit, and to enforce the deadline of a step that waits for an answer (the test
 * header's). Ending means closing the test's connections, which releases every blocked read
 * and write at once; the test then reports why it ended rather than "connection closed".
 */
public final class TestRun {

    private static final System.Logger LOG = System.getLogger(TestRun.class.getName());

    private final Job job;
    private final NameResolver.Target target;
    private final ProgressListener listener;
    private final long intervalNs;
    private final long stallNs;
    private final Instant startedAt = Instant.now();
    private final long startNs = System.nanoTime();
    private final CountDownLatch done = new CountDownLatch(1);
    private final Set<StreamConnection> open = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean cancelled;
    private volatile HvxException stopReason;
    private volatile long deadlineNs = Long.MAX_VALUE;
    private volatile Supplier<HvxException> deadlineFailure;
    private volatile TestResult result;
    private final java.util.List<java.util.function.Consumer<TestResult>> whenDone = new java.util.ArrayList<>();

    TestRun(Job job, NameResolver.Target target, ProgressListener listener, Duration interval, Duration stall) {
        this.job = job;
        this.target = target;
        this.listener = listener;
        this.intervalNs = interval.toNanos();
        // a connect may legitimately take the whole connect timeout without anything moving
        this.stallNs = Math.max(stall.toNanos(), job.plan().timeout().toNanos() + TimeUnit.SECONDS.toNanos(2));
    }

    void start() {
        Thread main = Thread.ofPlatform().daemon().name("hvx-test " + target.describe()).unstarted(this::runJob);
        threads.add(main);
        Thread.ofPlatform().daemon().name("hvx-test-report").start(this::report);
        main.start();
    }

    private void runJob() {
        TestResult r;
        try {
            r = job.run(this);
        } catch (RuntimeException e) {
            // a defect in the engine must end the run with a result, not leave awaiters hanging
            LOG.log(System.Logger.Level.ERROR, "The test engine failed", e);
            r = job.result(this, new OperationFailedException(Problem.of("tester.error.internal", String.valueOf(e)),
                    String.valueOf(e), e));
        }
        closeAll();
        java.util.List<java.util.function.Consumer<TestResult>> callbacks;
        synchronized (whenDone) {
            result = r;
            done.countDown();
            callbacks = java.util.List.copyOf(whenDone);
        }
        for (var c : callbacks) {
            notify(c, r);
        }
    }

    /**
     * Calls {@code action} with the result once the test has ended: on the test's thread, or at
     * once on this thread when it already has. A UI hands it to its own thread; nothing has to
     * wait for the test meanwhile.
     */
    public void whenDone(java.util.function.Consumer<TestResult> action) {
        TestResult r;
        synchronized (whenDone) {
            r = result;
            if (r == null) {
                whenDone.add(action);
                return;
            }
        }
        notify(action, r);
    }

    private static void notify(java.util.function.Consumer<TestResult> action, TestResult r) {
        try {
            action.accept(r);
        } catch (RuntimeException e) {
            // one consumer's defect must not keep the others from the result; the log keeps it
            LOG.log(System.Logger.Level.ERROR, "A test result consumer failed", e);
        }
    }

    private void report() {
        long lastActivity = job.activity();
        long lastChange = System.nanoTime();
        try {
            while (!done.await(intervalNs, TimeUnit.NANOSECONDS)) {
                long now = System.nanoTime();
                long a = job.activity();
                if (a != lastActivity) {
                    lastActivity = a;
                    lastChange = now;
                } else if (now - lastChange > stallNs) {
                    stop(new OperationFailedException(Problem.of("tester.error.stalled",
                            TimeUnit.NANOSECONDS.toSeconds(stallNs))));
                }
                Supplier<HvxException> f = deadlineFailure;
                if (now > deadlineNs && f != null) {
                    stop(f.get());
                }
                try {
                    listener.progress(job.progress(this, elapsed()));
                } catch (RuntimeException e) {
                    // the listener's defect must not stop the test; the log keeps it
                    LOG.log(System.Logger.Level.ERROR, "A test progress listener failed", e);
                }
            }
        } catch (InterruptedException e) {
            // nobody interrupts the reporter; if it happens the test simply reports no more
            Thread.currentThread().interrupt();
        }
    }

    /** Asks the test to stop; what was measured so far is reported, marked cancelled. */
    public void cancel() {
        cancelled = true;
        closeAll();
        for (Thread t : threads) {
            t.interrupt();
        }
    }

    /** Waits for the result. */
    public TestResult await() throws InterruptedException {
        done.await();
        return result;
    }

    /** Waits up to {@code timeout} for the result. */
    public Optional<TestResult> await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toNanos(), TimeUnit.NANOSECONDS) ? Optional.of(result) : Optional.empty();
    }

    public boolean isDone() {
        return done.getCount() == 0;
    }

    public NameResolver.Target target() {
        return target;
    }

    public TestPlan plan() {
        return job.plan();
    }

    // ---- for the jobs ----

    Instant startedAt() {
        return startedAt;
    }

    Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNs);
    }

    boolean cancelled() {
        return cancelled;
    }

    /** Whether the test should stop: cancelled, stalled or past a deadline. */
    boolean stopped() {
        return cancelled || stopReason != null;
    }

    /** Why the test was ended from outside (stall, deadline), if it was. */
    HvxException stopReason() {
        return stopReason;
    }

    /** Ends the test: {@code why} becomes its error, every connection is closed. */
    void stop(HvxException why) {
        synchronized (this) {
            if (stopReason != null) {
                return;
            }
            stopReason = why;
        }
        closeAll();
    }

    /** Until {@link #clearDeadline()}: if {@code deadlineNs} passes, the test ends with {@code failure}. */
    void deadline(long deadlineNs, Supplier<HvxException> failure) {
        this.deadlineFailure = failure;
        this.deadlineNs = deadlineNs;
    }

    void clearDeadline() {
        this.deadlineNs = Long.MAX_VALUE;
        this.deadlineFailure = null;
    }

    /** Keeps {@code c} to close on cancel or stall; closes it at once if the test already stopped. */
    StreamConnection hold(StreamConnection c) {
        open.add(c);
        if (stopped()) {
            c.close();
        }
        return c;
    }

    void release(StreamConnection c) {
        open.remove(c);
        c.close();
    }

    /** Starts a platform thread that a cancel interrupts. */
    Thread fork(String name, Runnable work) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(() -> {
            try {
                work.run();
            } finally {
                threads.remove(Thread.currentThread());
            }
        });
        threads.add(t);
        if (cancelled) {
            t.interrupt();
        }
        t.start();
        return t;
    }

    private void closeAll() {
        for (StreamConnection c : open) {
            c.close();
        }
    }

    /**
     * The failure to report for {@code e}, which a test thread caught: the reason the test was
     * ended from outside when there is one (the connection was closed for it), null after a
     * cancel (a cancelled test reports what it measured, not a failure), else {@code e}.
     */
    HvxException cause(HvxException e) {
        HvxException why = stopReason;
        if (why != null) {
            return why;
        }
        return cancelled ? null : e;
    }
}
