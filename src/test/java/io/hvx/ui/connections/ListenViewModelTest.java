package io.hvx.ui.connections;

import static io.hvx.ui.connections.Terminals.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.TestBackend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.net.ResponderServers;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** A Listen tab over the sandbox: accepting, sub-sessions with their terminals, responders, Close all and Stop. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class ListenViewModelTest {

    private static final HvEndpoint CLIENT_SIDE = new HvEndpoint(VmAlias.LOOPBACK.guid(), VsockTemplate.guidForPort(5000));

    @TempDir
    Path tmp;

    private final TestTasks tasks = TestTasks.immediate();
    private final List<StreamConnection> clients = new ArrayList<>();
    private TestBackend backend;
    private ConnectionsViewModel section;
    private ListenViewModel listen;

    @BeforeEach
    void listener() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
        backend.services().add(VsockTemplate.guidForPort(5000), "My guest agent");
        section = new ConnectionsViewModel(backend.vms(), backend.services(), backend.connector(), backend.listenerFactory(),
                new ResponderServers(), io.hvx.files.JsonConnectionBook.inDataDir(tmp, java.time.Clock.systemUTC()),
                Terminals.context(tmp, tasks, new TestDialogs()), List.of(Duration.ofMillis(1)));
        listen = section.newListen(ServiceChoice.typed("vsock:5000"));
    }

    @AfterEach
    void close() {
        clients.forEach(StreamConnection::close);
        section.close();
    }

    private void start(ListenViewModel.Mode mode) throws InterruptedException {
        listen.modeProperty().set(mode);
        listen.start();
        tasks.until(() -> listen.stateProperty().get() == ListenViewModel.State.LISTENING);
    }

    private StreamConnection client(String hello) {
        StreamConnection c = backend.connector().connect(CLIENT_SIDE, Duration.ofSeconds(5));
        clients.add(c);
        c.writeFully(ByteBuffer.wrap(hello.getBytes(StandardCharsets.UTF_8)));
        return c;
    }

    private static String read(StreamConnection c, int n) {
        ByteBuffer b = ByteBuffer.allocate(n);
        while (b.hasRemaining()) {
            if (c.read(b) < 0) {
                break;
            }
        }
        return new String(b.array(), 0, b.position(), StandardCharsets.UTF_8);
    }

    /** Whether the client sees its connection end: end of stream, or a reset when unread data was dropped. */
    private static boolean ended(StreamConnection c) {
        try {
            return read(c, 1).isEmpty();
        } catch (HvxException e) {
            return true;
        }
    }

    @Test
    void eachAcceptedConnectionIsASubSessionWithItsOwnTerminalThatTheUserAnswersIn() throws Exception {
        start(ListenViewModel.Mode.MANUAL);
        assertThat(listen.titleProperty().get()).isEqualTo("Listen · vsock:5000 · wildcard");
        assertThat(listen.addressProperty().get()).startsWith("unix:");
        StreamConnection c = client("HELLO agent/1.0\n");
        tasks.until(() -> listen.sessions().size() == 1
                && traffic(listen.sessions().getFirst().terminal()).contains("< HELLO agent/1.0"));
        AcceptedSessionViewModel sub = listen.sessions().getFirst();
        assertThat(listen.selectedProperty().get()).isSameAs(sub);
        assertThat(sub.number()).isEqualTo(1);
        assertThat(sub.sender().canSendProperty().get()).isTrue();
        sub.sender().inputProperty().set("WELCOME");
        assertThat(sub.sender().send()).isTrue();
        assertThat(read(c, 8)).isEqualTo("WELCOME\n");
        assertThat(traffic(sub.terminal())).containsExactly("< HELLO agent/1.0", "> WELCOME");
        // the writer counts a write once it returns, which may be after the client read it
        tasks.until(() -> {
            listen.refresh();
            return sub.sentProperty().get() == 8;
        });
        assertThat(listen.acceptedProperty().get()).isEqualTo(1);
        assertThat(listen.openProperty().get()).isEqualTo(1);
        assertThat(sub.receivedProperty().get()).isEqualTo(16);

        c.close();
        tasks.until(() -> sub.stateProperty().get() == State.PEER_CLOSED);
        listen.refresh();
        assertThat(listen.openProperty().get()).isZero();
    }

    @Test
    void aResponderAnswersAndTheTerminalShowsItsTrafficReadOnly() throws Exception {
        start(ListenViewModel.Mode.ECHO);
        StreamConnection c = client("ping\n");
        assertThat(read(c, 5)).isEqualTo("ping\n");
        tasks.until(() -> listen.sessions().size() == 1
                && traffic(listen.sessions().getFirst().terminal()).equals(List.of("< ping", "> ping")));
        AcceptedSessionViewModel sub = listen.sessions().getFirst();
        assertThat(sub.sender().canSendProperty().get()).as("the responder drives the connection").isFalse();
        c.shutdownOutput();
        tasks.until(() -> sub.stateProperty().get() == State.PEER_CLOSED);
        assertThat(read(c, 1)).as("the echo half-closes when the client does").isEmpty();
    }

    @Test
    void closeAllClosesEveryConnectionAndTheListenerGoesOnAccepting() throws Exception {
        start(ListenViewModel.Mode.MANUAL);
        for (int i = 1; i <= 5; i++) {
            client("client " + i + "\n");
        }
        tasks.until(() -> listen.sessions().size() == 5);
        assertThat(listen.sessions()).extracting(AcceptedSessionViewModel::number).containsExactly(1, 2, 3, 4, 5);
        listen.closeAll();
        tasks.until(() -> listen.sessions().stream().noneMatch(AcceptedSessionViewModel::isOpen));
        assertThat(listen.sessions()).allMatch(s -> s.stateProperty().get() == State.CLOSED);
        for (StreamConnection c : clients) {
            assertThat(ended(c)).as("the client sees the end").isTrue();
        }
        client("late\n");
        tasks.until(() -> listen.sessions().size() == 6);
        listen.clearClosed();
        assertThat(listen.sessions()).extracting(AcceptedSessionViewModel::number).containsExactly(6);
        assertThat(listen.selectedProperty().get().number()).isEqualTo(6);
    }

    @Test
    void stopClosesTheListenerAndItsConnections() throws Exception {
        start(ListenViewModel.Mode.SINK);
        StreamConnection c = client("data\n");
        tasks.until(() -> listen.sessions().size() == 1);
        listen.stop();
        tasks.until(() -> listen.sessions().getFirst().stateProperty().get() == State.CLOSED);
        assertThat(listen.stateProperty().get()).isEqualTo(ListenViewModel.State.STOPPED);
        assertThat(ended(c)).isTrue();
        tasks.runAll();
        assertThatThrownBy(() -> backend.connector().connect(CLIENT_SIDE, Duration.ofSeconds(1)))
                .isInstanceOf(HvxException.class).hasMessageContaining("refused");
    }

    @Test
    void anUnregisteredServiceIsRefusedWithTheSentenceWindowsWouldGive() throws Exception {
        listen.serviceProperty().set(ServiceChoice.typed("vsock:6001"));
        listen.start();
        tasks.until(() -> listen.stateProperty().get() == ListenViewModel.State.FAILED);
        assertThat(listen.errorProperty().get().sentence()).startsWith("Hyper-V refused to listen on wildcard/")
                .contains("the service ID is not registered on this host");
        assertThat(listen.errorProperty().get().detail()).contains("WSAEACCES (10013)");
        listen.maxConnectionsProperty().set("0");
        listen.start();
        assertThat(listen.errorProperty().get().sentence()).isEqualTo(Messages.get("listen.error.max", "0"));
    }

    @Test
    void aListenerInsideARunningVmTakesItsClientsToo() throws Exception {
        listen.scopeProperty().set(VmChoice.typed("demo-linux"));
        start(ListenViewModel.Mode.ECHO);
        StreamConnection c = backend.connector().connect(new HvEndpoint(io.hvx.core.SandboxSeed.DEMO_LINUX_ID,
                VsockTemplate.guidForPort(5000)), Duration.ofSeconds(5));
        clients.add(c);
        c.writeFully(ByteBuffer.wrap("x".getBytes(StandardCharsets.UTF_8)));
        assertThat(read(c, 1)).isEqualTo("x");
        tasks.until(() -> listen.sessions().size() == 1);
    }

    @Test
    void onlyTheSelectedConnectionIsDecodedAndSelectingAnotherShowsWhatItReceived() throws Exception {
        start(ListenViewModel.Mode.ECHO);
        StreamConnection first = client("first\n");
        assertThat(read(first, 6)).isEqualTo("first\n");
        tasks.until(() -> listen.sessions().size() == 1);
        StreamConnection second = client("second\n");
        // the echo answers once the tap has the bytes: they are in the second terminal's hands now
        assertThat(read(second, 7)).isEqualTo("second\n");
        tasks.until(() -> listen.sessions().size() == 2);
        AcceptedSessionViewModel one = listen.sessions().get(0);
        AcceptedSessionViewModel two = listen.sessions().get(1);
        assertThat(listen.selectedProperty().get()).isSameAs(one);
        assertThat(two.terminal().holding()).as("not shown: held, not decoded").isTrue();
        assertThat(two.terminal().buffer().lineCount()).isZero();
        assertThat(two.terminal().buffer().hasOpenLine()).isFalse();
        tasks.until(() -> traffic(one.terminal()).equals(List.of("< first", "> first")));

        listen.selectedProperty().set(two);
        assertThat(two.terminal().holding()).isFalse();
        assertThat(traffic(two.terminal())).containsExactly("< second", "> second");
        assertThat(Terminals.lines(two.terminal()).getFirst()).contains(Messages.get("listen.note.accepted", 2, two.peer()));
        assertThat(one.terminal().holding()).as("no longer shown").isTrue();

        first.writeFully(ByteBuffer.wrap("more\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(read(first, 5)).isEqualTo("more\n");
        assertThat(traffic(one.terminal())).as("held until shown again").containsExactly("< first", "> first");
        listen.selectedProperty().set(one);
        assertThat(traffic(one.terminal())).containsExactly("< first", "> first", "< more", "> more");
    }

    @Test
    void connectionsThatArriveTogetherReachTheListInOneBatch() throws Exception {
        start(ListenViewModel.Mode.ECHO);
        int n = 20;
        for (int i = 0; i < n; i++) {
            StreamConnection c = client("hello " + i + "\n");
            // answered: its arrival is queued for the UI thread, which has not run yet
            assertThat(read(c, ("hello " + i + "\n").length())).isEqualTo("hello " + i + "\n");
        }
        List<Integer> sizes = new ArrayList<>();
        listen.sessions().addListener((javafx.collections.ListChangeListener<AcceptedSessionViewModel>) ch -> sizes.add(listen.sessions().size()));
        long before = listen.batches();
        tasks.runAll();
        assertThat(listen.batches() - before).as("one drain for all that waited").isEqualTo(1);
        assertThat(sizes).as("one list change for twenty rows").containsExactly(n);
        assertThat(listen.sessions()).extracting(AcceptedSessionViewModel::number)
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, n).boxed().toList());
        assertThat(listen.openProperty().get()).isEqualTo(n);
        assertThat(listen.sessions().stream().filter(s -> !s.terminal().holding()))
                .as("only the selected one decodes").containsExactly(listen.selectedProperty().get());
    }

    @Test
    void threeHundredClientsAreServedAtOnce() throws Exception {
        start(ListenViewModel.Mode.ECHO);
        for (int i = 0; i < 300; i++) {
            client("hello " + i + "\n");
        }
        tasks.until(() -> {
            listen.refresh();
            return listen.sessions().size() == 300 && listen.openProperty().get() == 300;
        });
        assertThat(listen.acceptedProperty().get()).isEqualTo(300);
        for (int i = 0; i < 300; i++) {
            String expected = "hello " + i + "\n";
            assertThat(read(clients.get(i), expected.length())).isEqualTo(expected);
        }
        listen.closeAll();
        tasks.until(() -> {
            listen.refresh();
            return listen.openProperty().get() == 0;
        });
    }
}
