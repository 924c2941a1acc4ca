package io.hvx.platform;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Per-user locations: the data directory (settings, undo journal) and the default sandbox
 * directory. {@code HVX_DATA_DIR} and {@code HVX_SANDBOX_DIR} override them.
 *
 * <p>On Linux the sandbox lives under {@code $XDG_RUNTIME_DIR} or {@code ~/.local/share}, with a
 * short name, because Unix socket paths are limited to 108 bytes.
 */
public final class AppDirs {

    public static final String SANDBOX_ENV = "HVX_SANDBOX_DIR";
    public static final String DATA_ENV = "HVX_DATA_DIR";

    private AppDirs() {
    }

    public static Path dataDir() {
        return dataDir(System.getenv(), System.getProperty("os.name", ""), System.getProperty("user.home"));
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
