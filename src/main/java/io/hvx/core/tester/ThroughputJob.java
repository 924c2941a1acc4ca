package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A stream in one direction (or both, through an echo), one connection per message size.
 * Every byte sent is the stream pattern at its offset, taken from a prepared direct buffer; every
 * byte received is compared with the pattern by a vectorised mismatch, and the sizes must agree
 * at the end — the integrity check of {@code sock_stress}, without computing anything per byte
 * on the sending side. Upload and download speak the test header ({@link TestProtocol}); both
 * needs only an echo.
 */
final class ThroughputJob extends Job {

    /** Largest single read. */
    private static final int READ_SIZE = 64 * 1024;
    /** Spacing of the points of the rate over time. */
    private static final long POINT_NS = TimeUnit.MILLISECONDS.toNanos(250);

    private final TestPlan.Throughput plan;
    private final List<TestResult.Step> steps = new ArrayList<>();
    /** Bytes moved in the current step; written by the counting thread with release stores. */
    private final AtomicLong moved = new AtomicLong();
    private final AtomicReference<Integer> currentSize = new AtomicReference<>();
    private volatile long stepStartNs;
    private volatile int stepsDone;
    private volatile long stepOriginNs;
    // reporter thread only
    private long lastPointNs;
    private long lastPointBytes;
    private int lastPointSize = -1;
    private final List<TestResult.Point> points = new ArrayList<>();
    private final List<TestResult.Point> unreported = new ArrayList<>();

    ThroughputJob(Connector connector, TestPlan.Throughput plan) {
        super(connector);
        this.plan = plan;
    }

    @Override
    TestPlan plan() {
        return plan;
    }

    @Override
    TestResult run(TestRun run) {
        HvxException error = null;
        long origin = System.nanoTime();
        stepOriginNs = origin;
        for (int size : plan.sizes()) {
            if (run.stopped()) {
                break;
            }
            try {
                TestResult.Step s = step(run, size);
                synchronized (steps) {
                    steps.add(s);
                }
                stepsDone++;
            } catch (HvxException e) {
                error = run.cause(e);
                break;
            }
        }
        return result(run, error);
    }

    private TestResult.Step step(TestRun run, int size) {
        StreamConnection c = connect(run);
        try {
            return switch (plan.direction()) {
                case UP -> up(run, c, size);
                case DOWN -> down(run, c, size);
                case BOTH -> both(run, c, size);
            };
        } finally {
            currentSize.set(null);
            run.release(c);
        }
    }

    /** Sends the request and reads the answer within the connect timeout. */
    private void handshake(TestRun run, StreamConnection c, TestProtocol.Request request) {
        String who = run.target().describe();
        long ms = plan.timeout().toMillis();
        c.writeFully(request.encode());
        ByteBuffer answer = ByteBuffer.allocate(TestProtocol.ACK_SIZE);
        run.deadline(System.nanoTime() + plan.timeout().toNanos(), () -> new OperationFailedException(
                Problem.of("tester.error.noHeaderAnswer", who, ms, plan.direction().id())));
        boolean complete;
        try {
            complete = readFully(c, answer);
        } finally {
            run.clearDeadline();
        }
        if (!complete) {
            throw new OperationFailedException(Problem.of("tester.error.closedOnHeader", who, plan.direction().id()));
        }
        switch (TestProtocol.decodeAck(answer.flip(), request)) {
            case ACCEPTED -> {
            }
            case REFUSED -> throw new OperationFailedException(Problem.of("tester.error.headerRefused", who));
            case ECHOED -> throw new OperationFailedException(Problem.of("tester.error.plainEcho", who, plan.direction().id()));
            case OTHER -> throw new OperationFailedException(Problem.of("tester.error.notTester", who, plan.direction().id()));
        }
    }

    private TestResult.Step up(TestRun run, StreamConnection c, int size) {
        handshake(run, c, TestProtocol.Request.upload());
        long t0 = startStep(size);
        long sent = send(run, c, size, t0, true);
        c.shutdownOutput();
        ByteBuffer trailer = ByteBuffer.allocate(TestProtocol.TRAILER_SIZE);
        String who = run.target().describe();
        if (!readFully(c, trailer)) {
            throw new OperationFailedException(Problem.of("tester.error.noTrailer", who));
        }
        long t1 = System.nanoTime();
        TestProtocol.Trailer t = TestProtocol.Trailer.decode(trailer.flip()).orElseThrow(
                () -> new OperationFailedException(Problem.of("tester.error.noTrailer", who)));
        boolean ok = t.intact() && t.received() == sent;
        return finish(run, size, t.received(), t1 - t0, sent / size, ok, t.firstMismatch());
    }

    private TestResult.Step down(TestRun run, StreamConnection c, int size) {
        long want = plan.duration() == null ? plan.messages() * size : 0;
        handshake(run, c, TestProtocol.Request.download(size, want));
        long t0 = startStep(size);
        long[] check = receive(run, c, t0, want > 0 ? Long.MAX_VALUE : t0 + plan.duration().toNanos());
        long got = check[0];
        long t1 = check[2];
        if (want > 0 && got != want && !run.stopped()) {
            throw new OperationFailedException(Problem.of("tester.error.downloadShort", run.target().describe(), got, want));
        }
        return finish(run, size, got, t1 - t0, got / size, check[1] < 0 && (want == 0 || got == want), check[1]);
    }

