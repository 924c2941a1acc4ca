package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Messages;
import io.hvx.core.PipeConnector;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The session's state, data flow, batching and bounds over an in-memory connector, without the toolkit. */
class ConnectionSessionViewModelTest {

    private final QueuedTasks tasks = new QueuedTasks();
    private final List<ConnectionSessionViewModel> sessions = new ArrayList<>();

    private ConnectionSessionViewModel session(PipeConnector connector) {
        ConnectionSessionViewModel s = new ConnectionSessionViewModel(connector,
                (vm, service) -> new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(7)),
                tasks, Clock.systemUTC());
        s.vmProperty().set(VmChoice.typed("demo-linux"));
        s.serviceProperty().set(ServiceChoice.typed("vsock:7"));
        sessions.add(s);
        return s;
    }

    @AfterEach
    void closeAll() {
        sessions.forEach(ConnectionSessionViewModel::close);
    }

    @Test
    void sendsALineAndShowsTheEcho() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CONNECTING);
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        assertThat(s.titleProperty().get()).isEqualTo("demo-linux · vsock:7");
        assertThat(s.peerProperty().get()).isEqualTo("pipe:peer");
        assertThat(connector.endpoints).containsExactly(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, VsockTemplate.guidForPort(7)));

        assertThat(s.send("hello")).isTrue();
        tasks.until(() -> s.outputProperty().get().equals("hello\n") && s.sentProperty().get() == 6);
        assertThat(s.receivedProperty().get()).isEqualTo(6);

        s.appendNewlineProperty().set(false);
        s.send("no newline");
        tasks.until(() -> s.outputProperty().get().equals("hello\nno newline") && s.sentProperty().get() == 16);
    }

    @Test
    void sendEofLeadsToClosedByPeerAndThenClosesTheConnection() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        s.send("last words");
        s.sendEof();
        assertThat(s.canSend()).isFalse();
        assertThat(s.send("more")).isFalse();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        tasks.until(() -> s.outputProperty().get().equals("last words\n"));
        tasks.until(() -> connector.last().isClosed());
        assertThat(connector.last().outputShut).isTrue();
    }

    @Test
    void peerClosingLeavesSendingPossibleUntilTheUserEndsToo() throws Exception {
        PipeConnector connector = new PipeConnector(List.of("bye\n".getBytes(StandardCharsets.UTF_8)));
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        connector.last().peerCloses();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(s.outputProperty().get()).isEqualTo("bye\n");
        assertThat(s.canSend()).isTrue();
        s.disconnect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CLOSED);
        assertThat(connector.last().isClosed()).isTrue();
    }

    @Test
    void afterClosedByPeerConnectStartsANewConnectionWithoutDisconnect() throws Exception {
        PipeConnector connector = new PipeConnector(List.of());
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        PipeConnector.Pipe first = connector.last();
        first.peerCloses();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(s.stateProperty().get().canConnect()).isTrue();

        s.connect();
        assertThat(s.stateProperty().get()).isEqualTo(State.CONNECTING);
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        assertThat(connector.opened).hasSize(2);
        assertThat(first.isClosed()).as("the half-closed connection was replaced").isTrue();
        s.send("again");
        tasks.until(() -> s.outputProperty().get().equals("again\n"));
        assertThat(s.sentProperty().get()).isEqualTo(6);
    }

    @Test
    void manySmallReadsReachTheUiThreadInOneBatch() throws Exception {
        List<byte[]> chunks = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            chunks.add(new byte[] {(byte) ('a' + i % 26)});
        }
        PipeConnector connector = new PipeConnector(chunks);
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        // the UI thread is "busy" (nothing is run) while all 2000 reads happen
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while ((connector.opened.isEmpty() || connector.last().reads < 2000) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(connector.last().reads).isEqualTo(2000);
        Thread.sleep(50);
        // "connected" and one flush: not one task per read
        assertThat(tasks.queue.size()).isLessThanOrEqualTo(2);
        tasks.drain();
        assertThat(s.receivedProperty().get()).isEqualTo(2000);
        assertThat(s.outputProperty().get()).hasSize(2000).startsWith("abc");
    }

    @Test
    void outputKeepsOnlyTheLastBytesOfAFlood() throws Exception {
        int limit = ConnectionSessionViewModel.OUTPUT_LIMIT;
        List<byte[]> chunks = new ArrayList<>();
        int total = 0;
        for (int i = 0; total < limit * 3; i++) {
            byte[] c = new byte[10_000];
            java.util.Arrays.fill(c, (byte) ('0' + i % 10));
            chunks.add(c);
            total += c.length;
        }
        byte[] tail = "THE END".getBytes(StandardCharsets.UTF_8);
        chunks.add(tail);
        total += tail.length;
        PipeConnector connector = new PipeConnector(chunks);
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        long expected = total;
        tasks.until(() -> s.receivedProperty().get() == expected);
        assertThat(s.outputProperty().get().length()).isEqualTo(limit);
        assertThat(s.outputProperty().get()).endsWith("THE END");
        assertThat(s.droppedBytes()).isEqualTo(total - limit);
    }

    @Test
    void hexToggleShowsADumpOfTheSameBytes() throws Exception {
        PipeConnector connector = new PipeConnector(List.of(new byte[] {'h', 'i', 0, (byte) 0xff, '\n'}));
        ConnectionSessionViewModel s = session(connector);
        s.connect();
        tasks.until(() -> s.receivedProperty().get() == 5);
        assertThat(s.outputProperty().get()).isEqualTo("hi\\x00\\xff\n");
        s.hexProperty().set(true);
        assertThat(s.outputProperty().get())
                .isEqualTo("00000000  68 69 00 ff 0a                                    |hi...|\n");
        s.hexProperty().set(false);
        assertThat(s.outputProperty().get()).isEqualTo("hi\\x00\\xff\n");
        s.clear();
        assertThat(s.outputProperty().get()).isEmpty();
        assertThat(s.receivedProperty().get()).isEqualTo(5);
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
    void aFailedConnectShowsTheEnginesSentence() throws Exception {
        ConnectionSessionViewModel s = new ConnectionSessionViewModel((ep, t) -> {
            throw new io.hvx.core.OperationFailedException(io.hvx.core.Problem.of("net.error.refused", ep.toString()), "code 111");
        }, (vm, service) -> new HvEndpoint(Guid.parse("00000000-0000-0000-0000-000000000000"), VsockTemplate.guidForPort(9)),
                tasks, Clock.systemUTC());
        sessions.add(s);
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence()).startsWith(Messages.get("net.error.refused", "X").substring(0, 10));
        assertThat(s.errorProperty().get().detail()).isEqualTo("code 111");
        // a new attempt clears the error
        s.connect();
        assertThat(s.errorProperty().get()).isNull();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
    }

    @Test
    void textEscapesWhatIsNotPrintable() {
        byte[] b = {'a', 0x1b, '[', 'm', '\r', '\n', 'x', '\r', (byte) 0xe4, (byte) 0xb8, (byte) 0xad, (byte) 0xc3, '\t', 0x7f};
        assertThat(Transcript.text(b, 0, b.length)).isEqualTo("a\\x1b[m\nx\\x0d中\\xc3\t\\x7f");
        byte[] cut = {(byte) 0xe4, (byte) 0xb8};
        assertThat(Transcript.text(cut, 0, 2)).isEqualTo("\\xe4\\xb8");
    }

    @Test
    void transcriptDropsTheOldestBytes() {
        Transcript t = new Transcript(8);
        t.append("abcdef".getBytes(StandardCharsets.US_ASCII), 0, 6);
        t.append("ghij".getBytes(StandardCharsets.US_ASCII), 0, 4);
        assertThat(t.text()).isEqualTo("cdefghij");
        assertThat(t.dropped()).isEqualTo(2);
        t.append("0123456789".getBytes(StandardCharsets.US_ASCII), 0, 10);
        assertThat(t.text()).isEqualTo("23456789");
        assertThat(t.dropped()).isEqualTo(12);
        assertThat(t.hex()).startsWith("0000000c  32 33");
    }
}
