package io.hvx.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * The one way UI code runs blocking work: the call runs on a virtual thread and its result or
 * failure is delivered on the FX thread. Never block the FX thread; never start raw threads in
 * UI code.
 */
public final class UiTasks {

    private static final ExecutorService EXECUTOR =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hvx-ui-task-", 0).factory());

    private UiTasks() {
    }

    /**
     * Runs {@code work} in the background.
     *
     * @return a future that can cancel (interrupt) the work; callbacks are skipped once cancelled
     */
    public static <T> Future<?> run(Callable<T> work, Consumer<? super T> onSuccess,
                                    Consumer<? super Throwable> onFailure) {
        return EXECUTOR.submit(() -> {
            try {
                T result = work.call();
                if (!Thread.currentThread().isInterrupted()) {
                    Platform.runLater(() -> onSuccess.accept(result));
                }
            } catch (Throwable t) {
                if (!Thread.currentThread().isInterrupted()) {
                    Platform.runLater(() -> onFailure.accept(t));
                }
            }
            return null;
        });
    }
}
