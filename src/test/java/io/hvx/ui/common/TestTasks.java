package io.hvx.ui.common;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The one task runner of view-model tests. The test's thread plays the UI thread: what other
 * threads hand to the UI ({@link #later}) waits in a queue until the test runs it, so a view
 * model is only ever touched by one thread, as in the app.
 *
 * <ul>
 *   <li>{@link #immediate()}: blocking work runs at once on the calling thread and its outcome
 *       is delivered at once — the simplest runner for "call, then assert".</li>
 *   <li>{@link #held()}: work waits in the queue too, like a background thread that has not
 *       finished yet, so a test can look at the busy state before {@link #runAll()}.</li>
 * </ul>
 *
 * <pre>{@code
 * TestTasks tasks = TestTasks.held();
 * model.start();
 * assertThat(model.loadingProperty().get()).isTrue();
 * tasks.runAll();
 * }</pre>
 */
public final class TestTasks implements TaskRunner {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final boolean holdWork;
    private final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    private TestTasks(boolean holdWork) {
        this.holdWork = holdWork;
    }

    /** Work and its outcome at once; {@link #later} queued. */
    public static TestTasks immediate() {
        return new TestTasks(false);
    }

    /** Work, its outcome and {@link #later} all queued until the test runs them. */
    public static TestTasks held() {
        return new TestTasks(true);
    }

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        Runnable task = () -> {
            T result;
            try {
                result = work.call();
            } catch (Throwable t) {
                onFailure.accept(t);
                return;
            }
            onSuccess.accept(result);
        };
        if (holdWork) {
            queue.add(task);
        } else {
            task.run();
        }
    }

    @Override
    public void later(Runnable action) {
        queue.add(action);
    }

    /** Runs everything queued, and what that queues, until the queue is empty. */
    public void runAll() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }

    /** Whether nothing waits in the queue. */
    public boolean idle() {
        return queue.isEmpty();
    }

    /**
     * Runs queued work, waiting for what other threads (a watcher, a connection) hand over,
     * until {@code condition} holds; fails after 10 s.
     */
    public void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("condition not reached within " + PATIENCE.toSeconds() + " s");
            }
            Runnable r = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
    }
}
