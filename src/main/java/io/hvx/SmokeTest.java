package io.hvx;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.stage.Window;

/**
 * {@code hvsocket-explorer --smoke-test}: proves that an installed app opens its window, and
 * measures it. When the first window has drawn its first frame it prints
 * {@code smoke-test first-frame after-main-ms=N} (N counted from {@link #arm}, called at the start of
 * {@code main}: the JVM's own start is not in it, measure the whole from outside), lets the
 * start-up work settle, prints {@code smoke-test heap-used-mb=U heap-committed-mb=C} after a
 * full GC, and closes the window (the app's own closing work runs) and the toolkit, which ends the
 * app with exit code 0. When that has not happened within {@link #LIMIT} it prints
 * {@code smoke-test failed: …} and exits 1. The lines are for scripts (installer checks,
 * {@code bench/run}), so they are not translated.
 */
final class SmokeTest {

    static final Duration SETTLE = Duration.ofSeconds(2);
    static final Duration LIMIT = Duration.ofMinutes(2);

    private SmokeTest() {
    }

    /** Watches for the first window; call before the GUI starts. */
    static void arm(PrintStream out) {
        long armed = System.nanoTime();
        CountDownLatch drawn = new CountDownLatch(1);
        CountDownLatch closed = new CountDownLatch(1);
        AtomicBoolean watching = new AtomicBoolean();
        // the toolkit is not running yet: Window.getWindows() is the one hook that needs no stage
        Window.getWindows().addListener((ListChangeListener<Window>) change -> {
            while (change.next()) {
                for (Window w : change.getAddedSubList()) {
                    if (w.getScene() != null && watching.compareAndSet(false, true)) {
                        afterFirstFrame(w.getScene(), () -> {
                            out.println("smoke-test first-frame after-main-ms=" + (System.nanoTime() - armed) / 1_000_000);
                            out.flush();
                            drawn.countDown();
                            settleThenClose(out, closed);
                        });
                    }
                }
            }
        });
        Thread.ofPlatform().daemon().name("smoke-test-limit").start(() -> {
            try {
                if (!closed.await(LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    out.println("smoke-test failed: " + (drawn.getCount() > 0 ? "no frame" : "the app did not close")
                            + " within " + LIMIT.toSeconds() + " s");
                    out.flush();
                    Runtime.getRuntime().halt(1);
                }
            } catch (InterruptedException e) {
                // only the JVM's exit interrupts this daemon thread: nothing is left to check
                Thread.currentThread().interrupt();
            }
        });
    }

    /**
     * Runs {@code then} once the scene's first frame has been drawn: a pulse lays the shown scene
     * out and hands it to the renderer, and the next pulse starts only when that frame is done.
     */
    private static void afterFirstFrame(Scene scene, Runnable then) {
        int[] pulses = {0};
        Runnable[] listener = new Runnable[1];
        listener[0] = () -> {
            if (scene.getWindow() == null || !scene.getWindow().isShowing()) {
                Platform.requestNextPulse();
            } else if (++pulses[0] < 2) {
                Platform.requestNextPulse();
            } else {
                scene.removePostLayoutPulseListener(listener[0]);
                then.run();
            }
        };
        scene.addPostLayoutPulseListener(listener[0]);
        Platform.requestNextPulse();
    }

    private static void settleThenClose(PrintStream out, CountDownLatch closed) {
        PauseTransition settle = new PauseTransition(javafx.util.Duration.millis(SETTLE.toMillis()));
        settle.setOnFinished(e -> {
            Runtime rt = Runtime.getRuntime();
            System.gc();
            double used = (rt.totalMemory() - rt.freeMemory()) / 1048576.0;
            double committed = rt.totalMemory() / 1048576.0;
            out.printf(java.util.Locale.ROOT, "smoke-test heap-used-mb=%.1f heap-committed-mb=%.1f%n", used, committed);
            out.flush();
            List.copyOf(Window.getWindows()).forEach(Window::hide);
            // a window the app opens meanwhile (a tooltip, a dialog) must not keep it running
            Platform.exit();
            closed.countDown();
        });
        settle.play();
    }
}
