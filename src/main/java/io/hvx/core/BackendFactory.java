package io.hvx.core;

import java.nio.file.Path;

/** Builds the {@link Backend} for the options a user gave (CLI flags or GUI start-up). */
@FunctionalInterface
public interface BackendFactory {

    /**
     * @param mode       the mode the user asked for, or {@code null} to detect it
     * @param sandboxDir the sandbox directory the user asked for, or {@code null} for
     *                   {@code HVX_SANDBOX_DIR}, then the per-user default
     */
    Backend create(Mode mode, Path sandboxDir);
}
