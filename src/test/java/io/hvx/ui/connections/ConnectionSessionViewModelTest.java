package io.hvx.ui.connections;

import static io.hvx.ui.connections.Terminals.lines;
import static io.hvx.ui.connections.Terminals.traffic;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.KnownService;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.PipeConnector;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.core.terminal.SavedConnection;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A connection tab's states, data flow, notes, reconnects and warnings over an in-memory connector, without the toolkit. */
class ConnectionSessionViewModelTest {

    private static final HvEndpoint ECHO = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(7));

    @TempDir
    Path tmp;

    private final TestTasks tasks = TestTasks.immediate();
    private final TestDialogs dialogs = new TestDialogs();
    private final Settings settings = Settings.inMemory();
    private final List<SavedConnection> remembered = new ArrayList<>();
    private final List<ConnectionSessionViewModel> sessions = new ArrayList<>();

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.US);
    }

    private ConnectionSessionViewModel session(io.hvx.core.Connector connector, HvEndpoint target) {
        ConnectionSessionViewModel s = new ConnectionSessionViewModel(connector, (vm, service) -> target,
                Terminals.context(tmp, tasks, dialogs, settings), remembered::add,
                List.of(Duration.ofMillis(1), Duration.ofMillis(2)));
        s.vmProperty().set(VmChoice.typed("demo-linux"));
        s.serviceProperty().set(ServiceChoice.typed("vsock:7"));
        sessions.add(s);
        return s;
    }

    private ConnectionSessionViewModel session(PipeConnector connector) {
        return session(connector, ECHO);
    }

    @AfterEach
    void closeAll() {
        sessions.forEach(ConnectionSessionViewModel::close);
    }

    private void send(ConnectionSessionViewModel s, String line) {
        s.sender().inputProperty().set(line);
        assertThat(s.sender().send()).as("sent " + line).isTrue();
    }

    @Test
    void sendsALineAndShowsTheEchoAfterItWithItsTimeAndDirection() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CONNECTING);
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        assertThat(s.titleProperty().get()).isEqualTo("demo-linux · vsock:7");
        assertThat(s.peerProperty().get()).isEqualTo("pipe:peer");
        assertThat(connector.endpoints).containsExactly(ECHO);
        assertThat(remembered).extracting(SavedConnection::label).containsExactly("demo-linux · vsock:7");

        send(s, "hello");
        tasks.until(() -> traffic(s.terminal()).equals(List.of("> hello", "< hello")));
        assertThat(lines(s.terminal())).containsExactly("* Connecting to demo-linux · vsock:7…", "* Connected (pipe:peer)",
                "> hello", "< hello");
        var sentRow = s.terminal().rows(2, 1).getFirst();
        assertThat(s.terminal().gutter(sentRow)).matches("\\d\\d:\\d\\d:\\d\\d\\.\\d\\d\\d");
        assertThat(sentRow.line().bytes()).isEqualTo("hello\n".getBytes(StandardCharsets.UTF_8));
        tasks.until(() -> {
            s.pulse();
            return s.sentProperty().get() == 6 && s.receivedProperty().get() == 6;
        });
        assertThat(s.sender().inputProperty().get()).isEmpty();
    }

    @Test
    void sendEofLeadsToClosedByPeerAndThenClosesTheConnection() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        send(s, "last words");
        s.sender().sendEof();
        assertThat(s.sender().canSendProperty().get()).isFalse();
        s.sender().inputProperty().set("more");
        assertThat(s.sender().send()).isFalse();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        tasks.until(() -> connector.last().isClosed());
        assertThat(connector.last().outputShut).isTrue();
        // the echo may come back before or after the EOF is written; the peer closes after both
        assertThat(lines(s.terminal())).containsSubsequence("> last words", "* EOF sent: this side will send nothing more",
                "* Closed by peer: it will send nothing more");
        assertThat(lines(s.terminal())).containsSubsequence("> last words", "< last words",
                "* Closed by peer: it will send nothing more");
    }

    @Test
    void peerClosingLeavesSendingPossibleUntilTheUserEndsToo() throws Exception {
        PipeConnector connector = new PipeConnector(List.of("bye\n".getBytes(StandardCharsets.UTF_8)));
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        connector.last().peerCloses();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(traffic(s.terminal())).containsExactly("< bye");
        assertThat(s.sender().canSendProperty().get()).isTrue();
        s.disconnect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CLOSED);
        assertThat(connector.last().isClosed()).isTrue();
        assertThat(s.sender().canSendProperty().get()).isFalse();
    }

    @Test
    void aNewConnectionReplacesWhatIsLeftAndTheTerminalKeepsTheEarlierOne() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        send(s, "first");
        tasks.until(() -> traffic(s.terminal()).contains("< first"));
        PipeConnector.Pipe first = connector.last();
        first.peerCloses();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(s.stateProperty().get().canConnect()).isTrue();

        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CONNECTING);
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        assertThat(connector.opened).hasSize(2);
        assertThat(first.isClosed()).as("the half-closed connection was replaced").isTrue();
        send(s, "again");
        tasks.until(() -> traffic(s.terminal()).contains("< again"));
        assertThat(traffic(s.terminal())).containsExactly("> first", "< first", "> again", "< again");
        tasks.until(() -> {
            s.pulse();
            return s.sentProperty().get() == 6;
        });
    }

    @Test
    void theReaderHandsNoDataToTheUiThreadItWritesTheTerminalDirectly() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            chunks.add(new byte[] {(byte) ('a' + i % 26)});
        }
        TestTasks held = TestTasks.held();
        PipeConnector connector = new PipeConnector(chunks);
        ConnectionSessionViewModel s = new ConnectionSessionViewModel(connector, (vm, service) -> ECHO,
                Terminals.context(tmp, held, dialogs, settings), remembered::add, List.of(Duration.ofMillis(1)));
        sessions.add(s);
        s.vmProperty().set(VmChoice.typed("demo-linux"));
        s.serviceProperty().set(ServiceChoice.typed("vsock:7"));
        s.connect();
        held.runAll(); // resolves and starts the session
        // the UI thread runs nothing while all 2000 reads land in the terminal
        Terminals.await(() -> s.terminal().buffer().receivedBytes() == 2000);
        assertThat(connector.last().reads).isEqualTo(2000);
        assertThat(s.terminal().buffer().line(s.terminal().buffer().end()).text()).hasSize(2000).startsWith("abc");
        assertThat(s.terminal().lineCountProperty().get()).as("properties change only in a pulse").isZero();
        held.runAll(); // "connected"
        s.pulse();
        assertThat(s.receivedProperty().get()).isEqualTo(2000);
        assertThat(s.terminal().lineCountProperty().get()).isEqualTo(3);
    }

    @Test
    void theScrollbackKeepsTheNewestLinesOfAFloodAndSaysHowManyFellOut() throws Exception {
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, "100");
        StringBuilder flood = new StringBuilder();
        for (int i = 0; i < 250; i++) {
            flood.append("line ").append(i).append('\n');
        }
        PipeConnector connector = new PipeConnector(List.of(flood.toString().getBytes(StandardCharsets.UTF_8)));
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.terminal().buffer().receivedBytes() == flood.length()
                && s.stateProperty().get() == State.CONNECTED);
        s.pulse();
        TerminalViewModel t = s.terminal();
        assertThat(t.lineCountProperty().get()).isEqualTo(100);
        assertThat(t.droppedProperty().get()).isEqualTo(152); // the two notes and 150 lines
        assertThat(t.droppedNoteProperty().get()).isEqualTo("152 older lines not shown (the scrollback keeps the newest)");
        assertThat(traffic(t).getLast()).isEqualTo("< line 249");
    }

    @Test
    void theHexViewShowsTheSameBytes() throws Exception {
        PipeConnector connector = new PipeConnector(List.of(new byte[] {'h', 'i', 0, (byte) 0xff, '\n'}));
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.terminal().buffer().receivedBytes() == 5);
        assertThat(Terminals.rows(s.terminal())).contains("hi^@\\xff");
        s.terminal().hexProperty().set(true);
        assertThat(Terminals.rows(s.terminal()))
                .contains("00000000  68 69 00 ff 0a                                    |hi...|");
        s.terminal().hexProperty().set(false);
        assertThat(Terminals.rows(s.terminal())).contains("hi^@\\xff");
    }

    @Test
    void aBadTimeoutIsReportedWithoutConnecting() {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.timeoutProperty().set("soon");
        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.IDLE);
        assertThat(s.errorProperty().get().sentence()).isEqualTo(Messages.get("conn.error.timeout", "soon"));
        s.timeoutProperty().set("0");
        s.connect();
        assertThat(s.errorProperty().get().sentence()).isEqualTo(Messages.get("conn.error.timeout", "0"));
        assertThat(connector.opened).isEmpty();
    }

    @Test
    void aFailedConnectShowsTheEnginesSentenceAndKeepsTheEndpointForADiagnosis() throws Exception {
        HvEndpoint nowhere = new HvEndpoint(Guid.parse("00000000-0000-0000-0000-000000000000"), VsockTemplate.guidForPort(9));
        ConnectionSessionViewModel s = session((ep, t) -> {
            throw new OperationFailedException(Problem.of("net.error.refused", ep.toString()), "code 111");
        }, nowhere);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence()).isEqualTo(Messages.get("net.error.refused", nowhere.toString()));
        assertThat(s.errorProperty().get().detail()).isEqualTo("code 111");
        assertThat(s.endpointProperty().get()).isEqualTo(nowhere);
        assertThat(lines(s.terminal()).getLast()).isEqualTo("* Failed: " + Messages.get("net.error.refused", nowhere.toString()));
        // a new attempt clears the error
        s.connect();
        assertThat(s.errorProperty().get()).isNull();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
    }

    @Test
    void automaticReconnectTriesAgainWithBackoffUntilItConnects() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        PipeConnector pipes = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session((ep, t) -> {
            if (attempts.incrementAndGet() <= 2) {
                throw new OperationFailedException(Problem.of("net.error.refused", ep.toString()), "code 111");
            }
            return pipes.connect(ep, t);
        }, ECHO);
        s.autoReconnectProperty().set(true);
        assertThat(settings.get(Settings.Key.TERMINAL_AUTO_RECONNECT)).contains("true");
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        assertThat(attempts.get()).isEqualTo(3);
        assertThat(lines(s.terminal())).filteredOn(l -> l.startsWith("* Reconnecting"))
                .containsExactly("* Reconnecting in 0.0 s (attempt 1)", "* Reconnecting in 0.0 s (attempt 2)");
        assertThat(s.reconnectNoteProperty().get()).isEmpty();

        // the peer going away starts it again; turning it off stops that
        s.autoReconnectProperty().set(false);
        pipes.last().peerCloses();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        tasks.runAll();
        assertThat(attempts.get()).isEqualTo(3);
    }

    @Test
    void reconnectClosesTheOpenConnectionAndMakesANewOne() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        s.reconnect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED && connector.opened.size() == 2);
        assertThat(connector.opened.getFirst().isClosed()).isTrue();
        assertThat(lines(s.terminal())).containsSubsequence("* Connected (pipe:peer)", "* Disconnected",
                "* Connected (pipe:peer)");
    }

    @Test
    void theVmSessionServiceIsAPowerShellDirectServiceTheUserIsWarnedOnce() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector,
                new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, KnownService.VM_SESSION_SERVICE.id()));
        dialogs.confirmAnswers(false, true);
        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.IDLE);
        assertThat(connector.opened).as("No: nothing is connected").isEmpty();
        DialogService.Confirmation asked = dialogs.asked(DialogService.Confirmation.class).getFirst();
        assertThat(asked.warning()).isTrue();
        assertThat(asked.header()).contains("VM Session Service").contains("not a text service");

        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        s.reconnect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED && connector.opened.size() == 2);
        assertThat(dialogs.asked(DialogService.Confirmation.class)).as("asked once per tab and service").hasSize(2);
    }
}
