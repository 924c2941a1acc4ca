package io.hvx.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;

/**
 * How view models run blocking work and reach the UI thread. In the app: {@link UiTasks}
 * (background thread, outcome on the FX thread); in view-model tests: a runner that works on
 * the calling thread or holds work until the test releases it.
 */
public interface TaskRunner {

    /** Runs {@code work} off the UI thread and delivers its outcome on the UI thread. */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (for notifications that arrive on other threads). */
    void later(Runnable action);

    /** The app's runner: {@link UiTasks#run} and {@link Platform#runLater}. */
    static TaskRunner fx() {
        return new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
                UiTasks.run(work, onSuccess, onFailure);
            }

            @Override
            public void later(Runnable action) {
                Platform.runLater(action);
            }
        };
    }

    /** Runs everything at once on the calling thread (view-model tests). */
    static TaskRunner direct() {
        return new TaskRunner() {
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
                action.run();
            }
        };
    }
}
