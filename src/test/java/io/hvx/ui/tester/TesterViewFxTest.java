package io.hvx.ui.tester;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.core.tester.TestResult;
import io.hvx.ui.Screenshots;
import io.hvx.ui.connections.ConnectionsSection;
import io.hvx.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import java.util.List;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Tester section inside the main window, headless, over a fresh sandbox: an echo test fills
 * the histogram and the percentiles, the doctor lists its checks with their fixes, and a failed
 * terminal connection's Diagnose opens the doctor on the same pair.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class TesterViewFxTest {

    @TempDir
    Path tmp;

    private Stage stage;
    private MainWindow window;

    private void open(FxRobot robot, Locale locale) {
        Messages.setLocale(locale);
        robot.interact(() -> {
            stage = new Stage();
            Settings settings = Settings.inMemory();
            settings.put(Settings.Key.THEME, "light");
            window = App.createMainWindow(stage,
                    new DefaultBackendFactory(tmp.resolve("data")).create(Mode.SANDBOX, tmp.resolve("sandbox")), settings);
            window.show();
            window.show(TesterSection.ID);
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
        Messages.setLocale(Locale.US);
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.from(stage.getScene().getRoot()).lookup(query).queryAs(type);
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @SuppressWarnings("unchecked")
    private void target(FxRobot robot, String vm, String service) throws TimeoutException {
        ComboBox<Object> vms = find(robot, "#tester-vm", ComboBox.class);
        waitUntil(() -> vms.getItems().stream().anyMatch(c -> c.toString().equals("demo-linux")));
        robot.interact(() -> {
            vms.getEditor().setText(vm);
            find(robot, "#tester-service", ComboBox.class).getEditor().setText(service);
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void anEchoTestFillsTheHistogramAndThePercentiles(FxRobot robot) throws Exception {
        open(robot, Locale.US);
        target(robot, "demo-linux", "Demo echo");
        robot.interact(() -> find(robot, "#tester-count", TextField.class).setText("3000"));
        robot.clickOn("#tester-start");
        TableView<TestResult> runs = find(robot, "#tester-runs", TableView.class);
        waitUntil(() -> runs.getItems().size() == 1);
        BarChart<String, Number> chart = find(robot, "#tester-histogram", BarChart.class);
        assertThat(chart.isVisible()).isTrue();
        assertThat(chart.getData()).hasSize(1);
        assertThat(chart.getData().getFirst().getData()).isNotEmpty();
        long total = chart.getData().getFirst().getData().stream().mapToLong(d -> d.getYValue().longValue()).sum();
        assertThat(total).isEqualTo(3000);
        for (String tile : new String[] {"#tester-p50", "#tester-p90", "#tester-p99", "#tester-p999", "#tester-max"}) {
            assertThat(find(robot, tile, Label.class).getText()).as(tile).matches("[0-9.,]+");
        }
        assertThat(find(robot, "#tester-status", Label.class).getText()).contains("3,000 round trips").contains("0 mismatches");
        assertThat(runs.getItems().getFirst().ok()).isTrue();
        Screenshots.write(stage.getScene(), "tester-en");

        // a throughput run switches the chart to the rate over time
        robot.clickOn("#tester-kind-throughput");
        robot.interact(() -> find(robot, "#tester-duration", TextField.class).setText("1"));
        robot.clickOn("#tester-start");
        waitUntil(() -> runs.getItems().size() == 2);
        assertThat(find(robot, "#tester-rate", Node.class).isVisible()).isTrue();
        assertThat(find(robot, "#tester-histogram", Node.class).isVisible()).isFalse();
        assertThat(find(robot, "#tester-rate-peak", Label.class).getText()).matches("[0-9.,]+");
        Screenshots.write(stage.getScene(), "tester-throughput-en");
        robot.interact(() -> runs.getSelectionModel().selectIndices(0, 1));
        robot.interact(() -> {
            CompareRunsView compare = new CompareRunsView(new CompareRuns(runs.getItems().get(0), runs.getItems().get(1)));
            new javafx.scene.Scene(compare).getStylesheets().addAll(stage.getScene().getStylesheets());
            compare.applyCss();
            compare.layout();
            Screenshots.write(compare, "compare-en");
        });

        // back to echo after another kind: the bars and the axis's categories are the new run's
        robot.clickOn("#tester-kind-connect");
        robot.clickOn("#tester-start");
        waitUntil(() -> runs.getItems().size() == 3);
        robot.clickOn("#tester-kind-echo");
        robot.clickOn("#tester-start");
        waitUntil(() -> runs.getItems().size() == 4);
        List<String> shown = chart.getData().getFirst().getData().stream().map(XYChart.Data::getXValue).toList();
        assertThat(shown).isNotEmpty();
        assertThat(((CategoryAxis) chart.getXAxis()).getCategories()).containsExactlyElementsOf(shown);
    }

    @Test
    void badParametersDisableStartWithASentence(FxRobot robot) throws Exception {
        open(robot, Locale.US);
        robot.interact(() -> find(robot, "#tester-count", TextField.class).setText("zero"));
        assertThat(find(robot, "#tester-start", Button.class).isDisabled()).isTrue();
        assertThat(find(robot, "#tester-problem", Label.class).getText()).isEqualTo(
                "Count: zero is not a whole number from 1 to 1000000.");
        robot.interact(() -> find(robot, "#tester-count", TextField.class).setText(""));
        assertThat(find(robot, "#tester-start", Button.class).isDisabled()).isFalse();
    }

    @Test
    void theDoctorShowsEachCheckWithItsFix(FxRobot robot) throws Exception {
        open(robot, Locale.US);
        target(robot, "demo-linux", "vsock:5000");
        robot.interact(() -> find(robot, "#tester-tabs", TabPane.class).getSelectionModel().select(1));
        robot.clickOn("#doctor-run");
        VBox rows = find(robot, "#doctor-rows", VBox.class);
        waitUntil(() -> rows.getChildren().size() == 7 && find(robot, "#doctor-run", Button.class).isDisabled() == false);
        assertThat(find(robot, "#doctor-summary", Label.class).getText()).isEqualTo("First failing check: Connect.");
        HBox service = find(robot, "#doctor-row-service", HBox.class);
        assertThat(service.getStyleClass()).contains("doctor-row-unknown");
        assertThat(find(robot, "#doctor-fix-service", Button.class).getText()).isEqualTo("Register\u2026");
        assertThat(find(robot, "#doctor-row-connect", HBox.class).getStyleClass()).contains("doctor-row-fail");
        Screenshots.write(stage.getScene(), "doctor-en");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aFailedTerminalConnectionsDiagnoseOpensTheDoctorOnTheSamePair(FxRobot robot) throws Exception {
        open(robot, Locale.US);
        robot.interact(() -> window.show(ConnectionsSection.ID));
        TabPane tabs = find(robot, "#conn-tabs", TabPane.class);
        Node tab = tabs.getSelectionModel().getSelectedItem().getContent();
        ComboBox<Object> vm = robot.from(tab).lookup("#conn-vm").queryAs(ComboBox.class);
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.toString().equals("demo-windows")));
        robot.clickOn(vm.getEditor()).write("demo-windows");
        robot.clickOn(robot.from(tab).lookup("#conn-service").queryAs(ComboBox.class).getEditor()).write("vsock:7");
        robot.type(KeyCode.ENTER);
        Button diagnose = find(robot, "#conn-diagnose", Button.class);
        waitUntil(diagnose::isVisible);
        robot.clickOn(diagnose);
        waitUntil(() -> find(robot, "#tester-view", Node.class).isVisible()
                && find(robot, "#doctor-rows", VBox.class).getChildren().size() == 7);
        assertThat(find(robot, "#doctor-row-vm", HBox.class).getStyleClass()).contains("doctor-row-fail");
        assertThat(find(robot, "#doctor-summary", Label.class).getText()).isEqualTo("First failing check: Virtual machine.");
        assertThat(find(robot, "#tester-vm", ComboBox.class).getEditor().getText()).isEqualTo("demo-windows");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theSectionReadsInChinese(FxRobot robot) throws Exception {
        open(robot, Locale.SIMPLIFIED_CHINESE);
        target(robot, "demo-linux", "Demo echo");
        robot.clickOn("#tester-start");
        TableView<TestResult> runs = find(robot, "#tester-runs", TableView.class);
        waitUntil(() -> runs.getItems().size() == 1);
        assertThat(find(robot, "#tester-start", Button.class).getText()).isEqualTo("开始");
        Screenshots.write(stage.getScene(), "tester-zh");
        robot.interact(() -> find(robot, "#tester-tabs", TabPane.class).getSelectionModel().select(1));
        robot.clickOn("#doctor-run");
        waitUntil(() -> find(robot, "#doctor-rows", VBox.class).getChildren().size() == 7
                && !find(robot, "#doctor-run", Button.class).isDisabled());
        assertThat(find(robot, "#doctor-summary", Label.class).getText()).isEqualTo("没有检查失败。");
        Screenshots.write(stage.getScene(), "doctor-zh");
    }

    @Test
    void theKindButtonsKeepOneKindChosen(FxRobot robot) {
        open(robot, Locale.US);
        robot.clickOn("#tester-kind-echo");
        assertThat(find(robot, "#tester-kind-echo", ToggleButton.class).isSelected()).isTrue();
        robot.clickOn("#tester-kind-connect");
        assertThat(find(robot, "#tester-size", TextField.class).isVisible()).isFalse();
        assertThat(find(robot, "#tester-count", TextField.class).getPromptText()).isEqualTo("100");
    }
}
