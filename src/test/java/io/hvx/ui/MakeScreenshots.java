package io.hvx.ui;

import io.hvx.App;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Backend;
import io.hvx.core.Mode;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VsockTemplate;
import io.hvx.ui.common.Theme;
import io.hvx.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Draws the pictures in {@code docs/screenshots/} (the README and docs show them), headless, at
 * the default window size 1200×780, over a fresh sandbox in a stand-in home directory so the
 * status bar reads {@code ~/.local/share/hvx/sandbox} as on a user's machine. Run it with
 *
 * <pre>{@code
 * docs/screenshots/make
 * }</pre>
 *
 * Not a test (its name keeps it out of {@code ./mvnw verify}): what each picture shows is
 * checked by its section's {@code *FxTest}.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MakeScreenshots {

    @TempDir
    static Path tmp;
    private static String realHome;
    private static Backend backend;

    private Stage stage;

    @BeforeAll
    static void neutralHome() {
        realHome = System.getProperty("user.home");
        Path home = tmp.resolve("home");
        System.setProperty("user.home", home.toString());
        Path hvx = home.resolve(".local/share/hvx");
        backend = new DefaultBackendFactory(hvx).create(Mode.SANDBOX, hvx.resolve("sandbox"));
    }

    @AfterAll
    static void realHome() {
        System.setProperty("user.home", realHome);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
    }

    private MainWindow open(FxRobot robot, String section, Theme theme) {
        MainWindow[] window = new MainWindow[1];
        robot.interact(() -> {
            stage = new Stage();
            Settings settings = Settings.inMemory();
            settings.put(Settings.Key.THEME, theme.id());
            window[0] = App.createMainWindow(stage, backend, settings);
            window[0].show();
            window[0].show(section);
        });
        return window[0];
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.from(stage.getScene().getRoot()).lookup(query).queryAs(type);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void write(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        System.out.println("wrote " + Screenshots.write(stage.getScene(), name).toAbsolutePath());
    }

    @Test
    @Order(1)
    void guidWorkbench(FxRobot robot) {
        open(robot, "guid", Theme.LIGHT);
        robot.interact(() -> find(robot, "#guid-input", TextField.class).setText("vsock:5000"));
        write("guid-workbench");
    }

    @Test
    @Order(2)
    void guidWorkbenchDark(FxRobot robot) {
        open(robot, "guid", Theme.DARK);
        robot.interact(() -> find(robot, "#guid-input", TextField.class).setText("parent"));
        write("guid-workbench-dark");
    }

    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void services(FxRobot robot) throws Exception {
        backend.services().add(VsockTemplate.guidForPort(5000), "My guest agent");
        open(robot, "services", Theme.LIGHT);
        TableView<ServiceRegistration> table = find(robot, "#services-table", TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(r -> "My guest agent".equals(r.name())));
        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> "My guest agent".equals(r.name())).findFirst().orElseThrow()));
        write("services");
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void virtualMachines(FxRobot robot) throws Exception {
        open(robot, "vms", Theme.LIGHT);
        TableView<VirtualMachine> table = find(robot, "#vms-table", TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> !find(robot, "#vms-services", VBox.class).getChildren().isEmpty());
        write("vms");
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void connections(FxRobot robot) throws Exception {
        open(robot, "connections", Theme.LIGHT);
        TabPane tabs = find(robot, "#conn-tabs", TabPane.class);
        Node tab = tabs.getSelectionModel().getSelectedItem().getContent();
        ComboBox<Object> vm = robot.from(tab).lookup("#conn-vm").queryAs(ComboBox.class);
        // the picker holds typed choices; a VM's reads as its name
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.toString().equals("demo-linux")));
        robot.clickOn(vm.getEditor()).write("demo-linux");
        robot.clickOn(robot.from(tab).lookup("#conn-service").queryAs(ComboBox.class).getEditor()).write("Demo echo");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> "Connected".equals(robot.from(tab).lookup("#conn-state").queryAs(Label.class).getText()));
        TextField input = robot.from(tab).lookup("#conn-input").queryAs(TextField.class);
        for (String line : new String[] {"hello", "ping from the host", "GET /status"}) {
            robot.clickOn(input).write(line).type(KeyCode.ENTER);
        }
        TextArea output = robot.from(tab).lookup("#conn-output").queryAs(TextArea.class);
        waitUntil(() -> output.getText().equals("hello\nping from the host\nGET /status\n"));
        robot.clickOn(input).write("one more line");
        write("connections");
    }
}
