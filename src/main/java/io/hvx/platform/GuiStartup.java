package io.hvx.platform;

import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The mode and sandbox directory the desktop app starts with. Each comes from the command line
 * ({@code --mode}, {@code --sandbox-dir}), else the environment ({@code HVX_SANDBOX_DIR}), else
 * the settings ({@link Settings.Key#MODE}, {@link Settings.Key#SANDBOX_DIR}), else detection
 * and the default directory.
 *
 * <p>The settings file itself lives where the command line alone puts the data directory
 * ({@link #settingsDir}): a sandbox chosen in the settings keeps its own journal and log, like
 * one chosen with {@code HVX_SANDBOX_DIR}, but the settings that chose it stay where the next
 * start reads them.
 */
public final class GuiStartup {

    /** The environment variable that overrides the sandbox directory setting. */
    private static final String SANDBOX_ENV = AppDirs.SANDBOX_ENV;

    private GuiStartup() {
    }

    /**
     * What the app starts with.
     *
     * @param mode       the mode to start, or null to detect it
     * @param sandboxDir the sandbox directory, or null for the environment's or the default
     * @param choices    how they were chosen, for the settings dialog
     */
    public record Start(Mode mode, Path sandboxDir, StartupChoices choices) {
    }

    /** Where the settings file is: the data directory of the command line's options alone. */
    public static Path settingsDir(Mode cliMode, Path cliSandbox) {
        return AppDirs.dataDir(cliMode != null ? cliMode : ModeDetection.detect(), cliSandbox);
    }

    /** Resolves the start for this process's environment and machine. */
    public static Start resolve(Mode cliMode, Path cliSandbox, Settings settings) {
        return resolve(cliMode, cliSandbox, settings, System.getenv(), System.getProperty("os.name", ""),
                Files.isDirectory(Path.of("/sys/bus/vmbus")), System.getProperty("user.home"), Locale.getDefault());
    }

    static Start resolve(Mode cliMode, Path cliSandbox, Settings settings, Map<String, String> env, String osName,
                         boolean vmbus, String home, Locale osLocale) {
        Mode detected = ModeDetection.detect(osName, vmbus);
        List<Mode> modes = modes(detected, osName);
        Mode mode = cliMode;
        String modeOverride = cliMode != null ? "--mode" : null;
        if (mode == null) {
            // a mode this machine cannot run (settings copied from another OS) is ignored
            mode = settings.get(Settings.Key.MODE).flatMap(Mode::byId).filter(modes::contains).orElse(null);
        }
        String envSandbox = env.get(SANDBOX_ENV);
        Path sandbox = cliSandbox;
        String sandboxOverride = null;
        if (cliSandbox != null) {
            sandboxOverride = "--sandbox-dir";
        } else if (envSandbox != null && !envSandbox.isBlank()) {
            sandboxOverride = SANDBOX_ENV;
        } else {
            sandbox = settings.get(Settings.Key.SANDBOX_DIR).map(GuiStartup::absolute).orElse(null);
        }
        Path defaultSandbox = AppDirs.dataDir(env, osName, home).resolve("sandbox");
        return new Start(mode, sandbox, new StartupChoices(detected, modes, modeOverride, defaultSandbox, sandboxOverride,
                osLocale));
    }

    /** The modes an OS can run, the detected one first. */
    private static List<Mode> modes(Mode detected, String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        List<Mode> modes = new ArrayList<>(List.of(detected));
        if (os.startsWith("windows")) {
            modes.add(Mode.WINDOWS);
        } else if (os.startsWith("linux")) {
            modes.add(Mode.LINUX_GUEST);
        }
        modes.add(Mode.SANDBOX);
        return modes.stream().distinct().toList();
    }

    private static Path absolute(String text) {
        try {
            Path p = Path.of(text.strip());
            return p.isAbsolute() ? p.normalize() : null;
        } catch (InvalidPathException e) {
            // a hand-edited value that is no path: the default applies, as for any bad setting
            return null;
        }
    }
}
