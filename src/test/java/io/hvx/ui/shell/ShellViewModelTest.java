package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.Settings;
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

/** The main window's state without the toolkit: sections, theme, language, status texts and Open log. */
class ShellViewModelTest {

    private static final Path HOME = Path.of(System.getProperty("user.home"));
    private final Settings settings = Settings.inMemory();
    private final TestDialogs dialogs = new TestDialogs();
    private final List<Path> opened = new ArrayList<>();
    private final Environment sandbox = new Environment(Mode.SANDBOX, false, "1.2.3", "Linux", "25",
            HOME.resolve(".local/share/hvx/sandbox"), HOME.resolve(".local/share/hvx"));

    private ShellViewModel shell(Path logFile) {
        return new ShellViewModel(sandbox, List.of("guid", "services"), settings, p -> {
            opened.add(p);
            return p;
        }, logFile, TestTasks.immediate(), dialogs);
    }

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
    void theThemeIsRestoredAndRemembered() {
        settings.put(Settings.Key.THEME, "dark");
        ShellViewModel vm = shell(null);
        assertThat(vm.themeProperty().get()).isEqualTo(Theme.DARK);
        vm.toggleTheme();
        assertThat(settings.get(Settings.Key.THEME)).contains("light");
    }

    @Test
    void aNewLanguageIsRememberedAndNeedsARestart() {
        ShellViewModel vm = shell(null);
        assertThat(vm.languageProperty().get()).isEqualTo(Language.ENGLISH);
        vm.chooseLanguage(Language.SIMPLIFIED_CHINESE);
        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("zh-CN");
        assertThat(vm.restartForLanguageProperty().get()).isTrue();
        assertThat(vm.languageNoticeProperty().get()).isEqualTo("新语言将在下次启动 HvSocket Explorer 时生效。");
        vm.chooseLanguage(Language.ENGLISH);
        assertThat(vm.restartForLanguageProperty().get()).isFalse();
        assertThat(vm.languageNoticeProperty().get()).isNull();
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
        ShellViewModel vm = new ShellViewModel(sandbox, List.of("guid"), settings, p -> {
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
