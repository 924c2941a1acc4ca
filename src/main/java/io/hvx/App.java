package io.hvx;

import io.hvx.core.BackendFactory;
import io.hvx.core.Mode;
import java.nio.file.Path;

/** The desktop app (composition root of the GUI). */
public final class App {

    private App() {
    }

    /** Starts the GUI and returns when its window closes. */
    public static void launchAndWait(BackendFactory factory, Mode mode, Path sandboxDir) {
        throw new IllegalStateException("GUI not wired yet");
    }
}
