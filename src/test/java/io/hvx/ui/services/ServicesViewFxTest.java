package io.hvx.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.core.Backend;
import io.hvx.core.Environment;
import io.hvx.core.Mode;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.Settings;
import io.hvx.ui.Screenshots;
import io.hvx.ui.shell.MainWindow;
import java.awt.image.BufferedImage;
import javax.imageio.ImageIO;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Adds, renames, removes and undoes through the Services view inside the main window, headless.
 * Also renders {@code services.png} (to {@code docs/screenshots/} with {@code -Dhvx.screenshots=true}).
 */
@ExtendWith(ApplicationExtension.class)
class ServicesViewFxTest {

    @TempDir
    static Path tmp;

    Registrations registry;
    Path store;
    Stage stage;
    MainWindow window;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        Path dir = Files.createTempDirectory(tmp, "fx");
        store = dir.resolve("sb/services.json");
        // temp data dir too: the undo journal must never land in the user's directories
        registry = new Registrations(JsonServiceStore.sandbox(dir.resolve("sb")), new UndoJournal(dir.resolve("data")),
                "hvx 0.1.0", Clock.systemUTC());
        Environment env = new Environment(Mode.SANDBOX, false, "0.1.0", "Linux", "25", dir.resolve("sb"), dir.resolve("data"));
        Backend backend = new Backend() {
            @Override
            public Environment environment() {
                return env;
            }

            @Override
            public ServiceRegistry services() {
                return registry;
            }

            @Override
            public io.hvx.core.VmInventory vms() {
                return new io.hvx.vm.SandboxVmInventory(env.sandboxDir());
            }

            @Override
            public io.hvx.core.Connector connector() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(env.sandboxDir());
            }

