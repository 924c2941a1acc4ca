package io.hvx.ui.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The selected VM's service switches, without the FX toolkit, over the real sandbox policies. */
class VmServicePoliciesViewModelTest {

    @TempDir
    Path tmp;

    TestBackend backend;
    ServicePolicies policies;
    VirtualMachine linux;
    VirtualMachine windows;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
        policies = backend.policies().orElseThrow();
        linux = backend.vms().list().get(0);
        windows = backend.vms().list().get(1);
    }

    private ServicePolicies.Row row(VmServicePoliciesViewModel m, Guid service) {
        return m.rows().stream().filter(r -> r.serviceId().equals(service)).findFirst().orElseThrow();
    }

    @Test
    void showingAVmIsBusyUntilItsServicesArriveAndAnOlderAnswerIsDropped() {
        TestTasks tasks = TestTasks.held();
        VmServicePoliciesViewModel m = new VmServicePoliciesViewModel(policies, tasks);
        m.show(linux);
        assertThat(m.busyProperty().get()).isTrue();
        m.show(windows);
        tasks.runAll();
        assertThat(m.busyProperty().get()).isFalse();
        assertThat(m.rows()).hasSize(6).allMatch(r -> r.vmId().equals(windows.id()));
        m.show(null);
        tasks.runAll();
        assertThat(m.rows()).isEmpty();
    }

    @Test
    void aSwitchSetsThePolicyForTheShownVmOnlyAndSaysSo() {
        TestTasks tasks = TestTasks.immediate();
        VmServicePoliciesViewModel m = new VmServicePoliciesViewModel(policies, tasks);
        m.show(linux);
        tasks.runAll();
        m.set(row(m, SandboxSeed.ECHO_SERVICE), ServicePolicy.DISABLED);
        tasks.runAll();
        assertThat(row(m, SandboxSeed.ECHO_SERVICE).policy()).isEqualTo(ServicePolicy.DISABLED);
        assertThat(row(m, SandboxSeed.ECHO_SERVICE).effective()).isEqualTo(ServicePolicies.Effective.DISABLED);
        assertThat(m.statusProperty().get()).isEqualTo("Demo echo is now disabled for demo-linux.");
        assertThat(policies.of(windows.id()).find(windows.id(), SandboxSeed.ECHO_SERVICE).orElseThrow().policy())
                .isEqualTo(ServicePolicy.DEFERRED);
        // the list refreshing (the same VM selected again) keeps the outcome
        m.show(linux);
        tasks.runAll();
        assertThat(m.statusProperty().get()).isNotEmpty();
        m.show(windows);
        assertThat(m.statusProperty().get()).isEmpty();
    }

    @Test
    void aFailureGoesToTheBannerAndTheSwitchesShowTheTruthAgain() {
        TestTasks tasks = TestTasks.immediate();
        ServicePolicies failing = new ServicePolicies() {
            @Override
            public Table table() {
                return policies.table();
            }

            @Override
            public Table of(Guid vmId) {
                return policies.of(vmId);
            }

            @Override
            public Result set(Guid vmId, Guid serviceId, ServicePolicy policy) {
                throw new OperationFailedException(Problem.of("error.policy.jobFailed", "the VM is busy"));
            }

            @Override
            public Result setOnAllVms(Guid serviceId, ServicePolicy policy) {
                throw new AssertionError();
            }
        };
        VmServicePoliciesViewModel m = new VmServicePoliciesViewModel(failing, tasks);
        m.show(linux);
        tasks.runAll();
        m.set(row(m, SandboxSeed.SINK_SERVICE), ServicePolicy.DISABLED);
        tasks.runAll();
        assertThat(m.errorProperty().get().sentence()).contains("the VM is busy");
        assertThat(row(m, SandboxSeed.SINK_SERVICE).policy()).isEqualTo(ServicePolicy.DEFERRED);
        assertThat(m.busyProperty().get()).isFalse();
    }
}
