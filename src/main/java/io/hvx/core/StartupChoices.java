package io.hvx.core;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * How the running desktop app chose its mode and sandbox directory, for the settings that change
 * them at the next start: what the machine offers, and what overrode the settings this time.
 *
 * @param detectedMode    the mode detection picks on this machine (what "automatic" means)
 * @param modes           the modes this machine can run, detected one first
 * @param modeOverride    what chose this run's mode instead of the setting ({@code --mode}), or null
 * @param defaultSandbox  the sandbox directory used when none is chosen
 * @param sandboxOverride what chose this run's sandbox directory instead of the setting
 *                        ({@code --sandbox-dir} or {@code HVX_SANDBOX_DIR}), or null
 * @param osLocale        the operating system's locale (the language "follow the system" means),
 *                        taken before the app switched to the language chosen in the settings
 */
public record StartupChoices(Mode detectedMode, List<Mode> modes, String modeOverride, Path defaultSandbox,
                             String sandboxOverride, Locale osLocale) {

    public StartupChoices {
        Objects.requireNonNull(detectedMode, "detectedMode");
        modes = List.copyOf(modes);
        Objects.requireNonNull(defaultSandbox, "defaultSandbox");
        Objects.requireNonNull(osLocale, "osLocale");
    }

    /**
     * A run with nothing overridden, in {@code env}'s mode and its sandbox as the default, in
     * the current locale (tests, screenshots).
     */
    public static StartupChoices of(Environment env) {
        List<Mode> modes = env.mode() == Mode.SANDBOX ? List.of(Mode.SANDBOX) : List.of(env.mode(), Mode.SANDBOX);
        return new StartupChoices(env.mode(), modes, null, env.sandboxDir(), null, Messages.locale());
    }
}
