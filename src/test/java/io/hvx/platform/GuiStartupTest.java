package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Mode;
import io.hvx.core.Settings;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the desktop app's mode and sandbox directory come from: command line, environment, settings, detection. */
class GuiStartupTest {

    private final Settings settings = Settings.inMemory();

    private GuiStartup.Start linux(Mode cliMode, Path cliSandbox, Map<String, String> env) {
        return GuiStartup.resolve(cliMode, cliSandbox, settings, env, "Linux", false, "/home/u", Locale.GERMANY);
    }

    @Test
    void withNothingChosenTheModeIsDetectedAndTheSandboxIsTheDefault() {
        GuiStartup.Start s = linux(null, null, Map.of());
        assertThat(s.mode()).isNull();
        assertThat(s.sandboxDir()).isNull();
        assertThat(s.choices().detectedMode()).isEqualTo(Mode.SANDBOX);
        assertThat(s.choices().modes()).containsExactly(Mode.SANDBOX, Mode.LINUX_GUEST);
        assertThat(s.choices().defaultSandbox()).isEqualTo(Path.of("/home/u/.local/share/hvx/sandbox"));
        assertThat(s.choices().modeOverride()).isNull();
        assertThat(s.choices().sandboxOverride()).isNull();
        assertThat(s.choices().osLocale()).isEqualTo(Locale.GERMANY);
    }

    @Test
    void theSettingsChooseWhenTheCommandLineAndEnvironmentDoNot() {
        settings.put(Settings.Key.MODE, "linux-guest");
        settings.put(Settings.Key.SANDBOX_DIR, "/srv/sb/../sandbox");
        GuiStartup.Start s = linux(null, null, Map.of());
        assertThat(s.mode()).isEqualTo(Mode.LINUX_GUEST);
        assertThat(s.sandboxDir()).isEqualTo(Path.of("/srv/sandbox"));
    }

    @Test
    void theCommandLineAndTheEnvironmentWinAndSaySo() {
        settings.put(Settings.Key.MODE, "linux-guest");
        settings.put(Settings.Key.SANDBOX_DIR, "/srv/sandbox");
        GuiStartup.Start cli = linux(Mode.SANDBOX, Path.of("/tmp/cli"), Map.of("HVX_SANDBOX_DIR", "/tmp/env"));
        assertThat(cli.mode()).isEqualTo(Mode.SANDBOX);
        assertThat(cli.sandboxDir()).isEqualTo(Path.of("/tmp/cli"));
        assertThat(cli.choices().modeOverride()).isEqualTo("--mode");
        assertThat(cli.choices().sandboxOverride()).isEqualTo("--sandbox-dir");

        GuiStartup.Start env = linux(null, null, Map.of("HVX_SANDBOX_DIR", "/tmp/env"));
        assertThat(env.mode()).isEqualTo(Mode.LINUX_GUEST);
        assertThat(env.sandboxDir()).as("null: the factory takes HVX_SANDBOX_DIR itself").isNull();
        assertThat(env.choices().sandboxOverride()).isEqualTo("HVX_SANDBOX_DIR");
    }

    @Test
    void aStoredModeThisMachineCannotRunOrARelativeDirectoryIsIgnored() {
        settings.put(Settings.Key.MODE, "windows");
        settings.put(Settings.Key.SANDBOX_DIR, "relative/sb");
        GuiStartup.Start s = linux(null, null, Map.of());
        assertThat(s.mode()).isNull();
        assertThat(s.sandboxDir()).isNull();
    }

    @Test
    void windowsOffersItsHostModeFirstAndTheSandbox() {
        GuiStartup.Start s = GuiStartup.resolve(null, null, settings, Map.of("LOCALAPPDATA", "C:/Users/u/AppData/Local"),
                "Windows 11", false, "C:/Users/u", Locale.SIMPLIFIED_CHINESE);
        assertThat(s.choices().detectedMode()).isEqualTo(Mode.WINDOWS);
        assertThat(s.choices().modes()).containsExactly(Mode.WINDOWS, Mode.SANDBOX);
        assertThat(s.choices().defaultSandbox()).isEqualTo(Path.of("C:/Users/u/AppData/Local", "HvSocketExplorer", "sandbox"));
    }
}
