package io.hvx.ui.connections;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Backend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Mode;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The section's choices and name resolution, and real connections to the sandbox's demo VMs. */
class ConnectionsViewModelTest {

    @TempDir
    Path tmp;

    private final QueuedTasks tasks = new QueuedTasks();
    private ConnectionsViewModel model;

    @BeforeEach
    void sandbox() {
        Backend backend = new io.hvx.DefaultBackendFactory(tmp.resolve("data")).create(Mode.SANDBOX, tmp.resolve("sandbox"));
        model = new ConnectionsViewModel(backend.vms(), backend.services(), backend.connector(), tasks, Clock.systemUTC());
        model.start();
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void offersTheInventorysVmsThenTheAliasesAndServicesWithTheirPorts() {
        assertThat(model.vmChoices()).containsSubsequence(SandboxSeed.DEMO_LINUX_NAME, "parent", "loopback", "wildcard");
        assertThat(model.vmChoices()).contains(SandboxSeed.DEMO_WINDOWS_NAME);
        assertThat(model.serviceChoices()).contains("Demo echo · vsock:7");
    }

    @Test
    void resolvesChoicesNamesGuidsAliasesAndPorts() {
        HvEndpoint echo = new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE);
        assertThat(model.resolve("demo-linux", "Demo echo · vsock:7")).isEqualTo(echo);
        assertThat(model.resolve("DEMO-LINUX", "demo echo")).isEqualTo(echo);
        assertThat(model.resolve(SandboxSeed.DEMO_LINUX_ID.toString(), "vsock:7")).isEqualTo(echo);
        assertThat(model.resolve("parent", VsockTemplate.guidForPort(7).toString()).vmId()).isEqualTo(VmAlias.PARENT.guid());
        assertThatThrownBy(() -> model.resolve("no-such-vm", "vsock:7")).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> model.resolve("demo-linux", "no such service")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void newTabsStartWithTheCurrentChoicesAndClosingOneClosesItsConnection() {
        ConnectionSessionViewModel first = model.newSession(null);
        first.vmProperty().set("demo-linux");
        first.serviceProperty().set("vsock:7");
        first.timeoutProperty().set("900");
        ConnectionSessionViewModel second = model.newSession(first);
        assertThat(second.vmProperty().get()).isEqualTo("demo-linux");
        assertThat(second.serviceProperty().get()).isEqualTo("vsock:7");
        assertThat(second.timeoutProperty().get()).isEqualTo("900");
        model.closeSession(first);
        assertThat(model.sessions()).containsExactly(second);
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
    void echoesThroughTheSandboxAndEndsWithClosedByPeer() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set("demo-linux");
        s.serviceProperty().set("Demo echo · vsock:7");
        s.connect();
        assertThat(s.titleProperty().get()).isEqualTo("demo-linux · Demo echo");
        tasks.until(() -> s.stateProperty().get() == State.CONNECTED);
        s.send("hello");
        tasks.until(() -> s.outputProperty().get().equals("hello\n"));
        s.send("你好");
        tasks.until(() -> s.outputProperty().get().equals("hello\n你好\n"));
        tasks.until(() -> s.sentProperty().get() == 6 + 7 && s.receivedProperty().get() == 13);
        s.sendEof();
        tasks.until(() -> s.stateProperty().get() == State.PEER_CLOSED);
        assertThat(s.errorProperty().get()).isNull();
        s.hexProperty().set(true);
        assertThat(s.outputProperty().get()).startsWith("00000000  68 65 6c 6c 6f 0a");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
    void aVmThatIsOffGetsTheVmOffSentence() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set("demo-windows");
        s.serviceProperty().set("vsock:7");
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence()).contains("cannot be reached").contains("the VM is off");
        assertThat(s.errorProperty().get().hasDetail()).isTrue();
    }

    @Test
    void anUnknownVmNameIsReportedAsBadInput() throws Exception {
        ConnectionSessionViewModel s = model.newSession(null);
        s.vmProperty().set("nope");
        s.serviceProperty().set("vsock:7");
        s.connect();
        tasks.until(() -> s.stateProperty().get() == State.FAILED);
        assertThat(s.errorProperty().get().sentence()).contains("nope");
    }
}
