package io.hvx.ui;

import static org.assertj.core.api.Assertions.assertThat;

import atlantafx.base.theme.Styles;
import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.Backend;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.common.Theme;
import io.hvx.ui.shell.MainWindow;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window at its default size, 1200×780, in English and Chinese (issue 11 §9, §11, §13):
 * no label, table cell, header, link or placeholder cut in the GUID workbench, Services and
 * Virtual machines sections (the Connections section is checked by its own tests), the VM
 * details shown without scrolling, the error banner's Details link whole; every section's title
 * at the same place; VM states in the user's language; the Services filter's placeholder
 * readable on the dark theme; small buttons and small toggles alike.
 */
@ExtendWith(ApplicationExtension.class)
class DefaultWindowFxTest {

    @TempDir
    Path tmp;

    private Stage stage;
    private final Locale before = Locale.getDefault();

    @AfterEach
    void close(FxRobot robot) {
        if (stage != null) {
            robot.interact(stage::close);
        }
        Locale.setDefault(before);
        Messages.setLocale(before);
    }

    private MainWindow open(FxRobot robot, String language, Theme theme, Backend backend) {
        Locale locale = Locale.forLanguageTag(language);
        Locale.setDefault(locale);
        Messages.setLocale(locale);
        Settings settings = Settings.inMemory();
        settings.put(Settings.Key.THEME, theme.id());
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            stage = new Stage();
            window[0] = App.createMainWindow(stage, backend, settings);
            window[0].show();
        });
        return window[0];
    }

    private Backend sandbox() throws Exception {
        return TestBackend.sandbox(Files.createTempDirectory(tmp, "w"));
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T> T onFx(Callable<T> what) throws Exception {
        return WaitForAsyncUtils.asyncFx(what).get(15, TimeUnit.SECONDS);
    }

    private Node find(String query) {
        return stage.getScene().lookup(query);
    }

    @SuppressWarnings("unchecked")
    private TableView<VirtualMachine> vmsTable() {
        return (TableView<VirtualMachine>) find("#vms-table");
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void nothingIsCutInTheSectionsAtTheDefaultSize(String language, FxRobot robot) throws Exception {
        MainWindow window = open(robot, language, Theme.LIGHT, sandbox());
        assertThat(onFx(() -> stage.getScene().getWidth())).isEqualTo(1200);
        assertThat(onFx(() -> stage.getScene().getHeight())).isEqualTo(780);
        Map<String, List<String>> cut = new LinkedHashMap<>();

        robot.interact(() -> window.show("guid"));
        WaitForAsyncUtils.waitForFxEvents();
        cut.put("guid", onFx(() -> Truncation.under(stage.getScene().getRoot())));

        robot.interact(() -> window.show("services"));
        waitUntil(() -> find("#services-table") instanceof TableView<?> t && t.getItems().size() == 6);
        cut.put("services", onFx(() -> Truncation.under(stage.getScene().getRoot())));

        robot.interact(() -> window.show("vms"));
        waitUntil(() -> find("#vms-table") != null && vmsTable().getItems().size() == 2);
        robot.interact(() -> vmsTable().getSelectionModel().select(
                vmsTable().getItems().stream().filter(v -> v.name().equals("demo-linux")).findFirst().orElseThrow()));
        waitUntil(() -> ((VBox) find("#vms-services")).getChildren().size() == 6);
        cut.put("vms", onFx(() -> Truncation.under(stage.getScene().getRoot())));

        cut.values().removeIf(List::isEmpty);
        assertThat(cut).as("text cut at 1200×780 in " + language).isEmpty();
        // the details of the selected VM show whole, without scrolling
        double[] details = onFx(() -> {
            ScrollPane scroll = (ScrollPane) find("#vms-details-scroll");
            return new double[] {((Region) scroll.getContent()).getHeight(), scroll.getViewportBounds().getHeight()};
        });
        assertThat(details[0]).as("VM details height vs the room it has").isLessThanOrEqualTo(details[1]);
        // states in the user's language
        String running = language.startsWith("zh") ? "运行中" : "Running";
        assertThat(onFx(() -> ((Label) ((VBox) find("#vms-details")).lookup(".vms-state")).getText())).isEqualTo(running);
    }

    @ParameterizedTest
    @ValueSource(strings = {"en-US", "zh-CN"})
    void theErrorBannerShowsItsDetailsLinkWhole(String language, FxRobot robot) throws Exception {
        Backend failing = TestBackend.sandbox(Files.createTempDirectory(tmp, "w")).withVms(() -> {
            throw new OperationFailedException(Problem.of("error.gui.noDisplay"), "first detail line\nsecond");
        });
        MainWindow window = open(robot, language, Theme.LIGHT, failing);
        robot.interact(() -> window.show("vms"));
        waitUntil(() -> find("#error-banner") != null && find("#error-banner").isVisible());

        assertThat(onFx(() -> Truncation.under(stage.getScene().getRoot()))).isEmpty();
    }

    @Test
    void everySectionTitleSitsAtTheSamePlace(FxRobot robot) throws Exception {
        MainWindow window = open(robot, "en-US", Theme.LIGHT, sandbox());
        List<String> places = new ArrayList<>();
        for (String section : List.of("guid", "services", "vms", "connections")) {
            robot.interact(() -> window.show(section));
            WaitForAsyncUtils.waitForFxEvents();
            places.add(onFx(() -> {
                Label title = (Label) find("#section-title");
                var b = title.localToScene(title.getLayoutBounds());
                return Math.round(b.getMinY()) + "/" + Math.round(b.getMinX()) + "/" + title.getFont().getSize();
            }));
        }
        assertThat(places).as("title top/left/font size in guid, services, vms, connections").containsOnly(places.getFirst());
    }

    @Test
    void theWorkbenchPickerShowsTheChosenVmOnceTheVmsAreListed(FxRobot robot) throws Exception {
        MainWindow window = open(robot, "en-US", Theme.LIGHT, sandbox());
        robot.interact(() -> window.show("guid"));
        // the list grows from the aliases to the VMs and the aliases: the choice (parent) stays shown
        waitUntil(() -> find("#guid-vm") instanceof javafx.scene.control.ComboBox<?> c
                && c.getItems().stream().anyMatch(v -> v.toString().equals("demo-linux")));

        List<String> shown = onFx(() -> find("#guid-vm").lookupAll(".list-cell").stream()
                .map(n -> ((javafx.scene.control.ListCell<?>) n).getText()).filter(t -> t != null && !t.isBlank()).toList());
        assertThat(shown).containsExactly("parent  ·  HV_GUID_PARENT");
        assertThat(onFx(() -> ((Label) find("#guid-vm-help")).getText())).contains("connect to its host");
    }

    @Test
    void theServicesFilterPlaceholderIsReadableOnTheDarkTheme(FxRobot robot) throws Exception {
        MainWindow window = open(robot, "en-US", Theme.DARK, sandbox());
        robot.interact(() -> window.show("services"));
        robot.interact(() -> find("#services-table").requestFocus()); // a focused field hides its placeholder
        WaitForAsyncUtils.waitForFxEvents();

        double contrast = onFx(() -> {
            TextField filter = (TextField) find("#services-filter");
            Text prompt = Truncation.findText(filter, filter.getPromptText());
            Color ink = (Color) prompt.getFill();
            Paint back = filter.getBackground().getFills().getLast().getFill();
            return contrast(ink, colorOf(back));
        });
        assertThat(contrast).as("placeholder against the field (WCAG ratio)").isGreaterThanOrEqualTo(3.0);
    }

    @Test
    void smallTogglesAndSmallButtonsShareOneFontSize(FxRobot robot) throws Exception {
        open(robot, "en-US", Theme.LIGHT, sandbox());
        double[] sizes = onFx(() -> {
            ToggleButton toggle = new ToggleButton("Hex");
            toggle.getStyleClass().add(Styles.SMALL);
            Button button = new Button("Clear");
            button.getStyleClass().add(Styles.SMALL);
            Stage probe = new Stage();
            probe.setScene(new Scene(new HBox(toggle, button)));
            probe.getScene().getStylesheets().setAll(stage.getScene().getStylesheets());
            probe.getScene().getRoot().applyCss();
            return new double[] {toggle.getFont().getSize(), button.getFont().getSize(), toggle.prefHeight(-1), button.prefHeight(-1)};
        });
        assertThat(sizes[0]).isEqualTo(sizes[1]);
        assertThat(sizes[2]).isEqualTo(sizes[3]);
    }

    /** A fill's colour (a gradient's: where the text is, its end). */
    private static Color colorOf(Paint p) {
        return p instanceof javafx.scene.paint.LinearGradient g ? g.getStops().getLast().getColor() : (Color) p;
    }

    /** The WCAG 2 contrast ratio of two opaque colours. */
    static double contrast(Color a, Color b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    private static double luminance(Color c) {
        return 0.2126 * channel(c.getRed()) + 0.7152 * channel(c.getGreen()) + 0.0722 * channel(c.getBlue());
    }

    private static double channel(double v) {
        return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4);
    }
}
