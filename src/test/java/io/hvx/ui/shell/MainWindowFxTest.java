package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.Environment;
import io.hvx.core.Guid;
import io.hvx.core.Settings;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.Theme;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import javafx.application.Application;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.Clipboard;
import javafx.stage.Stage;
import org.controlsfx.control.decoration.Decorator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The main window over a sandbox backend, driven like a user would (headless, Monocle). */
@ExtendWith(ApplicationExtension.class)
class MainWindowFxTest {

    @TempDir
    Path tmp;

    private MainWindow window;
    private Settings settings;
    private Environment env;

    @Start
    void start(Stage stage) {
        settings = Settings.inMemory();
        TestBackend backend = TestBackend.sandbox(tmp);
        env = backend.environment();
        window = App.createMainWindow(stage, backend, settings);
        window.show();
    }

    private static String text(FxRobot robot, String id) {
        return robot.lookup(id).queryLabeled() instanceof Label l ? l.getText() : null;
    }

    private static String field(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(TextField.class).getText();
    }

    @Test
    void typingAVsockPortShowsItsGuidAndWindowsBytes(FxRobot robot) {
        robot.clickOn("#guid-input").write("vsock:5000");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(field(robot, "#guid-canonical")).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(field(robot, "#guid-windows-bytes")).isEqualTo("88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3");
        assertThat(field(robot, "#guid-rfc-bytes")).isEqualTo("00 00 13 88 fa cb 11 e6 bd 58 64 00 6a 79 86 d3");
        assertThat(field(robot, "#guid-port")).isEqualTo("5000 (0x1388)");
        assertThat(text(robot, "#guid-form-powershell")).isEqualTo("[Guid]'00001388-facb-11e6-bd58-64006a7986d3'");
    }

