package io.hvx.ui.tester;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.HostChecks;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.VsockTemplate;
import io.hvx.core.doctor.CheckResult;
import io.hvx.core.doctor.CheckStatus;
import io.hvx.core.doctor.Doctor;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Doctor tab's state and its fix buttons, without the FX toolkit, over a sandbox. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class DoctorViewModelTest {

    @TempDir
    Path tmp;
    private TestBackend backend;
    private final List<Object[]> registered = new ArrayList<>();
    private final int[] closed = new int[1];

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
    }

    private DoctorViewModel model(TestBackend b, ElevatedRestart restart, TestTasks tasks) {
        return new DoctorViewModel(Doctor.Ports.of(b), restart, () -> closed[0]++, (id, name) -> registered.add(new Object[] {id, name}),
                tasks);
    }

    private static ElevatedRestart restart(boolean available, ElevatedRestart.Outcome outcome) {
        return new ElevatedRestart() {
            @Override
            public boolean available() {
                return available;
            }

            @Override
            public Outcome restart() {
                return outcome;
            }
        };
    }

    private static CheckResult check(DoctorViewModel d, String id) {
        return d.checks().stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void checksArriveOneByOneAndTheSummaryNamesTheFirstFailure() throws Exception {
        TestTasks tasks = TestTasks.held();
        DoctorViewModel d = model(backend, restart(false, null), tasks);
        d.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("vsock:5000"), "");
        assertThat(d.runningProperty().get()).isTrue();
        assertThat(d.summaryProperty().get()).isEqualTo("Checking\u2026");
        tasks.until(() -> !d.runningProperty().get());
        assertThat(d.checks()).extracting(CheckResult::id)
                .containsExactly("socketProvider", "rights", "vm", "service", "guestServiceInterface", "serviceEnabled", "connect");
        assertThat(d.summaryProperty().get()).isEqualTo("First failing check: Connect.");
    }

    @Test
    void theRegisterFixOpensTheAddDialogForTheService() {
        DoctorViewModel d = model(backend, restart(false, null), TestTasks.immediate());
        d.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("vsock:5000"), "1000");
        CheckResult service = check(d, "service");
        assertThat(d.canFix(service)).isTrue();
        assertThat(DoctorViewModel.fixLabel(service.fix())).isEqualTo("Register\u2026");
        assertThat(d.fix(service)).isNull();
        assertThat(registered).hasSize(1);
        assertThat(registered.getFirst()[0]).isEqualTo(VsockTemplate.guidForPort(5000));
        assertThat(registered.getFirst()[1]).isEqualTo("vsock 5000");
    }

    @Test
    void aCommandFixIsHandedToTheViewToCopy() {
        DoctorViewModel d = model(backend, restart(false, null), TestTasks.immediate());
        d.run(VmChoice.typed("demo-windows"), ServiceChoice.typed("Demo echo"), "");
        CheckResult vm = check(d, "vm");
        assertThat(vm.status()).isEqualTo(CheckStatus.FAIL);
        String command = d.fix(vm);
        assertThat(command).startsWith("hvx sandbox vm state ").endsWith(" running");
        assertThat(d.summaryProperty().get()).isEqualTo("Copied: " + command);
    }

    @Test
    void theRestartFixIsOfferedOnlyWhereThePlatformCanAndClosesThisInstanceOnceStarted() {
        TestBackend notElevated = backend.withHostChecks(HostChecks.of(() -> new HostChecks.Probe(true, "created"),
                () -> new HostChecks.Rights.Windows(false, Optional.of(false)), OptionalLong::empty));
        DoctorViewModel none = model(notElevated, restart(false, null), TestTasks.immediate());
        none.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("Demo echo"), "");
        assertThat(none.canFix(check(none, "rights"))).isFalse();

        DoctorViewModel d = model(notElevated, restart(true, ElevatedRestart.Outcome.STARTED), TestTasks.immediate());
        d.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("Demo echo"), "");
        CheckResult rights = check(d, "rights");
        assertThat(d.canFix(rights)).isTrue();
        d.fix(rights);
        assertThat(closed[0]).isEqualTo(1);

        DoctorViewModel declined = model(notElevated, restart(true, ElevatedRestart.Outcome.CANCELLED), TestTasks.immediate());
        declined.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("Demo echo"), "");
        declined.fix(check(declined, "rights"));
        assertThat(closed[0]).isEqualTo(1);
        assertThat(declined.summaryProperty().get()).isEqualTo("The restart as administrator was cancelled.");
    }

    @Test
    void aBadTimeoutIsShownAndNothingRuns() {
        DoctorViewModel d = model(backend, restart(false, null), TestTasks.immediate());
        d.run(VmChoice.typed("demo-linux"), ServiceChoice.typed("Demo echo"), "forever");
        assertThat(d.checks()).isEmpty();
        assertThat(d.errorProperty().get().sentence()).contains("Connect timeout");
    }

    @Test
    void aPickedEntryIsCheckedByItsIdNotItsLabel() {
        DoctorViewModel d = model(backend, restart(false, null), TestTasks.immediate());
        Guid echo = VsockTemplate.guidForPort(7);
        d.run(new VmChoice("demo-linux", io.hvx.core.SandboxSeed.DEMO_LINUX_ID, null),
                new ServiceChoice("Demo echo", echo, null), "");
        assertThat(d.summaryProperty().get()).isEqualTo("No check failed.");
    }
}
