package io.hvx.ui.services;

import io.hvx.ui.common.UiTasks;
import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How the services view model runs blocking work: {@link UiTasks} in the app (background thread,
 * results on the FX thread), the calling thread in tests of the view model.
 */
@FunctionalInterface
public interface BackgroundTasks {

    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** The app's way: {@link UiTasks#run}. */
    static BackgroundTasks fx() {
        return new BackgroundTasks() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
                UiTasks.run(work, onSuccess, onFailure);
            }
        };
    }

    /** Runs the work at once on the calling thread (tests). */
    static BackgroundTasks direct() {
        return new BackgroundTasks() {
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
        };
    }
}
