package io.hvx.ui.common;

import io.hvx.core.HvxException;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The app's {@link TaskRunner}: work runs on virtual threads, outcomes are delivered with
 * {@link Platform#runLater}. Created once by the composition root, which closes it when the
 * window closes; after that, work still running is interrupted and its outcome dropped.
 */
public final class FxTaskRunner implements TaskRunner, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(FxTaskRunner.class.getName());

    private final ExecutorService executor =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hvx-ui-task-", 0).factory());
    private volatile boolean closed;

    @Override
    public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
        try {
            executor.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Throwable t) {
                    log(t);
                    later(() -> onFailure.accept(t));
                    return;
                }
                later(() -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            // closed: the window is gone, so there is nobody left to show an outcome to
            LOG.log(System.Logger.Level.DEBUG, "Task submitted after close, not run", e);
        }
    }

    @Override
    public void later(Runnable action) {
        if (!closed) {
            Platform.runLater(() -> {
                if (!closed) {
                    action.run();
                }
            });
        }
    }

    /** What the user will read is logged briefly; a defect (not an HvxException) with its trace. */
    private static void log(Throwable t) {
        Throwable cause = ErrorText.unwrap(t);
        if (cause instanceof HvxException h) {
            LOG.log(System.Logger.Level.INFO, "Task failed: {0} ({1})", h.getMessage(), h.detail());
        } else {
            LOG.log(System.Logger.Level.ERROR, "Task failed unexpectedly", t);
        }
    }

    /** Stops delivering outcomes and interrupts work still running. */
    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
