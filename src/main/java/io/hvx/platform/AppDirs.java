package io.hvx.platform;

import io.hvx.core.Mode;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-user locations: the data directory (settings, undo journal, logs) and the default sandbox
 * directory. {@code HVX_DATA_DIR} and {@code HVX_SANDBOX_DIR} override them.
 *
 * <p>A sandbox chosen with {@code --sandbox-dir} or {@code HVX_SANDBOX_DIR} is self-contained: in
 * sandbox mode its runs keep their data in the sandbox directory too (unless
 * {@code HVX_DATA_DIR} says otherwise), so two sandboxes side by side share no undo journal,
 * settings or log, and deleting a sandbox directory leaves nothing of it behind.
 *
 * <p>On Linux the sandbox lives under {@code $XDG_RUNTIME_DIR} or {@code ~/.local/share}, with a
 * short name, because Unix socket paths are limited to 108 bytes.
 */
public final class AppDirs {

    public static final String SANDBOX_ENV = "HVX_SANDBOX_DIR";
    public static final String DATA_ENV = "HVX_DATA_DIR";

    private AppDirs() {
    }

    /** The per-user data directory: {@code HVX_DATA_DIR}, else the platform's place. */
    public static Path dataDir() {
        return dataDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    /**
     * The data directory of a run: {@code HVX_DATA_DIR}; else, in sandbox mode with a sandbox
     * directory that was chosen ({@code sandboxOption} or {@code HVX_SANDBOX_DIR}), that
     * directory; else the per-user data directory.
     */
    public static Path dataDir(Mode mode, Path sandboxOption) {
        return dataDir(mode, sandboxOption, System.getenv(), System.getProperty("os.name", ""),
                System.getProperty("user.home"));
    }

    static Path dataDir(Mode mode, Path sandboxOption, Map<String, String> env, String osName, String home) {
        String explicit = env.get(DATA_ENV);
        String sandboxEnv = env.get(SANDBOX_ENV);
        boolean sandboxChosen = sandboxOption != null || (sandboxEnv != null && !sandboxEnv.isBlank());
        if ((explicit == null || explicit.isBlank()) && mode == Mode.SANDBOX && sandboxChosen) {
            return sandboxDir(sandboxOption, env, osName, home);
        }
        return dataDir(env, osName, home);
    }

    static Path dataDir(Map<String, String> env, String osName, String home) {
        String explicit = env.get(DATA_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath();
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String appData = env.get("LOCALAPPDATA");
            return Path.of(appData != null ? appData : home, "HvSocketExplorer");
        }
        if (os.startsWith("mac")) {
            return Path.of(home, "Library", "Application Support", "HvSocketExplorer");
        }
        String xdg = env.get("XDG_DATA_HOME");
        return Path.of(xdg != null && !xdg.isBlank() ? xdg : home + "/.local/share", "hvx");
    }

    /** The sandbox directory: the option, else {@code HVX_SANDBOX_DIR}, else the default. */
    public static Path sandboxDir(Path option) {
        return sandboxDir(option, System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
    }

    static Path sandboxDir(Path option, Map<String, String> env, String osName, String home) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String explicit = env.get(SANDBOX_ENV);
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        return dataDir(env, osName, home).resolve("sandbox");
    }
}
