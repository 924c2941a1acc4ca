package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.DefaultBackendFactory;
import io.hvx.TestBackend;
import io.hvx.cli.CliHarness;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import io.hvx.files.JsonConnectionBook;
import io.hvx.files.JsonSnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.net.ResponderServers;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.FxTaskRunner;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.Theme;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import javafx.scene.input.Clipboard;
import javafx.scene.input.KeyCode;
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
 * The Connections view with the real task runner and sandbox and a scripted dialog service,
 * headless: saving a transcript, find, selection and copy, and the Listen tab with {@code hvx
 * connect} and with 300 clients.
 */
@ExtendWith(ApplicationExtension.class)
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class TerminalFxTest {

    private static final HvEndpoint AGENT = new HvEndpoint(VmAlias.LOOPBACK.guid(), VsockTemplate.guidForPort(5000));

    @TempDir
    Path tmp;

    Stage stage;
    TestBackend backend;
    FxTaskRunner tasks;
    final TestDialogs dialogs = new TestDialogs();
    ConnectionsView view;
    final List<StreamConnection> clients = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
        backend = TestBackend.sandbox(tmp);
        backend.services().add(VsockTemplate.guidForPort(5000), "My guest agent");
        tasks = new FxTaskRunner();
        TerminalContext ctx = new TerminalContext(Settings.inMemory(), new TerminalFileStore(ZoneOffset.UTC),
                JsonSnippetBook.inDataDir(tmp), dialogs, tasks, Clock.systemUTC(), ZoneOffset.UTC);
        ConnectionsViewModel model = new ConnectionsViewModel(backend.vms(), backend.services(), backend.connector(),
                backend.listenerFactory(), new ResponderServers(), JsonConnectionBook.inDataDir(tmp, Clock.systemUTC()),
                ctx, ConnectionSessionViewModel.BACKOFF);
        model.start();
        Theme.LIGHT.apply();
        view = new ConnectionsView(model);
        Scene scene = new Scene(view, 1000, 700);
        scene.getStylesheets().add(Theme.APP_STYLESHEET);
        stage.setScene(scene);
        stage.show();
    }

    @AfterEach
    void stop(FxRobot robot) {
        clients.forEach(StreamConnection::close);
        robot.interact(() -> {
            view.dispose();
            stage.close();
        });
        tasks.close();
    }

    private static void waitUntil(Supplier<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private ConnectionSessionView connectedEcho(FxRobot robot) throws TimeoutException {
        ConnectionSessionView tab = (ConnectionSessionView) view.tabs().getSelectionModel().getSelectedItem().getContent();
        robot.interact(() -> {
            tab.model().vmProperty().set(io.hvx.core.VmChoice.typed("demo-linux"));
            tab.model().serviceProperty().set(ServiceChoice.typed("Demo echo"));
            tab.model().connect();
        });
        waitUntil(() -> tab.model().stateProperty().get() == ConnectionSessionViewModel.State.CONNECTED);
        return tab;
    }

    private static TerminalPane pane(FxRobot robot, Node in) {
        return robot.from(in).lookup("#term-pane").queryAs(TerminalPane.class);
    }

    @Test
    void aSavedTranscriptReadsBackWithItsTimestampsAndDirections(FxRobot robot) throws Exception {
        ConnectionSessionView tab = connectedEcho(robot);
        robot.clickOn(robot.from(tab).lookup("#conn-input").queryAs(TextField.class)).write("hello").type(KeyCode.ENTER);
        waitUntil(() -> pane(robot, tab).shownRows().getLast().endsWith("← hello"));
        Path file = tmp.resolve("transcript.txt");
        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(file, q.filters().getFirst())));
        robot.clickOn(robot.from(tab).lookup("#term-save").queryAs(Button.class));
        waitUntil(() -> Files.exists(file));
        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(2)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} > hello");
        assertThat(lines.get(3)).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3} < hello");
        waitUntil(() -> robot.from(tab).lookup("#term-status").queryAs(Label.class).getText()
                .equals("Saved 4 lines to " + file));
    }

    @Test
    void findScrollsToTheMatchAndTheViewStaysWhileMoreArrives(FxRobot robot) throws Exception {
        ConnectionSessionView tab = connectedEcho(robot);
        TerminalViewModel t = tab.model().terminal();
        StringBuilder many = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            many.append(i == 10 ? "the needle is here" : "hay " + i).append('\n');
        }
        robot.interact(() -> {
            tab.model().sender().formatProperty().set(io.hvx.core.terminal.SendFormat.TEXT);
            tab.model().sender().endingProperty().set(io.hvx.core.terminal.LineEnding.NONE);
            tab.model().sender().inputProperty().set(many.toString());
            tab.model().sender().send();
        });
        TerminalPane pane = pane(robot, tab);
        waitUntil(() -> pane.shownRows().getLast().endsWith("← hay 1999"));
        robot.clickOn(pane).press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        TextField find = robot.from(tab).lookup("#term-find-field").queryAs(TextField.class);
        waitUntil(find::isFocused);
        robot.write("NEEDLE").type(KeyCode.ENTER);
        waitUntil(() -> t.matchProperty().get() != null);
        // the first match after the top of the view, wrapping around: the line as it was sent
        assertThat(t.matchProperty().get()).isEqualTo(new TerminalViewModel.Match(12, 4, 10));
        waitUntil(() -> pane.shownRows().stream().anyMatch(r -> r.endsWith("→ the needle is here")));
        robot.type(KeyCode.ENTER);
        waitUntil(() -> t.matchProperty().get().row() > 12);
        waitUntil(() -> pane.shownRows().stream().anyMatch(r -> r.endsWith("← the needle is here")));
        assertThat(t.followingProperty().get()).isFalse();
        Button jump = robot.from(tab).lookup("#term-jump").queryAs(Button.class);
        assertThat(jump.isVisible()).isTrue();

        List<String> before = pane.shownRows();
        robot.interact(() -> {
            tab.model().sender().inputProperty().set("more\nand more\n");
            tab.model().sender().send();
        });
        waitUntil(() -> t.unseenProperty().get() == 4);
        waitUntil(() -> jump.getText().equals("4 new lines"));
        assertThat(pane.shownRows()).as("a paused view stays where it is").isEqualTo(before);
        robot.clickOn(jump);
        waitUntil(() -> pane.shownRows().getLast().endsWith("← and more"));
        assertThat(t.followingProperty().get()).isTrue();
    }

    @Test
    void aDoubleClickSelectsAWordAndCtrlCCopiesIt(FxRobot robot) throws Exception {
        ConnectionSessionView tab = connectedEcho(robot);
        robot.clickOn(robot.from(tab).lookup("#conn-input").queryAs(TextField.class)).write("copy these words")
                .type(KeyCode.ENTER);
        TerminalPane pane = pane(robot, tab);
        waitUntil(() -> pane.shownRows().getLast().endsWith("← copy these words"));
        robot.interact(() -> pane.select(3, 5, 3, 10));
        assertThat(pane.selectedText()).isEqualTo("these");
        robot.clickOn(pane, javafx.scene.input.MouseButton.SECONDARY);
        robot.type(KeyCode.ESCAPE);
        robot.interact(() -> pane.select(2, 0, 3, 4));
        robot.press(KeyCode.CONTROL, KeyCode.C).release(KeyCode.C, KeyCode.CONTROL);
        String copied = WaitForAsyncUtils.asyncFx(() -> Clipboard.getSystemClipboard().getString()).get();
        assertThat(copied).isEqualTo("copy these words\ncopy");
    }

    @Test
    void theListenTabAcceptsHvxConnectAndShowsItsBytes(FxRobot robot) throws Exception {
        ListenView[] listen = new ListenView[1];
        robot.interact(() -> listen[0] = view.newListen(null));
        ListenViewModel model = listen[0].model();
        ComboBox<?> service = robot.from(listen[0]).lookup("#listen-service").queryAs(ComboBox.class);
        waitUntil(() -> !service.getItems().isEmpty());
        robot.clickOn(((ComboBox<?>) service).getEditor()).write("My guest agent");
        robot.clickOn(robot.from(listen[0]).lookup("#listen-start").queryAs(Button.class));
        waitUntil(() -> model.stateProperty().get() == ListenViewModel.State.LISTENING);
        assertThat(robot.from(listen[0]).lookup("#listen-state").queryAs(Label.class).getText()).isEqualTo("Listening");

        CliHarness cli = new CliHarness(new DefaultBackendFactory(tmp.resolve("data")), tmp.resolve("sandbox"));
        CompletableFuture<CliHarness.Result> run = CompletableFuture.supplyAsync(() -> cli.runWithInput(
                "hello from hvx connect\n".getBytes(StandardCharsets.UTF_8),
                "--mode", "sandbox", "connect", "loopback", "My guest agent"));
        waitUntil(() -> model.sessions().size() == 1 && listen[0].terminal() != null
                && pane(robot, listen[0]).shownRows().stream().anyMatch(r -> r.endsWith("← hello from hvx connect")));
        waitUntil(() -> model.sessions().getFirst().stateProperty().get() == ConnectionSessionViewModel.State.PEER_CLOSED);
        robot.clickOn(robot.from(listen[0]).lookup("#conn-input").queryAs(TextField.class)).write("bye").type(KeyCode.ENTER);
        waitUntil(() -> pane(robot, listen[0]).shownRows().stream().anyMatch(r -> r.endsWith("→ bye")));
        robot.clickOn(robot.from(listen[0]).lookup("#listen-close-all").queryAs(Button.class));
        CliHarness.Result r = run.get(20, TimeUnit.SECONDS);
        assertThat(r.exit()).isZero();
        assertThat(new String(r.rawOut(), StandardCharsets.UTF_8)).isEqualTo("bye\n");
        waitUntil(() -> robot.from(listen[0]).lookup("#listen-counts").queryAs(Label.class).getText()
                .equals("0 open · 1 accepted"));
    }

    @Test
    void theWindowStaysResponsiveWithThreeHundredBusyConnections(FxRobot robot) throws Exception {
        ListenView[] listen = new ListenView[1];
        robot.interact(() -> {
            listen[0] = view.newListen(ServiceChoice.typed("vsock:5000"));
            listen[0].model().modeProperty().set(ListenViewModel.Mode.ECHO);
            listen[0].model().start();
        });
        ListenViewModel model = listen[0].model();
        waitUntil(() -> model.stateProperty().get() == ListenViewModel.State.LISTENING);
        byte[] burst = "0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnopqrstuvwxyz012345\n".repeat(200)
                .getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 300; i++) {
            StreamConnection c = backend.connector().connect(AGENT, Duration.ofSeconds(10));
            clients.add(c);
        }
        // every client sends and reads its echo at once, while the window is asked to answer
        List<Thread> pumps = new ArrayList<>();
        for (StreamConnection c : clients) {
            pumps.add(Thread.ofPlatform().daemon().start(() -> {
                c.writeFully(ByteBuffer.wrap(burst));
                ByteBuffer in = ByteBuffer.allocate(burst.length);
                while (in.hasRemaining() && c.read(in) >= 0) {
                    // reading the whole echo back
                }
            }));
        }
        for (int i = 0; i < 20; i++) {
            // the FX thread answers within a generous bound while the bytes flow (a stall would time out)
            WaitForAsyncUtils.asyncFx(() -> listen[0].isVisible()).get(5, TimeUnit.SECONDS);
        }
        for (Thread p : pumps) {
            p.join(TimeUnit.SECONDS.toMillis(30));
        }
        waitUntil(() -> {
            model.refresh();
            return model.sessions().size() == 300 && model.openProperty().get() == 300;
        });
        ListView<?> list = robot.from(listen[0]).lookup("#listen-connections").queryAs(ListView.class);
        assertThat(list.getItems()).hasSize(300);
        robot.interact(() -> model.selectedProperty().set(model.sessions().get(149)));
        AcceptedSessionViewModel chosen = model.sessions().get(149);
        assertThat(Terminals.lines(chosen.terminal()).getFirst()).startsWith("* Connection #150 accepted from ");
        assertThat(chosen.terminal().buffer().receivedBytes()).isEqualTo(burst.length);
        waitUntil(() -> pane(robot, listen[0]).shownRows().getLast().endsWith("→ 0123456789abcdefghijklmnopqrstuvwxyz"
                + "0123456789abcdefghijklmnopqrstuvwxyz012345"));
        robot.clickOn(robot.from(listen[0]).lookup("#listen-close-all").queryAs(Button.class));
        waitUntil(() -> {
            model.refresh();
            return model.openProperty().get() == 0;
        });
    }
}
