package io.hvx.cli;

import static io.hvx.core.ListedServices.entry;
import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ListedServices;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.files.JsonConnectionBook;
import io.hvx.files.JsonSnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.files.TestReportFiles;
import io.hvx.net.ResponderServers;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.connections.ConnectionSessionViewModel;
import io.hvx.ui.connections.ConnectionsViewModel;
import io.hvx.ui.connections.TerminalContext;
import io.hvx.ui.tester.TesterViewModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hvx connect}, {@code hvx test}, {@code hvx doctor}, the terminal and the Tester section
 * resolve the same text to the same (VM, service) pair: a Hyper-V VM's name from the inventory
 * and a registered service's name in another case, in windows mode through stand-ins.
 */
class SameTargetTest {

    private static final VirtualMachine WEB = new VirtualMachine(Guid.parse("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f"),
            "web-01", "Running", 60, 2, "11.0", 1L << 30, 3);
    private static final HvEndpoint EXPECTED = new HvEndpoint(WEB.id(), VsockTemplate.guidForPort(7));

    @TempDir
    Path dir;

    @Test
    void everyWayInReachesTheSamePair() throws Exception {
        Messages.setLocale(Locale.US);
        StandInBackend windows = new StandInBackend(dir, List.of(WEB),
                new ListedServices(List.of(entry(VsockTemplate.guidForPort(7), "Echo"))));
        CliHarness hvx = new CliHarness((mode, sandboxDir) -> windows, dir);

        CliHarness.Result connect = hvx.runWithInput("hi".getBytes(StandardCharsets.UTF_8), "connect", "WEB-01", "echo");
        assertThat(connect.exit()).as(connect.err()).isZero();
        CliHarness.Result test = hvx.run("test", "echo", "WEB-01", "echo", "--count", "3");
        assertThat(test.exit()).as(test.err()).isZero();
        CliHarness.Result doctor = hvx.run("doctor", "WEB-01", "echo", "--json");
        assertThat(doctor.out()).contains("\"name\": \"connect\",\n      \"status\": \"pass\"");
        assertThat(windows.connects).hasSize(3).containsOnly(EXPECTED);

        TerminalContext terminals = new TerminalContext(Settings.inMemory(), new TerminalFileStore(ZoneOffset.UTC),
                JsonSnippetBook.inDataDir(dir), new TestDialogs(), TestTasks.immediate(), Clock.systemUTC(), ZoneOffset.UTC);
        ConnectionsViewModel terminal = new ConnectionsViewModel(windows.vms(), windows.services(), windows.connector(),
                windows.listenerFactory(), new ResponderServers(), JsonConnectionBook.inDataDir(dir, Clock.systemUTC()),
                terminals, ConnectionSessionViewModel.BACKOFF);
        assertThat(terminal.resolve(VmChoice.typed("WEB-01"), ServiceChoice.typed("echo"))).isEqualTo(EXPECTED);

        TestTasks tasks = TestTasks.immediate();
        TesterViewModel tester = new TesterViewModel(windows.vms(), windows.services(), windows.connector(),
                new TestReportFiles(), tasks, new TestDialogs());
        tester.vmProperty().set(VmChoice.typed("WEB-01"));
        tester.serviceProperty().set(ServiceChoice.typed("echo"));
        tester.countProperty().set("3");
        tester.startTest();
        tasks.until(() -> !tester.runningProperty().get());
        assertThat(tester.runs()).hasSize(1);
        assertThat(tester.runs().getFirst().run().target().endpoint()).isEqualTo(EXPECTED);
        assertThat(windows.connects).hasSize(4).containsOnly(EXPECTED);
    }
}
