package io.hvx.ui.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.FxTaskRunner;
import io.hvx.vm.SandboxVmInventory;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The section in a plain stage, headless (Monocle), over the sandbox and over failing inventories. */
@ExtendWith(ApplicationExtension.class)
class VmsViewFxTest {

    @TempDir
    Path tmp;

    private VmsSection section;
    private Stage shown;
    private final FxTaskRunner tasks = new FxTaskRunner();

    /** Lookups limited to this test's window: other tests' windows may hold the same ids. */
    private org.testfx.service.query.NodeQuery scope(FxRobot robot, String query) {
        return robot.from(shown.getScene().getRoot()).lookup(query);
    }

    private Looker in(FxRobot robot) {
        return new Looker(robot);
    }

    private final class Looker {
        private final FxRobot robot;

        Looker(FxRobot robot) {
            this.robot = robot;
        }

        org.testfx.service.query.NodeQuery lookup(String query) {
            return scope(robot, query);
        }
    }

    private Stage show(FxRobot robot, VmInventory inventory) throws Exception {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            // The app's theme defines the color variables the view's stylesheet uses.
            javafx.application.Application.setUserAgentStylesheet(new atlantafx.base.theme.PrimerLight().getUserAgentStylesheet());
            section = new VmsSection(inventory, Settings.inMemory(), tasks);
            TextField elsewhere = new TextField();
            elsewhere.setId("elsewhere");
            BorderPane root = new BorderPane(section.view());
            root.setTop(elsewhere);
            Stage s = new Stage();
            s.setScene(new Scene(root, 1280, 800));
            s.show();
            section.onShow();
            stage.set(s);
        });
        shown = stage.get();
        return stage.get();
    }

    @AfterEach
    void closeSection(FxRobot robot) {
        // Close this test's window so lookups in the next test see only its own nodes.
        robot.interact(() -> {
            if (section != null) {
                section.dispose();
            }
            if (shown != null) {
                shown.close();
            }
        });
        tasks.close();
    }

    @SuppressWarnings("unchecked")
    private TableView<VirtualMachine> table(FxRobot robot) {
        return (TableView<VirtualMachine>) in(robot).lookup("#vms-table").queryAs(TableView.class);
    }

    private static void waitFor(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        // the condition reads the table, which the FX thread changes: evaluate it there
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
    }

    @Test
    void showsTheSandboxVmsWithDetailsServicesAndAliases(FxRobot robot) throws Exception {
        show(robot, new SandboxVmInventory(tmp));
        waitFor(() -> table(robot).getItems().size() == 2);
        waitFor(() -> !in(robot).lookup(".vms-state-running").queryAll().isEmpty()
                && !in(robot).lookup(".vms-state-off").queryAll().isEmpty());
        assertThat(in(robot).lookup("#vms-busy").query().isVisible()).isFalse();
        assertThat(in(robot).lookup("#vms-aliases").queryAs(GridPane.class).getChildren()).hasSize(15);
        assertThat(in(robot).lookup("parent").tryQuery()).isPresent();

        robot.interact(() -> table(robot).getSelectionModel().select(0));
        waitFor(() -> !in(robot).lookup("#vms-services").queryAs(VBox.class).getChildren().isEmpty());
        assertThat(in(robot).lookup("#vms-gsi-warning").query().isVisible()).isTrue();
        assertThat(in(robot).lookup("#vms-details-id").queryAs(Label.class).getText())
                .isEqualTo("3f6a9c21-5b0e-4d7a-9e12-7c48b1d0a5e3");
        click(robot, "#vms-copy-id");
        assertThat(clipboard(robot)).isEqualTo("3f6a9c21-5b0e-4d7a-9e12-7c48b1d0a5e3");
    }

    private org.testfx.api.FxRobotInterface click(FxRobot robot, String query) {
        Node node = in(robot).lookup(query).query();
        return robot.clickOn(node);
    }

    private static String clipboard(FxRobot robot) {
        AtomicReference<String> s = new AtomicReference<>();
        robot.interact(() -> s.set(javafx.scene.input.Clipboard.getSystemClipboard().getString()));
        return s.get();
    }

    @Test
    void inTheMainWindowTheSelectedVmShowsItsDetailsAndIntegrationServices(FxRobot robot) throws Exception {
        AtomicReference<Stage> stage = new AtomicReference<>();
        robot.interact(() -> {
            Stage s = new Stage();
            io.hvx.ui.shell.MainWindow w = io.hvx.App.createMainWindow(s, TestBackend.sandbox(tmp), Settings.inMemory());
            w.show();
            w.show(VmsSection.ID);
            stage.set(s);
        });
        shown = stage.get();
        waitFor(() -> in(robot).lookup("#vms-table").tryQuery().isPresent() && table(robot).getItems().size() == 2);
        robot.interact(() -> table(robot).getSelectionModel().select(0));
        waitFor(() -> in(robot).lookup("#vms-services").queryAs(VBox.class).getChildren().size() == 6);
        assertThat(in(robot).lookup("#nav-vms").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(in(robot).lookup("#vms-details-id").queryAs(Label.class).getText())
                .isEqualTo(SandboxSeed.DEMO_LINUX_ID.toString());
        assertThat(in(robot).lookup("#vms-gsi-warning").queryAs(Label.class).getText())
                .startsWith("Guest Service Interface is disabled").contains("demo-linux");
        assertThat(in(robot).lookup("#vms-gsi-warning").query().isVisible()).isTrue();
        assertThat(in(robot).lookup(".vms-state-running").queryAll()).isNotEmpty();
        assertThat(in(robot).lookup(".vms-state-off").queryAll()).isNotEmpty();
    }

    @Test
    void sandboxChangesFromTheCliShowWithoutARestart(FxRobot robot) throws Exception {
        show(robot, new SandboxVmInventory(tmp));
        waitFor(() -> table(robot).getItems().size() == 2);
        new SandboxVmInventory(tmp).add("from-cli", null, false);
        waitFor(() -> table(robot).getItems().size() == 3);
        new SandboxVmInventory(tmp).setState("from-cli", true);
        waitFor(() -> table(robot).getItems().stream().anyMatch(v -> v.name().equals("from-cli") && v.isRunning()));
    }

    @Test
    void aFailingInventoryShowsTheSentenceAndDetails(FxRobot robot) throws Exception {
        show(robot, () -> {
            throw new OperationFailedException(Problem.of("vms.error.moduleMissing"), "errorId: CommandNotFoundException");
        });
        waitFor(() -> in(robot).lookup("#error-banner").query().isVisible());
        assertThat(in(robot).lookup("#error-banner").queryAs(io.hvx.ui.common.ErrorBanner.class).sentence())
                .contains("Hyper-V PowerShell module is not installed");
        assertThat(in(robot).lookup("#vms-busy").query().isVisible()).isFalse();
        click(robot, "Details");
        assertThat(in(robot).lookup(".text-area").queryAll().stream().filter(Node::isVisible)
                .filter(n -> n instanceof javafx.scene.control.TextArea)
                .map(n -> ((javafx.scene.control.TextArea) n).getText()))
                .contains("errorId: CommandNotFoundException");
    }

    @Test
    void theFirstLoadShowsABusyOverlayWhileTheWindowStaysUsableAndF5Refreshes(FxRobot robot) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();
        show(robot, () -> {
            calls.incrementAndGet();
            try {
                release.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return List.of();
        });
        waitFor(() -> in(robot).lookup("#vms-busy").query().isVisible());
        click(robot, "#elsewhere").write("typing works");
        assertThat(in(robot).lookup("#elsewhere").queryAs(TextField.class).getText()).isEqualTo("typing works");
        release.countDown();
        waitFor(() -> !in(robot).lookup("#vms-busy").query().isVisible());
        assertThat(table(robot).getItems()).isEmpty();
        click(robot, "#vms-table").type(KeyCode.F5);
        waitFor(() -> calls.get() == 2);
    }
}