    @Test
    void invalidTextIsMarkedWithTheSentenceAndClearsTheFacts(FxRobot robot) {
        TextField input = robot.lookup("#guid-input").queryAs(TextField.class);
        robot.clickOn(input).write("xyz");
        WaitForAsyncUtils.waitForFxEvents();
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(text(robot, "#guid-message")).isEqualTo("'xyz' is not a GUID, a vsock:PORT or a known alias");
        assertThat(Decorator.getDecorations(input)).as("ControlsFX validation decoration").isNotEmpty();
        assertThat(input.getPseudoClassStates()).anyMatch(p -> p.getPseudoClassName().equals("danger"));
        assertThat(field(robot, "#guid-canonical")).isEmpty();

        robot.interact(() -> input.setText("parent"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Decorator.getDecorations(input)).as("mark removed once valid").isNullOrEmpty();
        assertThat(field(robot, "#guid-canonical")).isEqualTo("a42e7cda-d03f-480c-9cc2-a4de20abb878");
    }

    @Test
    void emptyInputShowsAHintNotAnError(FxRobot robot) {
        assertThat(text(robot, "#guid-message")).startsWith("Type or paste a GUID");
        assertThat(Decorator.getDecorations(robot.lookup("#guid-input").query())).isNullOrEmpty();
    }

    @Test
    void newGuidProducesAVersion4Guid(FxRobot robot) {
        robot.clickOn("#guid-new");
        WaitForAsyncUtils.waitForFxEvents();

        String shown = field(robot, "#guid-canonical");
        assertThat(shown).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(Guid.parse(shown).toString()).isEqualTo(shown);
        assertThat(field(robot, "#guid-input")).isEqualTo(shown);
    }

    @Test
    void copyButtonsPutTheFormOnTheClipboard(FxRobot robot) {
        robot.interact(() -> robot.lookup("#guid-input").queryAs(TextField.class).setText("vsock:5000"));
        robot.clickOn("#guid-canonical-copy");
        AtomicReference<String> clip = new AtomicReference<>();
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");

        robot.clickOn("#guid-sockaddr-copy");
        robot.interact(() -> clip.set(Clipboard.getSystemClipboard().getString()));
        assertThat(clip.get()).isEqualTo("22000000da7c2ea43fd00c489cc2a4de20abb87888130000cbfae611bd5864006a7986d3");
    }

    @Test
    void themeToggleSwitchesStylesheetsAndIsRemembered(FxRobot robot) {
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());

        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(settings.get(Settings.Key.THEME)).contains("dark");

        robot.clickOn("#theme-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
        assertThat(settings.get(Settings.Key.THEME)).contains("light");
    }

    @Test
    void statusBarShowsModeElevationSandboxDirAndVersion(FxRobot robot) {
        assertThat(text(robot, "#status-mode")).isEqualTo("Sandbox");
        assertThat(text(robot, "#status-elevation")).isEqualTo("Not elevated");
        assertThat(text(robot, "#status-sandbox-dir")).isEqualTo("Sandbox: " + DisplayPaths.of(tmp.resolve("sandbox")));
        assertThat(env.version()).isNotBlank();
        assertThat(text(robot, "#status-version")).isEqualTo("Version " + env.version());
    }

    @Test
    void theDarkThemeRendersADarkPage(FxRobot robot) {
        robot.interact(() -> window.viewModel().themeProperty().set(Theme.DARK));
        WaitForAsyncUtils.waitForFxEvents();
        AtomicReference<javafx.scene.image.WritableImage> shot = new AtomicReference<>();
        robot.interact(() -> shot.set(window.scene().snapshot(null)));
        // a point in the page margin, right of the sidebar
        javafx.scene.paint.Color c = shot.get().getPixelReader().getColor(240, (int) shot.get().getHeight() / 2);
        assertThat(c.getBrightness()).as("dark page background").isLessThan(0.3);
        robot.interact(() -> window.viewModel().themeProperty().set(Theme.LIGHT));
        robot.interact(() -> shot.set(window.scene().snapshot(null)));
        c = shot.get().getPixelReader().getColor(240, (int) shot.get().getHeight() / 2);
        assertThat(c.getBrightness()).as("light page background").isGreaterThan(0.9);
    }

    @Test
    void shortcutSelectsTheSection(FxRobot robot) {
        robot.press(javafx.scene.input.KeyCode.CONTROL, javafx.scene.input.KeyCode.DIGIT1)
                .release(javafx.scene.input.KeyCode.DIGIT1, javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#nav-guid").queryAs(ToggleButton.class).isSelected()).isTrue();
        assertThat(settings.get(Settings.Key.SECTION)).contains("guid");
    }

    @Test
    void languageChoiceIsRememberedForTheNextStart(FxRobot robot) {
        robot.clickOn("#language-menu");
        robot.clickOn("简体中文");
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("zh-CN");
        // written in the language just chosen: whoever picks 简体中文 reads the note in Chinese
        assertThat(robot.lookup("#language-notice").queryLabeled().getText())
                .isEqualTo("新语言将在下次启动 HvSocket Explorer 时生效。");
        assertThat(robot.lookup("#language-notice").query().isVisible()).isTrue();
        assertThat(Language.byTag("zh-CN").locale()).isEqualTo(java.util.Locale.SIMPLIFIED_CHINESE);
        assertThat(Language.of(java.util.Locale.SIMPLIFIED_CHINESE).tag()).isEqualTo("zh-CN");
        assertThat(Language.byTag("en").locale()).isEqualTo(java.util.Locale.ENGLISH);
    }

    @Test
    void aboutShowsProductVersionModeAndTheLogFile(FxRobot robot) {
        robot.clickOn("#about");
        WaitForAsyncUtils.waitForFxEvents();

        javafx.scene.Node about = robot.lookup("#about-dialog").query();
        assertThat(robot.from(about).lookup("HvSocket Explorer").tryQuery()).isPresent();
        assertThat(robot.from(about).lookup((Label l) -> l.getText() != null && l.getText().startsWith("Hyper-V socket explorer")).tryQuery())
                .isPresent();
        assertThat(robot.from(about).lookup("Sandbox").tryQuery()).isPresent();
        assertThat(robot.from(about).lookup((Label l) -> env.version().equals(l.getText())).tryQuery()).as("the version").isPresent();
        assertThat(robot.from(about).lookup((Label l) -> tmp.resolve("data/logs/hvx-0.log").toString().equals(l.getText())).tryQuery())
                .as("the log file").isPresent();
        assertThat(robot.from(about).lookup("#about-open-log").tryQuery()).isPresent();
        robot.clickOn("Close");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#about-dialog").tryQuery()).isEmpty();
    }
}
