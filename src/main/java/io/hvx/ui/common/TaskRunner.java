package io.hvx.ui.common;

import java.util.concurrent.Callable;
import java.util.function.Consumer;

/**
 * How view models run blocking work (a store, a registry, PowerShell, a socket) and reach the UI
 * thread. The composition root creates one {@link FxTaskRunner} and hands it to every section;
 * view-model tests use the test runner ({@code io.hvx.ui.common.TestTasks} in the test sources).
 *
 * <pre>{@code
 * busy.set(true);
 * tasks.run(registry::list, list -> {          // list() runs off the UI thread
 *     busy.set(false);                         // callbacks run on the UI thread
 *     all.setAll(list);
 * }, t -> {
 *     busy.set(false);
 *     error.set(ErrorText.of(t));              // shown by an ErrorBanner bound to `error`
 * });
 * }</pre>
 */
public interface TaskRunner {

    /**
     * Runs {@code work} off the UI thread and delivers its result or failure on the UI thread.
     * Every failure reaches {@code onFailure}; the runner also logs it.
     */
    <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure);

    /** Runs {@code action} on the UI thread (for notifications that arrive on other threads). */
    void later(Runnable action);
}