            @Override
            public io.hvx.core.ListenerFactory listenerFactory() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(env.sandboxDir());
            }
        };
        Settings settings = Settings.inMemory();
        settings.put("window.width", "1200");
        settings.put("window.height", "780");
        settings.put("theme", "light");
        window = App.createMainWindow(stage, backend, settings);
        window.show();
        window.show("services");
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(stage::close);
    }

    void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        // conditions may read controls the FX thread changes: evaluate them there
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    boolean registered(String name) {
        return registry.list().stream().anyMatch(r -> name.equals(r.name()));
    }

    @SuppressWarnings("unchecked")
    TableView<ServiceRegistration> table(FxRobot robot) {
        return robot.lookup("#services-table").queryAs(TableView.class);
    }

    boolean shown(FxRobot robot, String name) {
        return table(robot).getItems().stream().anyMatch(r -> name.equals(r.name()));
    }

    @Test
    void addRenameRemoveAndUndoThroughTheView(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);

        // add with a vsock port
        robot.clickOn("#services-add");
        robot.clickOn("#source-port");
        robot.clickOn("#vsock-port").write("4242");
        robot.clickOn("#service-name").write("Agent from the GUI");
        assertThat(robot.lookup("#registry-path").queryLabeled().getText()).endsWith("\\00001092-facb-11e6-bd58-64006a7986d3");
        robot.clickOn("Register");
        waitUntil(() -> shown(robot, "Agent from the GUI"));
        assertThat(registered("Agent from the GUI")).isTrue();
        assertThat(table(robot).getSelectionModel().getSelectedItem().name()).isEqualTo("Agent from the GUI");

        // rename the selected entry
        robot.clickOn("#services-rename");
        TextField name = robot.lookup("#rename-name").queryAs(TextField.class);
        robot.interact(() -> name.setText(""));
        robot.clickOn(name).write("Agent renamed");
        robot.clickOn("Rename");
        waitUntil(() -> shown(robot, "Agent renamed"));
        assertThat(registered("Agent renamed")).isTrue();

        // remove it, confirming
        robot.clickOn("#services-remove");
        robot.clickOn("OK");
        waitUntil(() -> !shown(robot, "Agent renamed"));
        assertThat(registered("Agent renamed")).isFalse();

        // undo with the button, then with Ctrl+Z
        robot.clickOn("#services-undo");
        waitUntil(() -> shown(robot, "Agent renamed"));
        robot.clickOn("#services-table");
        robot.press(KeyCode.CONTROL, KeyCode.Z).release(KeyCode.Z, KeyCode.CONTROL);
        waitUntil(() -> shown(robot, "Agent from the GUI"));
        assertThat(registered("Agent from the GUI")).isTrue();
    }

    @Test
    void builtinEntriesCannotBeRenamedOrRemovedFromTheView(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        TableView<ServiceRegistration> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(
                t.getItems().stream().filter(r -> r.kind() == ServiceRegistration.Kind.BUILTIN).findFirst().orElseThrow()));
        assertThat(robot.lookup("#services-rename").queryAs(Button.class).isDisabled()).isTrue();
        assertThat(robot.lookup("#services-remove").queryAs(Button.class).isDisabled()).isTrue();
        robot.interact(() -> t.getSelectionModel().select(
                t.getItems().stream().filter(r -> "Demo echo".equals(r.name())).findFirst().orElseThrow()));
        assertThat(robot.lookup("#services-remove").queryAs(Button.class).isDisabled()).isFalse();
    }

    @Test
    void writesTheServicesScreenshot(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        registry.add(io.hvx.core.VsockTemplate.guidForPort(5000), "My guest agent");
        waitUntil(() -> shown(robot, "My guest agent"));
        TableView<ServiceRegistration> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(
                t.getItems().stream().filter(r -> "My guest agent".equals(r.name())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Screenshots.write(stage.getScene(), "services");
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(1100);
    }

    @Test
    void importShowsThePlanBeforeApplying(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        Path file = tmp.resolve("import-" + System.nanoTime() + ".reg");
        Files.writeString(file, "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\0007a120-facb-11e6-bd58-64006a7986d3]\r\n"
                + "\"ElementName\"=\"Imported 500000\"\r\n\r\n");
        ServicesView view = robot.lookup("#services-view").queryAs(ServicesView.class);
        robot.interact(() -> view.importFile(file));
        waitUntil(() -> robot.lookup("#plan-table").tryQuery().isPresent());
        @SuppressWarnings("unchecked")
        TableView<io.hvx.core.ImportPlan.Step> plan = robot.lookup("#plan-table").queryAs(TableView.class);
        assertThat(plan.getItems()).extracting(st -> st.action()).containsExactly(io.hvx.core.ImportPlan.Action.ADD);
        assertThat(registered("Imported 500000")).as("nothing applied before the user agrees").isFalse();
        robot.clickOn("Apply");
        waitUntil(() -> shown(robot, "Imported 500000"));
        assertThat(registered("Imported 500000")).isTrue();
    }

    @Test
    void openInGuidWorkbenchShowsTheGuidThere(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        TableView<ServiceRegistration> t = table(robot);
        robot.clickOn("Demo echo");
        // Monocle shows no context-menu popup for a robot right click; fire the menu's item instead
        robot.interact(() -> t.getContextMenu().getItems().stream()
                .filter(i -> "Open in GUID workbench".equals(i.getText())).findFirst().orElseThrow().fire());
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup("#guid-input").queryAs(TextField.class).getText())
                .isEqualTo("00000007-facb-11e6-bd58-64006a7986d3");
    }

    @Test
    void removingAnotherToolsEntryAsksTwiceNamingItsOwnerValues(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        robot.clickOn("Docker VPNKit Ethernet");
        robot.clickOn("#services-remove");
        robot.clickOn("OK");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(robot.lookup(".dialog-pane").queryAll()).anyMatch(n -> n instanceof javafx.scene.control.DialogPane p
                && p.getContentText() != null && p.getContentText().contains("ElementName=\"Docker VPNKit Ethernet\""));
        assertThat(registered("Docker VPNKit Ethernet")).as("not before the second answer").isTrue();
        robot.clickOn("Yes");
        waitUntil(() -> !shown(robot, "Docker VPNKit Ethernet"));
        assertThat(registered("Docker VPNKit Ethernet")).isFalse();
    }

    @Test
    void theFilterNarrowsTheTable(FxRobot robot) throws Exception {
        waitUntil(() -> table(robot).getItems().size() == 6);
        robot.clickOn("#services-filter").write("demo");
        waitUntil(() -> table(robot).getItems().size() == 3);
        assertThat(store).exists();
    }
}
