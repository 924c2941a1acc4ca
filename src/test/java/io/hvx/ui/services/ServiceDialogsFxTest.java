package io.hvx.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.ui.Truncation;
import io.hvx.ui.shell.MainWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Add service and import-plan dialogs as the user sees them, in English and Chinese (issue 11
 * §8, §9): every label, radio button, column and reason shown in full, the dialogs resizable
 * beyond the theme's 600 px, and the Add dialog quiet until a field was touched.
 */
@ExtendWith(ApplicationExtension.class)
class ServiceDialogsFxTest {

    @TempDir
    Path tmp;

    private Stage stage;
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

    private MainWindow open(FxRobot robot, String language) throws Exception {
        Locale locale = Locale.forLanguageTag(language);
        Locale.setDefault(locale);
        Messages.setLocale(locale);
        var backend = TestBackend.sandbox(Files.createTempDirectory(tmp, "d"));
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            stage = new Stage();
            window[0] = App.createMainWindow(stage, backend, Settings.inMemory());
            window[0].show();
            window[0].show(ServicesSection.ID);
        });
        waitUntil(() -> stage.getScene().lookup("#services-table") instanceof TableView<?> t && t.getItems().size() == 6);
        return window[0];
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static <T> T onFx(Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(15, TimeUnit.SECONDS);
    }

    /** The dialog window that is showing over the main window. */
    private Stage dialog() throws Exception {
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        return onFx(() -> (Stage) Window.getWindows().stream().filter(w -> w != stage && w.isShowing()).findFirst().orElseThrow());
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void theAddDialogShowsEveryLabelWholeGrowsWithItsWindowAndWaitsForATouchedField(String language, FxRobot robot)
            throws Exception {
        open(robot, language);
        robot.clickOn("#services-add");
        Stage dialog = dialog();

        assertThat(onFx(() -> Truncation.under(dialog.getScene().getRoot()))).isEmpty();
        assertThat(onFx(dialog::isResizable)).isTrue();
        DialogPane pane = (DialogPane) dialog.getScene().getRoot();
        assertThat(onFx(() -> pane.maxWidth(-1))).as("the dialog may grow wider than the theme's 600 px").isGreaterThan(1200);
        Label problem = onFx(() -> (Label) pane.lookup("#add-problem"));
        assertThat(onFx(problem::getText)).as("nothing is complained about before a field was touched").isNullOrEmpty();

        TextField name = onFx(() -> (TextField) pane.lookup("#service-name"));
        waitUntil(name::isFocused);                           // the name has the focus when the dialog opens
        robot.clickOn(name).write("x");
        robot.interact(() -> name.setText(""));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(problem::getText)).isEqualTo(Messages.get("error.services.name.empty"));

        double wide = onFx(dialog::getWidth) + 300;
        robot.interact(() -> dialog.setWidth(wide));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(onFx(() -> name.getWidth() + 250)).as("the fields take the room a wider dialog gives").isGreaterThan(onFx(() -> wide - 300));
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void theImportPlanShowsEveryIdAndRefusalReasonInFull(String language, FxRobot robot) throws Exception {
        open(robot, language);
        String key = "HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\";
        Path reg = tmp.resolve("plan.reg");
        Files.writeString(reg, "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[-" + key + "00000007-facb-11e6-bd58-64006a7986d3]\r\n\r\n"
                + "[" + key + "30d48b34-7d27-4b0b-aaaf-bbbed334dd59]\r\n\"ElementName\"=\"Docker renamed\"\r\n\r\n"
                + "[" + key + "00001111-facb-11e6-bd58-64006a7986d3]\r\n\"ElementName\"=\"New one\"\r\n",
                StandardCharsets.UTF_16LE);
        ServicesView view = onFx(() -> (ServicesView) stage.getScene().lookup("#services-view"));
        // the flow starts with a file chooser, which a headless test cannot answer: start after it
        Platform.runLater(() -> view.viewModel().importFrom(reg));
        Stage dialog = dialog();
        waitUntil(() -> dialog.getScene().lookup("#plan-table") instanceof TableView<?> t && t.getItems().size() == 3);

        assertThat(onFx(() -> Truncation.under(dialog.getScene().getRoot()))).isEmpty();
        assertThat(onFx(() -> ((Label) dialog.getScene().lookup("#plan-explain")).getText()))
                .isEqualTo(Messages.get("services.import.explain"));
        // the wrapped reasons are shown whole: each fits in its row
        assertThat(onFx(() -> dialog.getScene().getRoot().lookupAll(".import-plan-cell-text").stream()
                .filter(n -> n.getParent() != null && n.isVisible())
                .allMatch(n -> n.getBoundsInParent().getHeight() <= ((javafx.scene.layout.Region) n.getParent()).getHeight() + 1)))
                .isTrue();
    }
}