    private TestResult.Step both(TestRun run, StreamConnection c, int size) {
        long t0 = startStep(size);
        long[] sent = {0};
        AtomicReference<HvxException> writeFailure = new AtomicReference<>();
        Thread writer = run.fork("hvx-test-send", () -> {
            try {
                sent[0] = send(run, c, size, t0, false);
                c.shutdownOutput();
            } catch (HvxException e) {
                HvxException why = run.cause(e);
                if (why != null) {
                    writeFailure.set(why);
                    // the reader must not wait for an echo of what was never sent
                    run.stop(why);
                }
            }
        });
        long[] check;
        try {
            check = receive(run, c, t0, Long.MAX_VALUE);
        } finally {
            join(writer);
        }
        if (writeFailure.get() != null) {
            throw writeFailure.get();
        }
        long got = check[0];
        boolean ok = check[1] < 0 && got == sent[0];
        return finish(run, size, got, check[2] - t0, got / size, ok, check[1]);
    }

    /** Starts the clock of a step once the connection (and header) are done. */
    private long startStep(int size) {
        moved.set(0);
        long t0 = System.nanoTime();
        stepStartNs = t0;
        currentSize.set(size);
        return t0;
    }

    /**
     * Sends the stream in messages of {@code size} bytes until the duration has passed or the
     * message count is reached; counts the bytes as moved when {@code counts}.
     *
     * @return bytes sent
     */
    private long send(TestRun run, StreamConnection c, int size, long t0, boolean counts) {
        ByteBuffer window = StreamPattern.window(size, 0);
        long limit = plan.duration() == null ? plan.messages() : Long.MAX_VALUE;
        long stopAt = plan.duration() == null ? Long.MAX_VALUE : t0 + plan.duration().toNanos();
        // reading the clock costs about as much as a small send's bookkeeping: look every few messages
        int every = size >= 4096 ? 1 : 16;
        long offset = 0;
        for (long m = 0; m < limit; m++) {
            c.writeFully(StreamPattern.at(window, offset, size));
            offset += size;
            if (counts) {
                moved.lazySet(offset);
            }
            if ((m + 1) % every == 0 && (System.nanoTime() >= stopAt || run.stopped())) {
                break;
            }
        }
        return offset;
    }

    /**
     * Reads until EOF (or {@code stopAt}), comparing every byte with the stream.
     *
     * @return {bytes received, stream offset of the first byte that differed or -1, time of the last byte}
     */
    private long[] receive(TestRun run, StreamConnection c, long t0, long stopAt) {
        ByteBuffer in = ByteBuffer.allocateDirect(READ_SIZE);
        ByteBuffer window = StreamPattern.window(READ_SIZE, 0);
        long offset = 0;
        long firstBad = -1;
        long last = t0;
        while (true) {
            in.clear();
            int n = c.read(in);
            if (n < 0) {
                break;
            }
            last = System.nanoTime();
            in.flip();
            int bad = in.mismatch(StreamPattern.at(window, offset, n));
            if (bad >= 0 && firstBad < 0) {
                firstBad = offset + bad;
            }
            offset += n;
            moved.lazySet(offset);
            if (last >= stopAt || run.stopped()) {
                break;
            }
        }
        return new long[] {offset, firstBad, last};
    }

    private TestResult.Step finish(TestRun run, int size, long bytes, long ns, long messages, boolean ok, long firstBad) {
        List<TestResult.Point> series;
        synchronized (points) {
            series = points.stream().filter(p -> p.size() == size).toList();
        }
        return new TestResult.Step(size, bytes, ns / 1e9, messages, ok && !run.stopped(), firstBad, series);
    }

    @Override
    TestResult result(TestRun run, HvxException error) {
        List<TestResult.Step> s;
        synchronized (steps) {
            s = List.copyOf(steps);
        }
        return new TestResult.Throughput(info(run, error), plan, s);
    }

    @Override
    long activity() {
        return moved.get() + stepsDone;
    }

    @Override
    Progress progress(TestRun run, Duration elapsed) {
        long now = System.nanoTime();
        Integer size = currentSize.get();
        long bytes = moved.get();
        List<TestResult.Point> fresh;
        synchronized (points) {
            if (size != null) {
                if (size != lastPointSize) {
                    lastPointSize = size;
                    lastPointNs = stepStartNs;
                    lastPointBytes = 0;
                }
                if (now - lastPointNs >= POINT_NS && bytes >= lastPointBytes) {
                    double secs = (now - lastPointNs) / 1e9;
                    double rate = (bytes - lastPointBytes) / secs;
                    TestResult.Point p = new TestResult.Point((now - stepOriginNs) / 1e9, size, rate / 1e6, rate / size);
                    points.add(p);
                    unreported.add(p);
                    lastPointNs = now;
                    lastPointBytes = bytes;
                }
            }
            fresh = List.copyOf(unreported);
            unreported.clear();
        }
        double fraction = fraction(now, bytes, size);
        return new Progress(TestPlan.Kind.THROUGHPUT, fraction, elapsed, bytes, 0, LatencyStats.EMPTY,
                Histogram.EMPTY, fresh);
    }

    private double fraction(long now, long bytes, Integer size) {
        int doneSteps = stepsDone;
        double within = 0;
        if (size != null) {
            within = plan.duration() != null
                    ? Math.min(1, (now - stepStartNs) / (double) plan.duration().toNanos())
                    : Math.min(1, bytes / ((double) plan.messages() * size));
        }
        return Math.min(1, (doneSteps + within) / plan.sizes().size());
    }
}
