package io.hvx.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.ServiceRegistration;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selected service on every VM, without the FX toolkit, over the real sandbox policies. */
class ServicePolicyViewModelTest {

    @TempDir
    Path tmp;

    TestBackend backend;
    ServicePolicies policies;
    ServiceRegistration sink;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
        policies = backend.policies().orElseThrow();
        sink = backend.services().list().stream().filter(r -> r.id().equals(SandboxSeed.SINK_SERVICE)).findFirst().orElseThrow();
    }

    @Test
    void disableOnAllAsksNamingTheServiceAndTheCountAndNoChangesNothing() {
        TestTasks tasks = TestTasks.immediate();
        TestDialogs dialogs = new TestDialogs().confirmAnswers(false, true);
        ServicePolicyViewModel m = new ServicePolicyViewModel(policies, tasks, dialogs);
        AtomicInteger changes = new AtomicInteger();
        m.setOnChange(() -> {
            changes.incrementAndGet();
            m.reload();
        });
        m.show(sink);
        tasks.runAll();
        assertThat(m.rows()).extracting(ServicePolicies.Row::vmName).containsExactly("demo-linux", "demo-windows");

        m.disableOnAll();
        tasks.runAll();
        DialogService.Confirmation asked = dialogs.asked(DialogService.Confirmation.class).getFirst();
        assertThat(asked.header()).isEqualTo("Set Demo sink to disabled on all 2 VMs?");
        assertThat(m.rows()).allMatch(r -> r.policy() == ServicePolicy.DEFERRED);
        assertThat(changes).hasValue(0);

        m.disableOnAll();
        tasks.runAll();
        assertThat(m.rows()).allMatch(r -> r.policy() == ServicePolicy.DISABLED);
        assertThat(m.statusProperty().get()).isEqualTo("Demo sink is now disabled on every VM.");
        assertThat(changes).hasValue(1);
        assertThat(backend.services().lastChange().orElseThrow().action()).isEqualTo("policy");

        backend.services().undo();
        m.reload();
        tasks.runAll();
        assertThat(m.rows()).allMatch(r -> r.policy() == ServicePolicy.DEFERRED);
    }

    @Test
    void oneVmsSwitchAndDefaultChangeOnlyThatVm() {
        TestTasks tasks = TestTasks.immediate();
        ServicePolicyViewModel m = new ServicePolicyViewModel(policies, tasks, new TestDialogs());
        m.show(sink);
        tasks.runAll();
        ServicePolicies.Row windows = m.rows().get(1);
        m.set(windows, ServicePolicy.ENABLED);
        tasks.runAll();
        assertThat(m.rows().get(1).policy()).isEqualTo(ServicePolicy.ENABLED);
        assertThat(m.rows().get(0).policy()).isEqualTo(ServicePolicy.DEFERRED);
        m.set(m.rows().get(1), ServicePolicy.DEFERRED);
        tasks.runAll();
        assertThat(m.rows().get(1).policy()).isEqualTo(ServicePolicy.DEFERRED);
        m.show(null);
        tasks.runAll();
        assertThat(m.rows()).isEmpty();
    }
}
