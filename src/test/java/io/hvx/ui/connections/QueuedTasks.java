package io.hvx.ui.connections;

import io.hvx.ui.common.TaskRunner;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A runner for view-model tests: blocking work runs at once on the calling thread; what other
 * threads hand to the UI thread waits in a queue until the test runs it with {@link #until}, so
 * the view model is only ever touched by the test's thread, as in the app by the FX thread.
 */
final class QueuedTasks implements TaskRunner {

    final LinkedBlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        T result;
        try {
            result = work.call();
        } catch (Throwable t) {
            onFailure.accept(t);
            return;
        }
        onSuccess.accept(result);
    }

    @Override
    public void later(Runnable action) {
        queue.add(action);
    }

    /** Runs queued UI work until {@code condition} holds; fails after 10 s. */
    void until(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("condition not reached within 10 s");
            }
            Runnable r = queue.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(50)), TimeUnit.NANOSECONDS);
            if (r != null) {
                r.run();
            }
        }
    }

    /** Runs whatever is queued now. */
    void drain() {
        Runnable r;
        while ((r = queue.poll()) != null) {
            r.run();
        }
    }
}
