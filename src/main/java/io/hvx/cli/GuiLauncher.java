package io.hvx.cli;

import io.hvx.core.Mode;
import java.nio.file.Path;

/** Starts the desktop app (provided by the composition root, so the CLI needs no JavaFX). */
@FunctionalInterface
public interface GuiLauncher {

    /** Starts the GUI and returns when its window closes. */
    void launch(Mode mode, Path sandboxDir);
}
