package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Mode;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.ui.Screenshots;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.shell.MainWindow;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
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
 * Connects to the sandbox's demo-linux echo through the Connections section inside the main
 * window, headless. Also renders {@code connections.png} (to {@code docs/screenshots/} with
 * {@code -Dhvx.screenshots=true}).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class ConnectionsViewFxTest {

    @TempDir
    Path tmp;

    Stage stage;
    MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = Settings.inMemory();
        settings.put("window.width", "1200");
        settings.put("window.height", "780");
        settings.put("theme", "light");
        window = io.hvx.App.createMainWindow(stage,
                new io.hvx.DefaultBackendFactory(tmp.resolve("data")).create(Mode.SANDBOX, tmp.resolve("sandbox")), settings);
        window.show();
        window.show(ConnectionsSection.ID);
    }

    @AfterEach
    void stop(FxRobot robot) {
        robot.interact(stage::close);
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        TabPane tabs = robot.from(stage.getScene().getRoot()).lookup("#conn-tabs").queryAs(TabPane.class);
        Node content = tabs.getSelectionModel().getSelectedItem().getContent();
        return robot.from(content).lookup(query).queryAs(type);
    }

    private TabPane tabs(FxRobot robot) {
        return robot.from(stage.getScene().getRoot()).lookup("#conn-tabs").queryAs(TabPane.class);
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

    private String output(FxRobot robot) {
        return find(robot, "#conn-output", TextArea.class).getText();
    }

    private void sendLine(FxRobot robot, String line) {
        robot.clickOn(find(robot, "#conn-input", TextField.class)).write(line).type(KeyCode.ENTER);
    }

    @Test
    void typesALineAndSeesTheEcho(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "vsock:7");
        waitUntil(() -> "Connected".equals(state(robot)));
        assertThat(tabs(robot).getTabs().getFirst().getText()).isEqualTo("demo-linux · vsock:7");
        sendLine(robot, "hello");
        waitUntil(() -> output(robot).equals("hello\n"));
        assertThat(find(robot, "#conn-input", TextField.class).getText()).isEmpty();
        waitUntil(() -> find(robot, "#conn-status", Label.class).getText().startsWith("Sent 6 B  ·  Received 6 B"));

        robot.clickOn(find(robot, "#conn-eof", Button.class));
        waitUntil(() -> "Closed by peer".equals(state(robot)));
        assertThat(find(robot, "#conn-input", TextField.class).isDisabled()).isTrue();

        // Connect works again at once: no Disconnect first
        Button connect = find(robot, "#conn-connect", Button.class);
        assertThat(connect.isDisabled()).isFalse();
        robot.clickOn(connect);
        waitUntil(() -> "Connected".equals(state(robot)));
        sendLine(robot, "again");
        waitUntil(() -> output(robot).equals("again\n"));
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
        ConnectionSessionViewModel session = ((ConnectionSessionView) tabs(robot).getTabs().getFirst().getContent()).model();
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
    void theOutputUsesAMonospacedFont(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "vsock:7");
        waitUntil(() -> "Connected".equals(state(robot)));
        sendLine(robot, "iiii WWWW");
        waitUntil(() -> output(robot).equals("iiii WWWW\n"));
        Font font = WaitForAsyncUtils.asyncFx(() -> robot.from(find(robot, "#conn-output", TextArea.class))
                .lookup(".text").queryAs(Text.class).getFont()).get();
        assertThat(width("iiiiiiiiii", font)).as("i×10 against W×10 in " + font)
                .isCloseTo(width("WWWWWWWWWW", font), org.assertj.core.data.Offset.offset(0.5));
    }

    private static double width(String s, Font font) {
        Text t = new Text(s);
        t.setFont(font);
        return t.getLayoutBounds().getWidth();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aVmThatIsOffShowsTheSentenceInTheBanner(FxRobot robot) throws Exception {
        connect(robot, "demo-windows", "Demo echo");
        waitUntil(() -> "Failed".equals(state(robot)));
        ErrorBanner banner = find(robot, "#conn-error", ErrorBanner.class);
        assertThat(banner.isShowing()).isTrue();
        assertThat(banner.sentence()).contains("the VM is off");
        // the choosers are usable again for the next attempt
        assertThat(find(robot, "#conn-vm", ComboBox.class).isDisabled()).isFalse();
    }

    @Test
    void ctrlTOpensATabAndCtrlWClosesItsConnection(FxRobot robot) throws Exception {
        connect(robot, "demo-linux", "vsock:7");
        waitUntil(() -> "Connected".equals(state(robot)));
        ConnectionSessionViewModel first = ((ConnectionSessionView) tabs(robot).getTabs().getFirst().getContent()).model();
        robot.press(KeyCode.CONTROL, KeyCode.T).release(KeyCode.T, KeyCode.CONTROL);
        waitUntil(() -> tabs(robot).getTabs().size() == 2);
        assertThat(tabs(robot).getSelectionModel().getSelectedIndex()).isEqualTo(1);
        robot.interact(() -> tabs(robot).getSelectionModel().select(0));
        robot.clickOn(find(robot, "#conn-output", TextArea.class));
        robot.press(KeyCode.CONTROL, KeyCode.W).release(KeyCode.W, KeyCode.CONTROL);
        waitUntil(() -> tabs(robot).getTabs().size() == 1);
        assertThat(first.stateProperty().get()).isEqualTo(ConnectionSessionViewModel.State.CLOSED);
        assertThat(((ConnectionSessionView) tabs(robot).getTabs().getFirst().getContent()).model()).isNotSameAs(first);
    }

    @Test
    void writesTheConnectionsScreenshot(FxRobot robot) throws Exception {
        waitForChoices(robot);
        robot.clickOn(find(robot, "#conn-vm", ComboBox.class).getEditor()).write("demo-linux");
        pick(robot, "#conn-service", "Demo echo · vsock:7");
        robot.clickOn(find(robot, "#conn-connect", Button.class));
        waitUntil(() -> "Connected".equals(state(robot)));
        sendLine(robot, "hello");
        sendLine(robot, "ping from the host");
        sendLine(robot, "GET /status");
        waitUntil(() -> output(robot).equals("hello\nping from the host\nGET /status\n"));
        robot.clickOn(find(robot, "#conn-input", TextField.class)).write("one more line");
        WaitForAsyncUtils.waitForFxEvents();
        Path png = Screenshots.write(stage.getScene(), "connections");
        assertThat(javax.imageio.ImageIO.read(png.toFile()).getWidth()).isGreaterThanOrEqualTo(1100);
    }
}
