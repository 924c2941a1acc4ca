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
