package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.StartupChoices;
import io.hvx.ui.Truncation;
import io.hvx.ui.common.Theme;
import io.hvx.ui.connections.ConnectionSessionView;
import io.hvx.vm.StandIns;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.controlsfx.control.decoration.Decorator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Settings dialog as the user meets it (headless): opened from the sidebar and with Ctrl+,,
 * nothing cut at 1200×780 in English and Chinese, bad values refused at their field, and each
 * setting taking effect: the theme at once, the connect timeout in new connection tabs and the
 * Tester, the scrollback in new terminals, the language and the start-up choices at the next
 * start (said at the field and in the sidebar), the PowerShell test through a stand-in PowerShell.
 */
@ExtendWith(ApplicationExtension.class)
class SettingsDialogFxTest {

    @TempDir
    Path tmp;

    private Stage stage;
    private MainWindow window;
    private final Settings settings = Settings.inMemory();
    private final Locale before = Locale.getDefault();

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
        });
        Locale.setDefault(before);
        Messages.setLocale(before);
    }

    private void open(FxRobot robot, String language) throws Exception {
        Locale locale = Locale.forLanguageTag(language);
        Locale.setDefault(locale);
        Messages.setLocale(locale);
        TestBackend backend = TestBackend.sandbox(Files.createTempDirectory(tmp, "s"));
        // a Linux workstation: the sandbox detected, a Linux guest possible
        StartupChoices startup = new StartupChoices(Mode.SANDBOX, List.of(Mode.SANDBOX, Mode.LINUX_GUEST), null,
                backend.environment().sandboxDir(), null, locale);
        robot.interact(() -> {
            stage = new Stage();
            window = App.createMainWindow(stage, backend, settings, startup);
            window.show();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(15, TimeUnit.SECONDS);
    }

    /** The Settings dialog, opened from the sidebar. */
    private DialogPane openSettings(FxRobot robot) throws Exception {
        robot.clickOn("#settings");
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        return onFx(() -> (DialogPane) Window.getWindows().stream().filter(w -> w != stage && w.isShowing())
                .findFirst().orElseThrow().getScene().getRoot().lookup(".dialog-pane"));
    }

    private static <T extends Node> T in(DialogPane pane, String id, Class<T> type) throws Exception {
        return onFx(() -> type.cast(pane.lookup(id)));
    }

    private static Button save(DialogPane pane) throws Exception {
        return onFx(() -> (Button) pane.getButtonTypes().stream()
                .filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE).map(pane::lookupButton)
                .findFirst().orElseThrow());
    }

    private static void type(FxRobot robot, TextField field, String text) {
        robot.interact(() -> field.setText(""));
        robot.clickOn(field).write(text);
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private static <T> void choose(FxRobot robot, DialogPane pane, String id, T value) throws Exception {
        ComboBox<SettingsForm.Option<T>> box = in(pane, id, ComboBox.class);
        robot.interact(() -> box.getSelectionModel().select(box.getItems().stream()
                .filter(o -> java.util.Objects.equals(o.value(), value)).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void nothingIsCutInTheDialogWithItsNotesAndProblemsShowing(String language, FxRobot robot) throws Exception {
        open(robot, language);
        assertThat(onFx(() -> Truncation.under(stage.getScene().getRoot()))).as("the sidebar with Settings").isEmpty();
        DialogPane pane = openSettings(robot);
        assertThat(onFx(() -> Truncation.under(pane))).isEmpty();

        // every sentence the form can show at once: a restart note, an override-free mode note, problems
        choose(robot, pane, "#settings-language", language.startsWith("zh") ? Language.ENGLISH : Language.SIMPLIFIED_CHINESE);
        choose(robot, pane, "#settings-mode", Mode.LINUX_GUEST);
        type(robot, in(pane, "#settings-timeout", TextField.class), "0");
        type(robot, in(pane, "#settings-scrollback", TextField.class), "1");
        type(robot, in(pane, "#settings-sandbox", TextField.class), "relative");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> Truncation.under(pane))).as("the dialog grew to show them").isEmpty();
        assertThat(onFx(() -> pane.getScene().getWindow().getHeight())).as("fits the default window's height").isLessThanOrEqualTo(780);
        assertThat(onFx(() -> pane.getScene().getWindow().getWidth())).as("fits the default window's width").isLessThanOrEqualTo(1200);
    }

    @Test
    void aBadValueIsRefusedAtItsFieldAndSaveWaitsForAGoodOne(FxRobot robot) throws Exception {
        open(robot, "en-US");
        DialogPane pane = openSettings(robot);
        TextField timeout = in(pane, "#settings-timeout", TextField.class);
        type(robot, timeout, "12x");

        assertThat(onFx(() -> in(pane, "#settings-timeout-problem", Label.class).getText()))
                .isEqualTo("Give a whole number of milliseconds from 1 to 300,000.");
        assertThat(onFx(() -> in(pane, "#settings-timeout-problem", Label.class).isVisible())).isTrue();
        assertThat(Decorator.getDecorations(timeout)).as("ControlsFX marks the field").isNotEmpty();
        assertThat(onFx(() -> save(pane).isDisabled())).isTrue();

        type(robot, timeout, "1200");
        assertThat(onFx(() -> in(pane, "#settings-timeout-problem", Label.class).isVisible())).isFalse();
        assertThat(onFx(() -> save(pane).isDisabled())).isFalse();
        robot.clickOn(save(pane));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(settings.get(Settings.Key.CONNECT_TIMEOUT)).contains("1200");
    }

    @Test
    void theThemeChangesAtOnceAndTimeoutAndScrollbackReachNewTabsAndTheTester(FxRobot robot) throws Exception {
        open(robot, "en-US");
        assertThat(Application.getUserAgentStylesheet()).as("following a light system").isEqualTo(Theme.LIGHT.userAgentStylesheet());
        DialogPane pane = openSettings(robot);
        choose(robot, pane, "#settings-theme", ThemeChoice.DARK);
        type(robot, in(pane, "#settings-timeout", TextField.class), "1234");
        type(robot, in(pane, "#settings-scrollback", TextField.class), "500");
        robot.clickOn(save(pane));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.DARK.userAgentStylesheet());
        assertThat(settings.get(Settings.Key.THEME)).contains("dark");
        assertThat(onFx(() -> stage.getScene().lookup("#restart-notice").isVisible())).as("nothing waits for a restart").isFalse();

        robot.interact(() -> window.show("connections"));
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        ConnectionSessionView tab = onFx(() -> (ConnectionSessionView) ((TabPane) stage.getScene().lookup("#conn-tabs"))
                .getSelectionModel().getSelectedItem().getContent());
        assertThat(onFx(() -> ((TextField) tab.lookup("#conn-timeout")).getText())).isEqualTo("1234");
        assertThat(onFx(() -> tab.model().terminal().scrollbackProperty().get())).isEqualTo(500);

        robot.interact(() -> window.show("tester"));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> ((TextField) stage.getScene().lookup("#tester-timeout")).getPromptText())).isEqualTo("1234");

        // back to light, with Ctrl+, this time
        robot.press(KeyCode.CONTROL, KeyCode.COMMA).release(KeyCode.COMMA, KeyCode.CONTROL);
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        DialogPane again = onFx(() -> (DialogPane) Window.getWindows().stream().filter(w -> w != stage && w.isShowing())
                .findFirst().orElseThrow().getScene().getRoot().lookup(".dialog-pane"));
        assertThat(onFx(() -> in(again, "#settings-timeout", TextField.class).getText())).as("shows what was saved").isEqualTo("1234");
        choose(robot, again, "#settings-theme", ThemeChoice.LIGHT);
        robot.clickOn(save(again));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(Application.getUserAgentStylesheet()).isEqualTo(Theme.LIGHT.userAgentStylesheet());
    }

    @Test
    void aLanguageOrModeForTheNextStartSaysSoAtTheFieldAndInTheSidebar(FxRobot robot) throws Exception {
        open(robot, "en-US");
        DialogPane pane = openSettings(robot);
        assertThat(onFx(() -> in(pane, "#settings-language-note", Label.class).isVisible())).isFalse();
        choose(robot, pane, "#settings-language", Language.SIMPLIFIED_CHINESE);
        assertThat(onFx(() -> in(pane, "#settings-language-note", Label.class).getText()))
                .as("in the language chosen").isEqualTo("将在下次启动 HvSocket Explorer 时生效。");
        choose(robot, pane, "#settings-mode", Mode.LINUX_GUEST);
        assertThat(onFx(() -> in(pane, "#settings-mode-note", Label.class).getText()))
                .isEqualTo("Applies the next time you start HvSocket Explorer.");
        robot.clickOn(save(pane));
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(settings.get(Settings.Key.LANGUAGE)).contains("zh-CN");
        assertThat(settings.get(Settings.Key.MODE)).contains("linux-guest");
        Label notice = onFx(() -> (Label) stage.getScene().lookup("#restart-notice"));
        assertThat(onFx(notice::isVisible)).isTrue();
        assertThat(onFx(notice::getText)).isEqualTo("部分设置将在下次启动 HvSocket Explorer 时生效。");
        assertThat(onFx(() -> Truncation.under(stage.getScene().getRoot()))).as("the notice wraps in the sidebar").isEmpty();
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the PowerShell stand-ins are POSIX sh scripts")
    @Test
    void testListsTheVmsThroughThePowerShellTypedOrSaysWhyNot(FxRobot robot) throws Exception {
        open(robot, "en-US");
        DialogPane pane = openSettings(robot);
        TextField powershell = in(pane, "#settings-powershell", TextField.class);
        Path standIn = StandIns.fixtureWrapper(tmp, "ps51-contract.json");
        robot.interact(() -> powershell.setText(standIn.toString()));
        robot.clickOn(in(pane, "#settings-powershell-test", Button.class));
        Label outcome = in(pane, "#settings-powershell-outcome", Label.class);
        waitUntil(outcome::isVisible);
        assertThat(onFx(outcome::getText)).startsWith(standIn + " listed ").contains("VM(s): ");

        robot.interact(() -> powershell.setText(tmp.resolve("no-such-powershell").toString()));
        robot.clickOn(in(pane, "#settings-powershell-test", Button.class));
        Node banner = in(pane, "#settings-powershell-error", Node.class);
        waitUntil(banner::isVisible);
        assertThat(onFx(outcome::isVisible)).isFalse();
        assertThat(onFx(() -> ((io.hvx.ui.common.ErrorBanner) banner).sentence()))
                .isEqualTo(Messages.get("vms.error.powershellNotFound", tmp.resolve("no-such-powershell")));
        // a test is not a save
        robot.interact(() -> pane.lookupButton(ButtonType.CANCEL).fireEvent(new javafx.event.ActionEvent()));
        assertThat(settings.get(Settings.Key.VMS_POWERSHELL)).isEmpty();
    }
}
