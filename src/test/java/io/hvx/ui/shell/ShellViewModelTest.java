package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.common.Theme;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The main window's state without the toolkit: sections, theme, the Settings dialog's outcome, status texts and Open log. */
class ShellViewModelTest {

    private static final Path HOME = Path.of(System.getProperty("user.home"));
    private final Settings settings = Settings.inMemory();
    private final TestDialogs dialogs = new TestDialogs();
    private final List<Path> opened = new ArrayList<>();
    private final Environment sandbox = new Environment(Mode.SANDBOX, false, "1.2.3", "Linux", "25",
            HOME.resolve(".local/share/hvx/sandbox"), HOME.resolve(".local/share/hvx"));

    private ShellViewModel shell(Path logFile) {
        return new ShellViewModel(sandbox, List.of("guid", "services"), settings, StartupChoices.of(sandbox), NO_POWERSHELL,
                p -> {
                    opened.add(p);
                    return p;
                }, logFile, TestTasks.immediate(), dialogs);
    }

    private static final SettingsForm.PowerShellTest NO_POWERSHELL = configured -> {
        throw new AssertionError("no PowerShell test in this test");
    };

    @AfterEach
    void english() {
        Messages.setLocale(Locale.ENGLISH);
    }

    @Test
    void theLastSectionIsShownAgainAndUnknownIdsAreIgnored() {
        settings.put(Settings.Key.SECTION, "services");
        ShellViewModel vm = shell(null);
        assertThat(vm.sectionProperty().get()).isEqualTo("services");
        vm.show("nope");
        assertThat(vm.sectionProperty().get()).isEqualTo("services");
        vm.show("guid");
        assertThat(settings.get(Settings.Key.SECTION)).contains("guid");

        settings.put(Settings.Key.SECTION, "removed-feature");
        assertThat(shell(null).sectionProperty().get()).isEqualTo("guid");
    }

    @Test
    void theThemeFollowsTheSystemUntilOneIsChosen() {
        ShellViewModel vm = shell(null);
        assertThat(vm.themeChoiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
        vm.systemThemeProperty().set(Theme.DARK);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        vm.systemThemeProperty().set(Theme.LIGHT);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.LIGHT);

        settings.put(Settings.Key.THEME, "dark");
        ShellViewModel again = shell(null);
        again.systemThemeProperty().set(Theme.LIGHT);
        assertThat(again.themeProperty().get()).as("a chosen theme wins over the system's").isEqualTo(Theme.DARK);
    }

    @Test
    void savingTheSettingsSwitchesTheThemeAtOnceAndRemembersIt() {
        ShellViewModel vm = shell(null);
        dialogs.onForm(SettingsForm.class, f -> {
            f.themeProperty().set(ThemeChoice.DARK);
            return true;
        });
        vm.openSettings();
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        assertThat(settings.get(Settings.Key.THEME)).contains("dark");
        assertThat(vm.restartNoticeProperty().get()).as("a theme needs no restart").isNull();
    }

    @Test
    void cancellingTheSettingsChangesNothing() {
        ShellViewModel vm = shell(null);
        dialogs.onForm(SettingsForm.class, f -> {
            f.themeProperty().set(ThemeChoice.DARK);
            f.timeoutProperty().set("9000");
            return false;
        });
        vm.openSettings();
        assertThat(settings.get(Settings.Key.THEME)).isEmpty();
        assertThat(settings.get(Settings.Key.CONNECT_TIMEOUT)).isEmpty();
        assertThat(vm.themeChoiceProperty().get()).isEqualTo(ThemeChoice.SYSTEM);
    }

    @Test
    void aNewLanguageIsSavedAndTheNoticeSaysItAppliesAtTheNextStartInThatLanguage() {
        Messages.setLocale(Locale.ENGLISH);
        ShellViewModel vm = shell(null);
        dialogs.onForm(SettingsForm.class, f -> {
            f.languageProperty().set(Language.SIMPLIFIED_CHINESE);
            return true;
        });
        vm.openSettings();
        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("zh-CN");
        assertThat(vm.restartNoticeProperty().get()).isEqualTo("部分设置将在下次启动 HvSocket Explorer 时生效。");

        dialogs.onForm(SettingsForm.class, f -> {
            f.languageProperty().set(Language.ENGLISH);
            return true;
        });
        vm.openSettings();
        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("en");
        assertThat(vm.restartNoticeProperty().get()).as("back to the language running").isNull();
    }

    @Test
    void theStatusBarShowsTheSandboxUnderHomeAsTilde() {
        ShellViewModel vm = shell(null);
        assertThat(vm.modeName()).isEqualTo("Sandbox");
        assertThat(vm.sandboxDirText()).isEqualTo("Sandbox: ~/.local/share/hvx/sandbox".replace('/', java.io.File.separatorChar));
        assertThat(vm.versionText()).isEqualTo("Version 1.2.3");
        assertThat(vm.elevationText()).isEqualTo("Not elevated");
        assertThat(DisplayPaths.of(Path.of("/elsewhere/x"))).isEqualTo(Path.of("/elsewhere/x").toString());
    }

    @Test
    void openLogOpensTheLogFileThroughTheDesktop() {
        Path log = HOME.resolve(".local/share/hvx/logs/hvx-0.log");
        ShellViewModel vm = shell(log);
        assertThat(vm.canOpenLog()).isTrue();
        assertThat(vm.aboutFacts()).contains(new ShellViewModel.Fact("Log file", log.toString()));
        vm.openLog();
        assertThat(opened).containsExactly(log);
        assertThat(dialogs.asked()).isEmpty();
    }

    @Test
    void aLogThatCannotBeOpenedSaysWhyInADialog() {
        Path log = HOME.resolve("logs/hvx-0.log");
        ShellViewModel vm = new ShellViewModel(sandbox, List.of("guid"), settings, StartupChoices.of(sandbox), NO_POWERSHELL,
                p -> {
                    throw new OperationFailedException(Problem.of("error.open.noProgram", p, "xdg-open"), "No such file");
                }, log, TestTasks.immediate(), dialogs);
        vm.openLog();
        assertThat(dialogs.errors()).hasSize(1);
        assertThat(dialogs.errors().getFirst().sentence()).isEqualTo("Could not open " + log
                + ": no program to open it was found (xdg-open is missing). Open it from your file manager.");
        assertThat(dialogs.errors().getFirst().detail()).isEqualTo("No such file");
    }

    @Test
    void withoutALogFileOpenLogIsNotOffered() {
        ShellViewModel vm = shell(null);
        assertThat(vm.canOpenLog()).isFalse();
        assertThat(vm.aboutFacts()).extracting(ShellViewModel.Fact::name).doesNotContain("Log file");
        vm.openLog();
        assertThat(opened).isEmpty();
    }
}
