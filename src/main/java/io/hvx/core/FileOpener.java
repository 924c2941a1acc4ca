package io.hvx.core;

import java.nio.file.Path;

/**
 * Opens a file or folder the way the desktop does: a file with its default application, a
 * folder in the file manager (e.g. About → Open log). Implemented in {@code platform}, wired by
 * the composition root.
 */
public interface FileOpener {

    /**
     * Asks the desktop to open {@code path}, or, when it does not exist (yet), the nearest
     * folder above it that does; returns once the request was handed over (the application it
     * starts keeps running on its own). May block for a few seconds.
     *
     * @return what was opened
     * @throws OperationFailedException when no program could be started for it
     */
    Path open(Path path);
}
