package io.hvx.ui.connections;

import static io.hvx.ui.connections.Terminals.traffic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.TestBackend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.PipeConnector;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.core.terminal.SavedConnection;
import io.hvx.files.JsonConnectionBook;
import io.hvx.net.ResponderServers;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The section's choices and name resolution, its tabs, recent connections, and real connections to the sandbox's demo VMs. */
class ConnectionsViewModelTest {

    @TempDir
    Path tmp;

    private final TestTasks tasks = TestTasks.immediate();
    private final TestDialogs dialogs = new TestDialogs();
    private TestBackend backend;
    private ConnectionsViewModel model;

    @BeforeEach
    void sandbox() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
        model = model(backend.connector());
        model.start();
    }

    private ConnectionsViewModel model(io.hvx.core.Connector connector) {
        return new ConnectionsViewModel(backend.vms(), backend.services(), connector, backend.listenerFactory(),
                new ResponderServers(), JsonConnectionBook.inDataDir(tmp.resolve("data"), Clock.systemUTC()),
                Terminals.context(tmp.resolve("data"), tasks, dialogs), List.of(Duration.ofMillis(1)));
    }

    @AfterEach
    void close() {
        model.close();
    }

    private ServiceChoice listed(String label) {
        return model.serviceChoices().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    private VmChoice listedVm(String label) {
        return model.vmChoices().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void offersTheInventorysVmsThenTheAliasesAndServicesWithTheirPorts() {
        assertThat(model.vmChoices()).extracting(VmChoice::label)
                .containsSubsequence(SandboxSeed.DEMO_LINUX_NAME, "parent", "loopback", "wildcard")
                .contains(SandboxSeed.DEMO_WINDOWS_NAME);
        assertThat(listedVm(SandboxSeed.DEMO_LINUX_NAME).id()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);
        assertThat(listedVm("parent").id()).isEqualTo(VmAlias.PARENT.guid());
        ServiceChoice echo = listed("Demo echo · vsock:7");
        assertThat(echo.id()).isEqualTo(SandboxSeed.ECHO_SERVICE);
        assertThat(echo.shortLabel()).isEqualTo("Demo echo");
    }

    @Test
    void resolvesPickedEntriesByTheirIdsAndTypedNamesGuidsAliasesAndPorts() {
        HvEndpoint echo = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE);
        assertThat(model.resolve(listedVm("demo-linux"), listed("Demo echo · vsock:7"))).isEqualTo(echo);
        assertThat(model.resolve(VmChoice.typed("DEMO-LINUX"), ServiceChoice.typed("demo echo"))).isEqualTo(echo);
        assertThat(model.resolve(VmChoice.typed(SandboxSeed.DEMO_LINUX_ID.toString()), ServiceChoice.typed("vsock:7")))
                .isEqualTo(echo);
        assertThat(model.resolve(VmChoice.typed("parent"), ServiceChoice.typed(VsockTemplate.guidForPort(7).toString()))
                .vmId()).isEqualTo(VmAlias.PARENT.guid());
        assertThatThrownBy(() -> model.resolve(VmChoice.typed("no-such-vm"), ServiceChoice.typed("vsock:7")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("No VM is named 'no-such-vm'");
        assertThatThrownBy(() -> model.resolve(VmChoice.typed("demo-linux"), ServiceChoice.typed("no such service")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("No service is named 'no such service'");
    }

    @Test
    void aPickedEntryIsItsIdWhateverItsLabelSaysAndALabelTypedIsNotParsed() {
        // the registration was renamed after the list was loaded: the entry still means its ID
        ServiceChoice stale = new ServiceChoice("Old name", SandboxSeed.ECHO_SERVICE, null);
        assertThat(model.resolve(VmChoice.typed("demo-linux"), stale).serviceId()).isEqualTo(SandboxSeed.ECHO_SERVICE);
        // the label typed by hand is text, and no service is named like a label
        assertThatThrownBy(() -> model.resolve(VmChoice.typed("demo-linux"), ServiceChoice.typed("Demo echo · vsock:7")))
                .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("No service is named 'Demo echo · vsock:7'");
    }

    @Test
    void aConnectWithEmptyFieldsKeepsTheTitleAndItsSentenceGoesWhenTheInputChanges() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        String fresh = s.titleProperty().get();
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.titleProperty().get()).isEqualTo(fresh).doesNotContain("·");
        assertThat(s.errorProperty().get().sentence()).isEqualTo(Messages.get("vms.resolve.empty"));
        s.vmProperty().set(VmChoice.typed("d"));
        assertThat(s.errorProperty().get()).isNull();
        s.serviceProperty().set(ServiceChoice.typed(""));
        s.connect();
        tasks.until(() -> s.errorProperty().get() != null);
        assertThat(s.errorProperty().get().sentence()).isEqualTo(Messages.get("resolve.service.empty"));
        assertThat(s.titleProperty().get()).isEqualTo(fresh);
        s.timeoutProperty().set("4000");
        assertThat(s.errorProperty().get()).isNull();
    }

    @Test
    void newTabsStartWithTheCurrentChoicesAndClosingOneClosesItsConnection() throws Exception {
        PipeConnector pipes = new PipeConnector(List.of());
        ConnectionsViewModel m = model(pipes);
        m.start();
        ConnectionSessionViewModel first = m.newSession(null);
        first.vmProperty().set(VmChoice.typed("demo-linux"));
        first.serviceProperty().set(listed("Demo echo · vsock:7"));
        first.timeoutProperty().set("900");
        first.connect();
        tasks.until(() -> first.stateProperty().get() == State.CONNECTED);
        ConnectionSessionViewModel second = m.newSession(first);
        assertThat(second.vmProperty().get()).isEqualTo(VmChoice.typed("demo-linux"));
        assertThat(second.serviceProperty().get().id()).isEqualTo(SandboxSeed.ECHO_SERVICE);
        assertThat(second.timeoutProperty().get()).isEqualTo("900");
        assertThat(pipes.last().isClosed()).isFalse();
        m.closeSession(first);
        assertThat(m.sessions()).containsExactly(second);
        assertThat(first.stateProperty().get()).isEqualTo(State.CLOSED);
        assertThat(pipes.last().isClosed()).as("closing the tab closed its connection").isTrue();
        m.close();
    }

    @Test
    void aConnectionIsRememberedAsRecentCanBeStarredAndIsThereNextTime() throws Exception {
        ConnectionSessionViewModel s = model.open(listedVm("demo-linux"), listed("Demo echo · vsock:7"));
        s.connect();
        tasks.until(() -> !model.saved().isEmpty());
        assertThat(model.saved()).extracting(SavedConnection::label).containsExactly("demo-linux · Demo echo");
        assertThat(model.saved().getFirst().favourite()).isFalse();
        model.favourite(model.saved().getFirst(), true);
        ConnectionSessionViewModel typed = model.open(VmChoice.typed("demo-linux"), ServiceChoice.typed("vsock:9"));
        typed.connect();
        tasks.until(() -> model.saved().size() == 2);
        assertThat(model.saved()).extracting(SavedConnection::label)
                .as("favourites first").containsExactly("demo-linux · Demo echo", "demo-linux · vsock:9");

        ConnectionsViewModel next = model(backend.connector());
        next.start();
        assertThat(next.saved()).extracting(SavedConnection::label).containsExactly("demo-linux · Demo echo", "demo-linux · vsock:9");
        SavedConnection star = next.saved().getFirst();
        assertThat(star.favourite()).isTrue();
        assertThat(star.service().id()).isEqualTo(SandboxSeed.ECHO_SERVICE);
        ConnectionSessionViewModel again = next.open(star);
        tasks.until(() -> again.stateProperty().get() == State.CONNECTED);
        next.forget(next.saved().getLast());
        assertThat(next.saved()).hasSize(1);
        next.close();
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
    void echoesThroughTheSandboxAndEndsWithClosedByPeer() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set(listedVm("demo-linux"));
        s.serviceProperty().set(listed("Demo echo · vsock:7"));
        s.connect();
        assertThat(s.titleProperty().get()).isEqualTo("demo-linux · Demo echo");
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        s.sender().inputProperty().set("hello");
        s.sender().send();
        tasks.until(() -> traffic(s.terminal()).equals(List.of("> hello", "< hello")));
        s.sender().inputProperty().set("你好");
        s.sender().send();
        tasks.until(() -> traffic(s.terminal()).equals(List.of("> hello", "< hello", "> 你好", "< 你好")));
        tasks.until(() -> {
            s.pulse();
            return s.sentProperty().get() == 6 + 7 && s.receivedProperty().get() == 13;
        });
        s.sender().sendEof();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(s.errorProperty().get()).isNull();
        s.terminal().hexProperty().set(true);
        assertThat(Terminals.rows(s.terminal())).contains(
                "00000000  68 65 6c 6c 6f 0a                                 |hello.|");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
    void aVmThatIsOffGetsTheVmOffSentence() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set(VmChoice.typed("demo-windows"));
        s.serviceProperty().set(ServiceChoice.typed("vsock:7"));
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence()).contains("cannot be reached").contains("the VM is off");
        assertThat(s.errorProperty().get().hasDetail()).isTrue();
    }

    @Test
    void anUnknownVmNameIsReportedAsBadInput() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set(VmChoice.typed("demo-linx"));
        s.serviceProperty().set(ServiceChoice.typed("vsock:7"));
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence())
                .startsWith("No VM is named 'demo-linx' (closest: demo-linux)");
    }
}
