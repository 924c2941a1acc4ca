package io.hvx.core;

import java.nio.file.Path;

/**
 * Where and how the app runs: the chosen mode, whether the process is elevated, versions, and
 * the directories it keeps state in.
 *
 * @param mode       the backend in use
 * @param elevated   whether the process runs as an elevated administrator (always false off Windows)
 * @param version    the product version
 * @param os         operating system name and version
 * @param java       Java runtime version
 * @param sandboxDir the sandbox directory (used in sandbox mode; known in every mode)
 * @param dataDir    data directory (settings, undo journal, logs): the per-user one, or a chosen
 *                   sandbox directory in sandbox mode (see {@code AppDirs})
 */
public record Environment(Mode mode, boolean elevated, String version, String os, String java,
                          Path sandboxDir, Path dataDir) {
}
