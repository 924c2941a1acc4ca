package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.services.ServicesSection;
import io.hvx.ui.shell.MainWindow;
import io.hvx.ui.vms.VmsSection;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Connections section inside the main window, headless, against the sandbox's demo VMs: typing
 * to the echo and reading the terminal, the hex view, tabs, errors, and opening a terminal from
 * the Services and Virtual machines sections.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class ConnectionsViewFxTest {

    private static final String TIME = "\\d\\d:\\d\\d:\\d\\d\\.\\d{3}";

    @TempDir
    Path tmp;

    Stage stage;
    MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = Settings.inMemory();
        settings.put(Settings.Key.WINDOW_WIDTH, "1200");
        settings.put(Settings.Key.WINDOW_HEIGHT, "780");
        settings.put(Settings.Key.THEME, "light");
        window = App.createMainWindow(stage, TestBackend.sandbox(tmp), settings);
        window.show();
        window.show(ConnectionsSection.ID);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(stage::close);
    }

    private TabPane tabs(FxRobot robot) {
        return robot.from(stage.getScene().getRoot()).lookup("#conn-tabs").queryAs(TabPane.class);
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        Node content = tabs(robot).getSelectionModel().getSelectedItem().getContent();
        return robot.from(content).lookup(query).queryAs(type);
    }

    private ConnectionSessionView tab(FxRobot robot) {
        return (ConnectionSessionView) tabs(robot).getSelectionModel().getSelectedItem().getContent();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        // conditions may read controls the FX thread changes: evaluate them there
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitForChoices(FxRobot robot) throws TimeoutException {
        waitUntil(() -> find(robot, "#conn-vm", ComboBox.class).getItems().stream()
                .anyMatch(c -> c.toString().equals("demo-linux")));
        waitUntil(() -> !find(robot, "#conn-service", ComboBox.class).getItems().isEmpty());
    }

    /** Types both choices and presses Enter. */
    private void connect(FxRobot robot, String vm, String service) throws TimeoutException {
        waitForChoices(robot);
        robot.clickOn(find(robot, "#conn-vm", ComboBox.class).getEditor()).write(vm);
        robot.clickOn(find(robot, "#conn-service", ComboBox.class).getEditor()).write(service);
        robot.type(KeyCode.ENTER);
    }

    /** Opens a picker's list and clicks the entry shown as {@code label}. */
    private void pick(FxRobot robot, String picker, String label) throws TimeoutException {
        ComboBox<?> box = find(robot, picker, ComboBox.class);
        robot.clickOn(robot.from(box).lookup(".arrow-button").queryAs(Node.class));
        waitUntil(box::isShowing);
        robot.clickOn(robot.lookup(".list-cell").match(c -> label.equals(((ListCell<?>) c).getText())).queryAs(Node.class));
        waitUntil(() -> !box.isShowing());
    }

    private String state(FxRobot robot) {
        return find(robot, "#conn-state", Label.class).getText();
    }

    /** The rows the terminal drew last: timestamp, direction mark, text. */
    private List<String> shown(FxRobot robot) {
        return find(robot, "#term-pane", TerminalPane.class).shownRows();
    }

    private void sendLine(FxRobot robot, String line) {
        robot.clickOn(find(robot, "#conn-input", TextField.class)).write(line).type(KeyCode.ENTER);
    }

    @Test
    void typesHelloAndSeesItSentThenEchoedWithTimestamps(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "vsock:7");
        waitUntil(() -> "Connected".equals(state(robot)));
        assertThat(tabs(robot).getTabs().getFirst().getText()).isEqualTo("demo-linux · vsock:7");
        sendLine(robot, "hello");
        waitUntil(() -> shown(robot).stream().anyMatch(r -> r.endsWith("← hello")));
        List<String> rows = shown(robot);
        assertThat(rows.get(rows.size() - 2)).matches(TIME + " → hello");
        assertThat(rows.getLast()).matches(TIME + " ← hello");
        assertThat(rows.getFirst()).matches(TIME + " • Connecting to demo-linux · vsock:7…");
        assertThat(find(robot, "#conn-input", TextField.class).getText()).isEmpty();
        waitUntil(() -> find(robot, "#conn-status", Label.class).getText().startsWith("Sent 6 B  ·  Received 6 B"));

        // Up brings the line back
        robot.clickOn(find(robot, "#conn-input", TextField.class)).type(KeyCode.UP);
        assertThat(find(robot, "#conn-input", TextField.class).getText()).isEqualTo("hello");
        robot.type(KeyCode.ENTER);
        waitUntil(() -> shown(robot).stream().filter(r -> r.endsWith("← hello")).count() == 2);

        robot.interact(() -> tab(robot).model().sender().sendEof());
        waitUntil(() -> "Closed by peer".equals(state(robot)));
        assertThat(find(robot, "#conn-input", TextField.class).isDisabled()).isTrue();
        // Connect works again at once: no Disconnect first
        Button connect = find(robot, "#conn-connect", Button.class);
        assertThat(connect.isDisabled()).isFalse();
        robot.clickOn(connect);
        waitUntil(() -> "Connected".equals(state(robot)));
        sendLine(robot, "again");
        waitUntil(() -> shown(robot).getLast().endsWith("← again"));
    }

    @Test
    void theHexViewShowsTheSameBytesAndTheTimestampsCanBeTurnedOff(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "Demo echo");
        waitUntil(() -> "Connected".equals(state(robot)));
        sendLine(robot, "hello");
        waitUntil(() -> shown(robot).getLast().endsWith("← hello"));
        robot.clickOn(find(robot, "#term-hex", ToggleButton.class));
        waitUntil(() -> shown(robot).getLast().matches(TIME + " ← 00000000  68 65 6c 6c 6f 0a +\\|hello\\.\\|"));
        assertThat(shown(robot).get(shown(robot).size() - 2)).matches(TIME + " → 00000000  68 65 6c 6c 6f 0a +\\|hello\\.\\|");
        robot.clickOn(find(robot, "#term-text", ToggleButton.class));
        robot.interact(() -> tab(robot).model().terminal().timestampsProperty().set(io.hvx.core.terminal.TimestampFormat.OFF));
        waitUntil(() -> shown(robot).getLast().equals("← hello"));
    }

    @Test
    void thePickedServiceIsUsedByItsIdAndTitledByItsName(FxRobot robot) throws Exception {
        waitForChoices(robot);
        robot.clickOn(find(robot, "#conn-vm", ComboBox.class).getEditor()).write("demo-linux");
        pick(robot, "#conn-service", "Demo echo · vsock:7");
        assertThat(find(robot, "#conn-service", ComboBox.class).getEditor().getText()).isEqualTo("Demo echo · vsock:7");
        robot.clickOn(find(robot, "#conn-connect", Button.class));
        waitUntil(() -> "Connected".equals(state(robot)));
        assertThat(tabs(robot).getTabs().getFirst().getText()).isEqualTo("demo-linux · Demo echo");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aPickedServiceSurvivesAReloadOfTheLists(FxRobot robot) throws Exception {
        waitForChoices(robot);
        pick(robot, "#conn-service", "Demo echo · vsock:7");
        ConnectionSessionViewModel session = tab(robot).model();
        ComboBox<ServiceChoice> box = find(robot, "#conn-service", ComboBox.class);
        // what reloadChoices does with a fresh list from the store: equal entries, new objects
        robot.interact(() -> box.getItems().setAll(box.getItems().stream()
                .map(c -> new ServiceChoice(c.name(), c.id(), c.typed())).toList()));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(session.serviceProperty().get().isTyped()).isFalse();
        assertThat(find(robot, "#conn-service", ComboBox.class).getEditor().getText()).isEqualTo("Demo echo · vsock:7");
    }

    @Test
    void anEmptyConnectKeepsTheTitleAndTheBannerGoesWhenTheInputChanges(FxRobot robot) throws Exception {
        waitForChoices(robot);
        String title = tabs(robot).getTabs().getFirst().getText();
        robot.clickOn(find(robot, "#conn-connect", Button.class));
        ErrorBanner banner = find(robot, "#conn-error", ErrorBanner.class);
        waitUntil(banner::isShowing);
        assertThat(tabs(robot).getTabs().getFirst().getText()).isEqualTo(title);
        robot.clickOn(find(robot, "#conn-vm", ComboBox.class).getEditor()).write("d");
        waitUntil(() -> !banner.isShowing());
    }

    @Test
    void theTerminalUsesAMonospacedFont(FxRobot robot) throws Exception {
        Font font = WaitForAsyncUtils.asyncFx(() -> robot.from(find(robot, "#term-pane", TerminalPane.class))
                .lookup(".terminal-font").queryAs(Text.class).getFont()).get();
        assertThat(width("iiiiiiiiii", font)).as("i×10 against W×10 in " + font)
                .isCloseTo(width("WWWWWWWWWW", font), org.assertj.core.data.Offset.offset(0.5));
    }

    private static double width(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    @Test
    void aVmThatIsOffShowsTheSentenceInTheBannerWithTheDiagnoseActionBesideIt(FxRobot robot) throws Exception {
        connect(robot, "demo-windows", "Demo echo");
        waitUntil(() -> "Failed".equals(state(robot)));
        ErrorBanner banner = find(robot, "#conn-error", ErrorBanner.class);
        assertThat(banner.isShowing()).isTrue();
        assertThat(banner.sentence()).contains("the VM is off");
        assertThat(shown(robot).getLast()).contains("• Failed: ").contains("the VM is off");
        // the choosers are usable again for the next attempt
        assertThat(find(robot, "#conn-vm", ComboBox.class).isDisabled()).isFalse();
        assertThat(tab(robot).model().endpointProperty().get()).isNotNull();
        // the place beside the error holds the Diagnose action (it opens the doctor on the pair)
        assertThat(tab(robot).failureActions().isVisible()).isTrue();
        assertThat(tab(robot).failureActions().getChildren()).extracting(Node::getId).containsExactly("conn-diagnose");
    }

    @Test
    void ctrlTOpensATabAndCtrlWClosesItsConnection(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "vsock:7");
        waitUntil(() -> "Connected".equals(state(robot)));
        ConnectionSessionViewModel first = tab(robot).model();
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        waitUntil(() -> tabs(robot).getTabs().size() == 2);
        assertThat(tabs(robot).getSelectionModel().getSelectedIndex()).isEqualTo(1);
        robot.interact(() -> tabs(robot).getSelectionModel().select(0));
        robot.clickOn(find(robot, "#term-pane", TerminalPane.class));
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(() -> tabs(robot).getTabs().size() == 1);
        assertThat(first.stateProperty().get()).isEqualTo(ConnectionSessionViewModel.State.CLOSED);
        assertThat(tab(robot).model()).isNotSameAs(first);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theServicesAndVirtualMachinesMenusOpenATerminalHere(FxRobot robot) throws Exception {
        robot.interact(() -> window.show(ServicesSection.ID));
        TableView<ServiceRegistration> services = robot.lookup("#services-table").queryAs(TableView.class);
        waitUntil(() -> services.getItems().stream().anyMatch(r -> "Demo echo".equals(r.name())));
        robot.clickOn("Demo echo");
        // Monocle shows no context-menu popup for a robot right click; fire the menu's item instead
        robot.interact(() -> services.getContextMenu().getItems().stream()
                .filter(i -> "services-open-terminal".equals(i.getId())).findFirst().orElseThrow().fire());
        waitUntil(() -> tabs(robot).getTabs().size() == 2 && tabs(robot).isVisible());
        assertThat(tab(robot).model().serviceProperty().get().id()).isEqualTo(io.hvx.core.SandboxSeed.ECHO_SERVICE);
        assertThat(find(robot, "#conn-service", ComboBox.class).getEditor().getText()).isEqualTo("Demo echo · vsock:7");

        robot.interact(() -> window.show(VmsSection.ID));
        TableView<VirtualMachine> vms = robot.lookup("#vms-table").queryAs(TableView.class);
        waitUntil(() -> vms.getItems().size() == 2);
        robot.interact(() -> vms.getSelectionModel().select(
                vms.getItems().stream().filter(v -> v.name().equals("demo-linux")).findFirst().orElseThrow()));
        robot.interact(() -> vms.getContextMenu().getItems().stream()
                .filter(i -> "vms-open-terminal".equals(i.getId())).findFirst().orElseThrow().fire());
        waitUntil(() -> tabs(robot).getTabs().size() == 3);
        assertThat(tab(robot).model().vmProperty().get().label()).isEqualTo("demo-linux");

        robot.interact(() -> window.show(ServicesSection.ID));
        robot.interact(() -> services.getContextMenu().getItems().stream()
                .filter(i -> "services-listen".equals(i.getId())).findFirst().orElseThrow().fire());
        waitUntil(() -> tabs(robot).getSelectionModel().getSelectedItem().getContent() instanceof ListenView);
        ListenView listen = (ListenView) tabs(robot).getSelectionModel().getSelectedItem().getContent();
        assertThat(listen.model().serviceProperty().get().id()).isEqualTo(io.hvx.core.SandboxSeed.ECHO_SERVICE);
    }
}
