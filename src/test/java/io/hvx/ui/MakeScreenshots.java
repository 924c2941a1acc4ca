package io.hvx.ui;

import io.hvx.App;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Backend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Mode;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.Settings;
import io.hvx.core.StreamConnection;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.core.terminal.SendFormat;
import io.hvx.ui.common.Theme;
import io.hvx.ui.connections.ConnectionSessionView;
import io.hvx.ui.connections.ConnectionSessionViewModel;
import io.hvx.ui.connections.ConnectionsView;
import io.hvx.ui.connections.ListenView;
import io.hvx.ui.connections.ListenViewModel;
import io.hvx.ui.connections.SenderViewModel;
import io.hvx.ui.connections.TerminalPane;
import io.hvx.ui.shell.MainWindow;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
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
 * checked by its section's {@code *FxTest}. With {@code -Dhvx.screenshots.locale=zh-CN} the
 * pictures are drawn in Simplified Chinese (to look at; the committed ones are English), e.g.
 * {@code ./mvnw test -Dtest='MakeScreenshots#terminal' -Dhvx.screenshots.locale=zh-CN -Dhvx.screenshots.dir=/tmp/zh}.
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
        String tag = System.getProperty("hvx.screenshots.locale", "");
        if (!tag.isBlank()) {
            java.util.Locale.setDefault(java.util.Locale.forLanguageTag(tag));
            io.hvx.core.Messages.setLocale(java.util.Locale.forLanguageTag(tag));
        }
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
    void terminal(FxRobot robot) throws Exception {
        open(robot, "connections", Theme.byId(System.getProperty("hvx.screenshots.theme", "light")));
        TabPane tabs = find(robot, "#conn-tabs", TabPane.class);
        ConnectionSessionView tab = (ConnectionSessionView) tabs.getSelectionModel().getSelectedItem().getContent();
        ComboBox<VmChoice> vm = robot.from(tab).lookup("#conn-vm").queryAs(ComboBox.class);
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.label().equals("demo-linux")));
        robot.clickOn(vm.getEditor()).write("demo-linux");
        robot.clickOn(robot.from(tab).lookup("#conn-service").queryAs(ComboBox.class).getEditor()).write("Demo echo");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> tab.model().stateProperty().get() == ConnectionSessionViewModel.State.CONNECTED);
        TextField input = robot.from(tab).lookup("#conn-input").queryAs(TextField.class);
        for (String line : new String[] {"hello", "ping from the host", "GET /status"}) {
            robot.clickOn(input).write(line).type(KeyCode.ENTER);
        }
        SenderViewModel sender = tab.model().sender();
        robot.interact(() -> {
            sender.formatProperty().set(SendFormat.ESCAPES);
            sender.inputProperty().set("status \\x1b[32mOK\\x1b[0m\\tuptime 42 s\\x00\\xff");
            sender.send();
            sender.formatProperty().set(SendFormat.TEXT);
        });
        TerminalPane pane = robot.from(tab).lookup("#term-pane").queryAs(TerminalPane.class);
        waitUntil(() -> pane.shownRows().stream().filter(r -> r.contains("← status")).count() == 1);
        robot.clickOn(input).write("one more line");
        write("terminal");
        robot.interact(() -> tab.model().terminal().hexProperty().set(true));
        waitUntil(() -> pane.shownRows().stream().anyMatch(r -> r.contains("68 65 6c 6c 6f")));
        write("terminal-hex");
    }

    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void listen(FxRobot robot) throws Exception {
        if (backend.services().list().stream().noneMatch(r -> r.id().equals(VsockTemplate.guidForPort(5000)))) {
            backend.services().add(VsockTemplate.guidForPort(5000), "My guest agent");
        }
        open(robot, "connections", Theme.LIGHT);
        ConnectionsView view = find(robot, "#connections-view", ConnectionsView.class);
        ListenView[] listen = new ListenView[1];
        robot.interact(() -> listen[0] = view.newListen(null));
        ListenViewModel model = listen[0].model();
        ComboBox<ServiceChoice> service = robot.from(listen[0]).lookup("#listen-service").queryAs(ComboBox.class);
        waitUntil(() -> service.getItems().stream().anyMatch(c -> "My guest agent".equals(c.name())));
        robot.interact(() -> {
            model.serviceProperty().set(service.getItems().stream().filter(c -> "My guest agent".equals(c.name()))
                    .findFirst().orElseThrow());
            model.start();
        });
        waitUntil(() -> model.stateProperty().get() == ListenViewModel.State.LISTENING);
        HvEndpoint ep = new HvEndpoint(VmAlias.LOOPBACK.guid(), VsockTemplate.guidForPort(5000));
        java.util.List<StreamConnection> clients = new java.util.ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            StreamConnection c = backend.connector().connect(ep, java.time.Duration.ofSeconds(5));
            clients.add(c);
            c.writeFully(java.nio.ByteBuffer.wrap(("HELLO agent/" + i + ".0\r\nready\r\n").getBytes(StandardCharsets.UTF_8)));
        }
        waitUntil(() -> model.sessions().size() == 3);
        clients.get(2).close();
        robot.interact(() -> {
            model.selectedProperty().set(model.sessions().getFirst());
            model.sessions().getFirst().sender().inputProperty().set("PING");
            model.sessions().getFirst().sender().send();
            model.refresh();
        });
        TerminalPane pane = robot.from(listen[0]).lookup("#term-pane").queryAs(TerminalPane.class);
        waitUntil(() -> pane.shownRows().stream().anyMatch(r -> r.contains("→ PING")));
        // the accept order need not be the connect order: one of the three is the one that left
        waitUntil(() -> model.sessions().stream()
                .anyMatch(x -> x.stateProperty().get() == ConnectionSessionViewModel.State.PEER_CLOSED));
        robot.clickOn(robot.from(listen[0]).lookup("#conn-input").queryAs(TextField.class)).write("STATUS");
        write("listen");
        clients.forEach(StreamConnection::close);
    }

    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void tester(FxRobot robot) throws Exception {
        open(robot, "tester", Theme.LIGHT);
        ComboBox<Object> vm = find(robot, "#tester-vm", ComboBox.class);
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.toString().equals("demo-linux")));
        ComboBox<Object> service = find(robot, "#tester-service", ComboBox.class);
        waitUntil(() -> !service.getItems().isEmpty());
        robot.interact(() -> {
            vm.getEditor().setText("demo-linux");
            service.getEditor().setText("Demo echo");
        });
        TableView<Object> runs = find(robot, "#tester-runs", TableView.class);
        robot.clickOn("#tester-kind-connect");
        robot.clickOn("#tester-start");
        waitUntil(() -> runs.getItems().size() == 1);
        robot.clickOn("#tester-kind-echo");
        robot.interact(() -> find(robot, "#tester-count", TextField.class).setText("20000"));
        robot.clickOn("#tester-start");
        waitUntil(() -> runs.getItems().size() == 2);
        write("tester");
    }

    @Test
    @Order(8)
    @SuppressWarnings("unchecked")
    void doctor(FxRobot robot) throws Exception {
        open(robot, "tester", Theme.LIGHT);
        ComboBox<Object> vm = find(robot, "#tester-vm", ComboBox.class);
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.toString().equals("demo-linux")));
        robot.interact(() -> {
            vm.getEditor().setText("demo-linux");
            find(robot, "#tester-service", ComboBox.class).getEditor().setText("vsock:5000");
            find(robot, "#tester-tabs", TabPane.class).getSelectionModel().select(1);
        });
        robot.clickOn("#doctor-run");
        waitUntil(() -> find(robot, "#doctor-rows", VBox.class).getChildren().size() == 7
                && !find(robot, "#doctor-run", javafx.scene.control.Button.class).isDisabled());
        write("doctor");
    }

    /** The selected VM's hvsocket services with their switches (one of them off), English and Chinese. */
    @Test
    @Order(9)
    void perVmServices(FxRobot robot) throws Exception {
        backend.policies().orElseThrow().set(io.hvx.core.SandboxSeed.DEMO_LINUX_ID, io.hvx.core.SandboxSeed.SINK_SERVICE,
                io.hvx.core.ServicePolicy.DISABLED);
        perVmServices(robot, java.util.Locale.US, "per-vm-services");
        perVmServices(robot, java.util.Locale.SIMPLIFIED_CHINESE, "per-vm-services-zh");
        io.hvx.core.Messages.setLocale(java.util.Locale.US);
    }

    @SuppressWarnings("unchecked")
    private void perVmServices(FxRobot robot, java.util.Locale locale, String name) throws Exception {
        io.hvx.core.Messages.setLocale(locale);
        open(robot, "vms", Theme.LIGHT);
        TableView<VirtualMachine> table = find(robot, "#vms-table", TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> find(robot, "#vms-policy-rows", VBox.class).getChildren().size() >= 6);
        javafx.scene.control.TabPane tabs = find(robot, "#vms-details-tabs", javafx.scene.control.TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        write(name);
        robot.interact(stage::close);
    }
}
