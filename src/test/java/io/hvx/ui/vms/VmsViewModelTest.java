package io.hvx.ui.vms;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.TestTasks;
import io.hvx.vm.SandboxVmInventory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model without the FX toolkit: tasks are run when the test says so. */
class VmsViewModelTest {

    @TempDir
    Path tmp;

    private static VirtualMachine vm(String name) {
        return new VirtualMachine(Guid.random(), name, "Running", 5, 2, "10.0", 1L << 30, 0);
    }

    @Test
    void firstLoadIsBusyThenFillsTheList() {
        TestTasks tasks = TestTasks.held();
        VmsViewModel m = new VmsViewModel(new SandboxVmInventory(tmp), tasks);
        m.start();
        assertThat(m.loadingProperty().get()).isTrue();
        assertThat(m.loadedOnceProperty().get()).isFalse();
        tasks.runAll();
        assertThat(m.loadingProperty().get()).isFalse();
        assertThat(m.loadedOnceProperty().get()).isTrue();
        assertThat(m.vms()).extracting(VirtualMachine::name).containsExactly("demo-linux", "demo-windows");
        assertThat(m.lastRefreshedProperty().get()).isNotNull();
        assertThat(m.errorProperty().get()).isNull();
        m.close();
    }

    @Test
    void aFailureShowsTheMappedSentenceAndDetailAndARefreshClearsIt() {
        TestTasks tasks = TestTasks.held();
        AtomicInteger calls = new AtomicInteger();
        VmInventory flaky = () -> {
            if (calls.incrementAndGet() == 1) {
                throw new ElevationRequiredException(Problem.of("vms.error.permission"), "errorId: AccessDenied");
            }
            return List.of(vm("back"));
        };
        VmsViewModel m = new VmsViewModel(flaky, tasks);
        m.start();
        tasks.runAll();
        assertThat(m.errorProperty().get().sentence()).contains("Hyper-V Administrators");
        assertThat(m.errorProperty().get().detail()).isEqualTo("errorId: AccessDenied");
        assertThat(m.loadedOnceProperty().get()).isTrue();
        m.refresh();
        tasks.runAll();
        assertThat(m.errorProperty().get()).isNull();
        assertThat(m.vms()).extracting(VirtualMachine::name).containsExactly("back");
    }

    @Test
    void refreshesAskedForDuringALoadAreCoalescedIntoOne() {
        TestTasks tasks = TestTasks.held();
        AtomicInteger calls = new AtomicInteger();
        VmsViewModel m = new VmsViewModel(() -> {
            calls.incrementAndGet();
            return List.of();
        }, tasks);
        m.start();
        m.refresh();
        m.refresh();
        m.refresh();
        tasks.runAll();
        assertThat(calls).hasValue(2);
        assertThat(m.loadingProperty().get()).isFalse();
    }

    @Test
    void selectionSurvivesARefreshByIdAndLoadsIntegrationServices() {
        TestTasks tasks = TestTasks.held();
        SandboxVmInventory inv = new SandboxVmInventory(tmp);
        VmsViewModel m = new VmsViewModel(inv, tasks);
        m.start();
        tasks.runAll();
        m.selectedProperty().set(m.vms().get(0));
        assertThat(m.servicesLoadingProperty().get()).isTrue();
        tasks.runAll();
        assertThat(m.integrationServices()).extracting(IntegrationService::name).contains("Guest Service Interface");
        assertThat(m.guestServiceInterfaceDisabledProperty().get()).isTrue();
        assertThat(m.selectedIdText()).isEqualTo(SandboxSeed.DEMO_LINUX_ID.toString());

        inv.add("new-one", null, true);
        m.refresh();
        tasks.runAll();
        assertThat(m.vms()).hasSize(3);
        assertThat(m.selectedProperty().get().id()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);
        assertThat(m.integrationServices()).isNotEmpty();

        inv.remove("demo-linux");
        m.refresh();
        tasks.runAll();
        assertThat(m.selectedProperty().get()).isNull();
        assertThat(m.integrationServices()).isEmpty();
        assertThat(m.selectedIdText()).isNull();
    }

    @Test
    void integrationServicesOfAVmNoLongerSelectedAreDropped() {
        TestTasks tasks = TestTasks.held();
        VirtualMachine a = vm("a");
        VirtualMachine b = vm("b");
        VmInventory inv = new VmInventory() {
            @Override
            public List<VirtualMachine> list() {
                return List.of(a, b);
            }

            @Override
            public Optional<IntegrationServices> integrationServices() {
                return Optional.of(id -> List.of(new IntegrationService(id.equals(a.id()) ? "of-a" : "of-b", true, "OK", "")));
            }
        };
        VmsViewModel m = new VmsViewModel(inv, tasks);
        m.start();
        tasks.runAll();
        m.selectedProperty().set(a);
        m.selectedProperty().set(b);
        tasks.runAll();
        assertThat(m.integrationServices()).extracting(IntegrationService::name).containsExactly("of-b");
        assertThat(m.guestServiceInterfaceDisabledProperty().get()).isFalse();
    }

