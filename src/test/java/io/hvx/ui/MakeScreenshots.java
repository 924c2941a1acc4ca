package io.hvx.ui;

import io.hvx.App;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Backend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServicePolicy;
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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Draws the pictures in {@code docs/screenshots/} (the README, the guide and the docs show them),
 * headless, at the default window size 1200×780, over one fresh sandbox in a stand-in home
 * directory so the status bar reads {@code ~/.local/share/hvx/sandbox} as on a user's machine.
 * The pictures follow the guide's tasks in order (register a service, connect, listen, test,
 * diagnose, settings), light, a few of them dark as well, and one section in Chinese
 * ({@code zh-CN.png}). Run it with
 *
 * <pre>{@code
 * docs/screenshots/make
 * }</pre>
 *
 * Not a test (its name keeps it out of {@code ./mvnw verify}): what each picture shows is
 * checked by its section's {@code *FxTest}. With {@code -Dhvx.screenshots.locale=zh-CN} every
 * picture is drawn in Simplified Chinese (to read them; the committed ones are English), e.g.
 * {@code ./mvnw test -Dtest=MakeScreenshots -Dhvx.screenshots.locale=zh-CN -Dhvx.screenshots.dir=/tmp/zh}.
 */
@ExtendWith(ApplicationExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MakeScreenshots {

    private static final String AGENT = "My guest agent";

    private static Path home;
    private static String realHome;
    private static Locale language;
    private static Backend backend;

    private Stage stage;
    private MainWindow window;

    @BeforeAll
    static void neutralHome() {
        String tag = System.getProperty("hvx.screenshots.locale", "");
        language = tag.isBlank() ? Locale.US : Locale.forLanguageTag(tag);
        speak(language);
        realHome = System.getProperty("user.home");
        // a short home: the sandbox's sockets then stay under it, as on a user's machine (a long
        // path would move them to /tmp, which the doctor's picture would show)
        try {
            home = Files.createTempDirectory(Path.of(System.getProperty("java.io.tmpdir")), "hs");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        System.setProperty("user.home", home.toString());
        Path hvx = home.resolve(".local/share/hvx");
        backend = new DefaultBackendFactory(hvx).create(Mode.SANDBOX, hvx.resolve("sandbox"));
    }

    @AfterAll
    static void realHome() throws Exception {
        System.setProperty("user.home", realHome);
        try (var files = Files.walk(home)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static void speak(Locale locale) {
        Locale.setDefault(locale);
        Messages.setLocale(locale);
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(() -> {
            for (Window w : List.copyOf(Window.getWindows())) {
                if (w instanceof Stage s) {
                    s.close();
                }
            }
        });
        speak(language);
    }

    private MainWindow open(FxRobot robot, String section, Theme theme) {
        robot.interact(() -> {
            stage = new Stage();
            Settings settings = Settings.inMemory();
            settings.put(Settings.Key.THEME, theme.id());
            window = App.createMainWindow(stage, backend, settings);
            window.show();
            window.show(section);
        });
        return window;
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.from(stage.getScene().getRoot()).lookup(query).queryAs(type);
    }

    private static void waitUntil(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void write(String name) {
        WaitForAsyncUtils.waitForFxEvents();
        System.out.println("wrote " + Screenshots.write(stage.getScene(), name).toAbsolutePath());
    }

    /** The dialog open over the main window. */
    private Scene dialog() throws Exception {
        waitUntil(() -> Window.getWindows().stream().anyMatch(w -> w != stage && w.isShowing()));
        return WaitForAsyncUtils.asyncFx(() -> Window.getWindows().stream().filter(w -> w != stage && w.isShowing())
                .findFirst().orElseThrow().getScene()).get(15, TimeUnit.SECONDS);
    }

    private void writeDialog(Scene dialog, String name) {
        WaitForAsyncUtils.waitForFxEvents();
        System.out.println("wrote " + Screenshots.writeDialog(stage.getScene(), dialog, name).toAbsolutePath());
    }

    private static Button okButton(Scene dialog) {
        // ControlsFX's validation may have wrapped the dialog pane in a decoration pane
        DialogPane pane = (DialogPane) dialog.getRoot().lookup(".dialog-pane");
        return (Button) pane.getButtonTypes().stream().filter(b -> b.getButtonData() == ButtonBar.ButtonData.OK_DONE)
                .map(pane::lookupButton).findFirst().orElseThrow();
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

    /** Guide: register a service for a Linux guest's vsock port, through the Add dialog. */
    @Test
    @Order(3)
    @SuppressWarnings("unchecked")
    void addService(FxRobot robot) throws Exception {
        open(robot, "services", Theme.LIGHT);
        TableView<ServiceRegistration> table = find(robot, "#services-table", TableView.class);
        waitUntil(() -> !table.getItems().isEmpty());
        robot.clickOn("#services-add");
        Scene dialog = dialog();
        robot.clickOn(robot.from(dialog.getRoot()).lookup("#source-port").queryAs(RadioButton.class));
        robot.clickOn(robot.from(dialog.getRoot()).lookup("#vsock-port").queryAs(TextField.class)).write("5000");
        robot.clickOn(robot.from(dialog.getRoot()).lookup("#service-name").queryAs(TextField.class)).write(AGENT);
        writeDialog(dialog, "add-service");
        robot.clickOn(okButton(dialog));
        waitUntil(() -> table.getItems().stream().anyMatch(r -> AGENT.equals(r.name())));
    }

    @Test
    @Order(4)
    @SuppressWarnings("unchecked")
    void services(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            open(robot, "services", theme);
            TableView<ServiceRegistration> table = find(robot, "#services-table", TableView.class);
            waitUntil(() -> table.getItems().stream().anyMatch(r -> AGENT.equals(r.name())));
            robot.interact(() -> table.getSelectionModel().select(
                    table.getItems().stream().filter(r -> AGENT.equals(r.name())).findFirst().orElseThrow()));
            waitUntil(() -> !find(robot, "#services-policies-table", TableView.class).getItems().isEmpty());
            write(theme == Theme.LIGHT ? "services" : "services-dark");
            robot.interact(stage::close);
        }
    }

    @Test
    @Order(5)
    @SuppressWarnings("unchecked")
    void virtualMachines(FxRobot robot) throws Exception {
        open(robot, "vms", Theme.LIGHT);
        TableView<VirtualMachine> table = find(robot, "#vms-table", TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> !find(robot, "#vms-services", VBox.class).getChildren().isEmpty());
        write("vms");
    }

    /** Guide: enable or disable a service for one VM: the selected VM's switches, one of them off. */
    @Test
    @Order(6)
    @SuppressWarnings("unchecked")
    void perVmServices(FxRobot robot) throws Exception {
        backend.policies().orElseThrow().set(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.SINK_SERVICE, ServicePolicy.DISABLED);
        open(robot, "vms", Theme.LIGHT);
        TableView<VirtualMachine> table = find(robot, "#vms-table", TableView.class);
        waitUntil(() -> table.getItems().size() == 2);
        robot.interact(() -> table.getSelectionModel().select(0));
        waitUntil(() -> find(robot, "#vms-policy-rows", VBox.class).getChildren().size() >= 6);
        TabPane tabs = find(robot, "#vms-details-tabs", TabPane.class);
        robot.interact(() -> tabs.getSelectionModel().select(1));
        write("per-vm-services");
        backend.policies().orElseThrow().set(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.SINK_SERVICE, ServicePolicy.DEFERRED);
    }

    /** Guide: connect to a guest service (and save a transcript), light and dark. */
    @Test
    @Order(7)
    @SuppressWarnings("unchecked")
    void terminal(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            open(robot, "connections", theme);
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
            if (theme == Theme.DARK) {
                write("terminal-dark");
            } else {
                write("terminal");
                robot.interact(() -> tab.model().terminal().hexProperty().set(true));
                waitUntil(() -> pane.shownRows().stream().anyMatch(r -> r.contains("68 65 6c 6c 6f")));
                write("terminal-hex");
            }
            robot.interact(stage::close);
        }
    }

    /** Guide: listen for a guest: three guests connected, one of them gone. */
    @Test
    @Order(8)
    @SuppressWarnings("unchecked")
    void listen(FxRobot robot) throws Exception {
        open(robot, "connections", Theme.LIGHT);
        ConnectionsView view = find(robot, "#connections-view", ConnectionsView.class);
        ListenView[] listen = new ListenView[1];
        robot.interact(() -> listen[0] = view.newListen(null));
        ListenViewModel model = listen[0].model();
        ComboBox<ServiceChoice> service = robot.from(listen[0]).lookup("#listen-service").queryAs(ComboBox.class);
        waitUntil(() -> service.getItems().stream().anyMatch(c -> AGENT.equals(c.name())));
        robot.interact(() -> {
            model.serviceProperty().set(service.getItems().stream().filter(c -> AGENT.equals(c.name()))
                    .findFirst().orElseThrow());
            model.start();
        });
        waitUntil(() -> model.stateProperty().get() == ListenViewModel.State.LISTENING);
        HvEndpoint ep = new HvEndpoint(VmAlias.LOOPBACK.guid(), VsockTemplate.guidForPort(5000));
        List<StreamConnection> clients = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            StreamConnection c = backend.connector().connect(ep, Duration.ofSeconds(5));
            clients.add(c);
            c.writeFully(ByteBuffer.wrap(("HELLO agent/" + i + ".0\r\nready\r\n").getBytes(StandardCharsets.UTF_8)));
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
        robot.interact(model::stop);
    }

    /** Guide: test a connection and read the results: connect, then echo runs against the demo echo. */
    @Test
    @Order(9)
    @SuppressWarnings("unchecked")
    void tester(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            open(robot, "tester", theme);
            ComboBox<Object> vm = find(robot, "#tester-vm", ComboBox.class);
            waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.toString().equals("demo-linux")));
            ComboBox<Object> service = find(robot, "#tester-service", ComboBox.class);
            waitUntil(() -> !service.getItems().isEmpty());
            robot.interact(() -> {
                vm.getEditor().setText("demo-linux");
                service.getEditor().setText("Demo echo");
            });
            TableView<Object> runs = find(robot, "#tester-runs", TableView.class);
            int before = runs.getItems().size();
            robot.clickOn("#tester-kind-connect");
            robot.clickOn("#tester-start");
            waitUntil(() -> runs.getItems().size() == before + 1);
            robot.clickOn("#tester-kind-echo");
            robot.interact(() -> find(robot, "#tester-count", TextField.class).setText("20000"));
            robot.clickOn("#tester-start");
            waitUntil(() -> runs.getItems().size() == before + 2);
            write(theme == Theme.LIGHT ? "tester" : "tester-dark");
            robot.interact(stage::close);
        }
    }

    /**
     * Guide: diagnose a failing connection: the agent registered above does not run in the guest,
     * so the connect fails and offers Diagnose, which opens the Doctor on that pair.
     */
    @Test
    @Order(10)
    @SuppressWarnings("unchecked")
    void diagnose(FxRobot robot) throws Exception {
        open(robot, "connections", Theme.LIGHT);
        TabPane tabs = find(robot, "#conn-tabs", TabPane.class);
        ConnectionSessionView tab = (ConnectionSessionView) tabs.getSelectionModel().getSelectedItem().getContent();
        ComboBox<VmChoice> vm = robot.from(tab).lookup("#conn-vm").queryAs(ComboBox.class);
        waitUntil(() -> vm.getItems().stream().anyMatch(c -> c.label().equals("demo-linux")));
        robot.clickOn(vm.getEditor()).write("demo-linux");
        robot.clickOn(robot.from(tab).lookup("#conn-service").queryAs(ComboBox.class).getEditor()).write(AGENT);
        robot.type(KeyCode.ENTER);
        waitUntil(() -> robot.from(tab).lookup("#conn-diagnose").tryQuery().map(Node::isVisible).orElse(false));
        write("connect-failed");
        robot.clickOn(robot.from(tab).lookup("#conn-diagnose").queryAs(Button.class));
        waitUntil(() -> find(robot, "#doctor-rows", VBox.class).getChildren().size() == 7
                && !find(robot, "#doctor-run", Button.class).isDisabled());
        // down to the failing check at the bottom
        robot.interact(() -> {
            Node n = find(robot, "#doctor-rows", VBox.class);
            while (!(n instanceof javafx.scene.control.ScrollPane)) {
                n = n.getParent();
            }
            ((javafx.scene.control.ScrollPane) n).setVvalue(1);
        });
        write("doctor");
    }

    /** The Settings dialog (Ctrl+,), light and dark. */
    @Test
    @Order(11)
    void settings(FxRobot robot) throws Exception {
        for (Theme theme : Theme.values()) {
            open(robot, "services", theme);
            robot.clickOn("#settings");
            Scene dialog = dialog();
            writeDialog(dialog, theme == Theme.LIGHT ? "settings" : "settings-dark");
            robot.interact(() -> dialog.getWindow().hide());
            robot.interact(stage::close);
        }
    }

    /** A representative section in Simplified Chinese: Services with the selected service on each VM. */
    @Test
    @Order(12)
    @SuppressWarnings("unchecked")
    void chinese(FxRobot robot) throws Exception {
        speak(Locale.SIMPLIFIED_CHINESE);
        open(robot, "services", Theme.LIGHT);
        TableView<ServiceRegistration> table = find(robot, "#services-table", TableView.class);
        waitUntil(() -> table.getItems().stream().anyMatch(r -> AGENT.equals(r.name())));
        robot.interact(() -> table.getSelectionModel().select(
                table.getItems().stream().filter(r -> AGENT.equals(r.name())).findFirst().orElseThrow()));
        waitUntil(() -> !find(robot, "#services-policies-table", TableView.class).getItems().isEmpty());
        write("zh-CN");
    }
}
