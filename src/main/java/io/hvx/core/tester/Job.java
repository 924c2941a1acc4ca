package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.HvxException;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Duration;

/** One kind of test as the engine runs it; see {@link TestRun} for the threads. */
abstract class Job {

    protected final Connector connector;

    Job(Connector connector) {
        this.connector = connector;
    }

    abstract TestPlan plan();

    /** Runs the test on the calling thread (forking more through {@code run}) and returns what it found. */
    abstract TestResult run(TestRun run);

    /** The result of a test that failed outright with {@code error} (engine defect). */
    abstract TestResult result(TestRun run, HvxException error);

    /** A number that changes whenever the test makes progress (bytes, round trips, connects). */
    abstract long activity();

    /** Progress for the reporter; called on the reporter thread only. */
    abstract Progress progress(TestRun run, Duration elapsed);

    /**
     * Runs {@code work(0)} on this thread and {@code work(1 … n-1)} on threads of their own, and
     * returns when all have finished.
     */
    protected static void fanOut(TestRun run, int n, String name, java.util.function.IntConsumer work) {
        java.util.List<Thread> workers = new java.util.ArrayList<>();
        for (int i = 1; i < n; i++) {
            int index = i;
            workers.add(run.fork(name + "-" + i, () -> work.accept(index)));
        }
        work.accept(0);
        for (Thread t : workers) {
            join(t);
        }
    }

    /** Waits for {@code t}, through interrupts (a cancel interrupts every test thread, this one too). */
    static void join(Thread t) {
        boolean interrupted = false;
        while (true) {
            try {
                t.join();
                break;
            } catch (InterruptedException e) {
                // the cancel is already under way; this thread still waits for its workers to finish
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Connects for the test; the connection is closed by a cancel or a stall. */
    protected StreamConnection connect(TestRun run) {
        return run.hold(connector.connect(run.target().endpoint(), plan().timeout()));
    }

    /** Reads until {@code b} is full; false when the peer closed first. */
    protected static boolean readFully(StreamConnection c, ByteBuffer b) {
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                return false;
            }
        }
        return true;
    }

    protected static TestResult.Run info(TestRun run, HvxException error) {
        return new TestResult.Run(run.target(), run.startedAt(), run.elapsed(), error, run.cancelled());
    }
}