    @Test
    void anInventoryWithoutIntegrationServicesLoadsNone() {
        TestTasks tasks = TestTasks.held();
        VmsViewModel m = new VmsViewModel(() -> List.of(vm("host")), tasks);
        assertThat(m.integrationServicesSupported()).isFalse();
        m.start();
        tasks.runAll();
        m.selectedProperty().set(m.vms().get(0));
        assertThat(tasks.idle()).isTrue();
        assertThat(m.servicesLoadingProperty().get()).isFalse();
    }

    @Test
    void changesToTheSandboxFileRefreshTheListWithoutARestart() throws Exception {
        List<Runnable> watchers = new ArrayList<>();
        SandboxVmInventory file = new SandboxVmInventory(tmp);
        VmInventory watched = new VmInventory() {
            @Override
            public List<VirtualMachine> list() {
                return file.list();
            }

            @Override
            public Optional<AutoCloseable> watch(Runnable onChange) {
                watchers.add(onChange);
                return Optional.of(() -> watchers.remove(onChange));
            }
        };
        TestTasks tasks = TestTasks.held();
        VmsViewModel m = new VmsViewModel(watched, tasks);
        m.start();
        tasks.runAll();
        assertThat(m.watchesChanges()).isTrue();
        new SandboxVmInventory(tmp).add("added-by-cli", null, false);
        watchers.forEach(Runnable::run);
        tasks.runAll();
        assertThat(m.vms()).extracting(VirtualMachine::name).contains("added-by-cli");
        m.close();
        assertThat(watchers).isEmpty();
    }

    @Test
    void aliasesAreTheFiveDocumentedOnesWithExplanations() {
        assertThat(VmsViewModel.ALIASES).containsExactly(VmAlias.WILDCARD, VmAlias.CHILDREN, VmAlias.LOOPBACK,
                VmAlias.PARENT, VmAlias.SILOHOST);
    }

    @Test
    void anUnexpectedFailureIsShownAsADefectWithItsStackTrace() {
        TestTasks tasks = TestTasks.held();
        VmsViewModel m = new VmsViewModel(() -> {
            throw new IllegalStateException("boom");
        }, tasks);
        m.start();
        tasks.runAll();
        assertThat(m.errorProperty().get().sentence()).contains("Something unexpected").contains("IllegalStateException");
        assertThat(m.errorProperty().get().detail()).contains("java.lang.IllegalStateException: boom");
    }

    @Test
    void closingStopsWatchingButLeavesTheInventoryToItsOwner() throws Exception {
        AtomicInteger closedInventory = new AtomicInteger();
        List<Runnable> watchers = new ArrayList<>();
        class Closeable implements VmInventory, AutoCloseable {
            @Override
            public List<VirtualMachine> list() {
                return List.of();
            }

            @Override
            public Optional<AutoCloseable> watch(Runnable onChange) {
                watchers.add(onChange);
                return Optional.of(() -> watchers.remove(onChange));
            }

            @Override
            public void close() {
                closedInventory.incrementAndGet();
            }
        }
        TestTasks tasks = TestTasks.held();
        VmsViewModel m = new VmsViewModel(new Closeable(), tasks);
        m.start();
        tasks.runAll();
        m.close();
        assertThat(watchers).isEmpty();
        assertThat(closedInventory).hasValue(0);
        m.refresh();
        assertThat(tasks.idle()).as("no work after close").isTrue();
    }

    @Test
    void stateBadgesHaveAColorClassPerKindOfState() {
        assertThat(VmsView.badgeClass("Running")).isEqualTo("vms-state-running");
        assertThat(VmsView.badgeClass("Off")).isEqualTo("vms-state-off");
        assertThat(VmsView.badgeClass("Saved")).isEqualTo("vms-state-suspended");
        assertThat(VmsView.badgeClass("Starting")).isEqualTo("vms-state-transition");
        assertThat(VmsView.badgeClass("RunningCritical")).isEqualTo("vms-state-problem");
        assertThat(VmsView.badgeClass("Unknown(32783)")).isEqualTo("vms-state-problem");
    }

    @Test
    void theSectionRemembersTheAutoRefreshInterval() {
        io.hvx.core.Settings settings = io.hvx.core.Settings.inMemory();
        settings.put("vms.autoRefreshSeconds", "15"); // the key as stored in settings.json
        VmsSection section = new VmsSection(List::of, settings, TestTasks.held());
        assertThat(section.model().autoRefreshSecondsProperty().get()).isEqualTo(15);
        section.model().autoRefreshSecondsProperty().set(60);
        assertThat(settings.get(Settings.Key.VMS_AUTO_REFRESH)).contains("60");
        section.model().autoRefreshSecondsProperty().set(0);
        assertThat(settings.get(Settings.Key.VMS_AUTO_REFRESH)).isEmpty();
        settings.put(Settings.Key.VMS_AUTO_REFRESH, "7");
        assertThat(new VmsSection(List::of, settings, TestTasks.held()).model().autoRefreshSecondsProperty().get()).isZero();
        assertThat(section.id()).isEqualTo("vms");
    }
}
