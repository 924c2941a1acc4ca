package io.hvx.ui.services;

import io.hvx.ui.common.TaskRunner;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VsockTemplate;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.ServiceFiles;
import io.hvx.registry.UndoJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Services view model without the FX toolkit. */
class ServicesViewModelTest {

    @TempDir
    Path tmp;

    Registrations registry;
    ServicesViewModel vm;

    @BeforeEach
    void setUp() {
        registry = new Registrations(JsonServiceStore.sandbox(tmp.resolve("sb")), new UndoJournal(tmp.resolve("data")),
                "hvx test", Clock.systemUTC());
        vm = new ServicesViewModel(registry, TaskRunner.direct());
        vm.refresh();
    }

    ServiceRegistration named(String name) {
        return vm.all().stream().filter(r -> name.equals(r.name())).findFirst().orElseThrow();
    }

    @Test
    void loadsTheListAndWritability() {
        assertThat(vm.all()).hasSize(6);
        assertThat(vm.writableProperty().get()).isTrue();
        assertThat(vm.canUndoProperty().get()).isFalse();
        assertThat(vm.readOnlyReasonProperty().get()).isNull();
    }

    @Test
    void addRenameRemoveAndUndoKeepTheSelectionOnTheService() {
        Guid id = VsockTemplate.guidForPort(4242);
        vm.add(id, "Agent");
        assertThat(vm.selectedProperty().get().id()).isEqualTo(id);
        assertThat(vm.statusProperty().get()).contains("Agent");
        vm.rename(id, "Agent 2", false);
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Agent 2");
        assertThat(vm.canUndoProperty().get()).isTrue();
        vm.remove(id, false);
        assertThat(vm.all()).noneMatch(r -> r.id().equals(id));
        assertThat(vm.selectedProperty().get()).isNull();
        vm.undo();
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Agent 2");
        vm.undo();
        assertThat(named("Agent").id()).isEqualTo(id);
        vm.undo();
        assertThat(vm.all()).noneMatch(r -> r.id().equals(id));
        assertThat(vm.canUndoProperty().get()).isFalse();
    }

    @Test
    void aRefusedActionShowsTheSentenceAndChangesNothing() throws Exception {
        byte[] before = Files.readAllBytes(tmp.resolve("sb/services.json"));
        vm.remove(named("VM Session Service").id(), true);
        assertThat(vm.errorProperty().get()).contains("built into Windows");
        vm.add(named("Demo echo").id(), "dup");
        assertThat(vm.errorProperty().get()).contains("already registered");
        assertThat(Files.readAllBytes(tmp.resolve("sb/services.json"))).isEqualTo(before);
        vm.dismissError();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void theFilterMatchesNameGuidKindAndPort() {
        vm.filterProperty().set("demo");
        assertThat(vm.visible()).extracting(ServiceRegistration::name).containsExactlyInAnyOrder("Demo echo", "Demo sink", "Demo source");
        vm.filterProperty().set("999E53D4".toLowerCase());
        assertThat(vm.visible()).extracting(ServiceRegistration::name).containsExactly("VM Session Service");
        vm.filterProperty().set("builtin");
        assertThat(vm.visible()).hasSize(2);
        vm.filterProperty().set("19");
        assertThat(vm.visible()).extracting(ServiceRegistration::name).containsExactly("Demo source");
        vm.filterProperty().set("");
        assertThat(vm.visible()).hasSize(6);
    }

    @Test
    void outsideChangesAreFollowedKeepingTheSelection() throws Exception {
        // the watcher notifies from its own thread; this queue plays the UI thread
        BlockingQueue<Runnable> uiThread = new LinkedBlockingQueue<>();
        TaskRunner direct = TaskRunner.direct();
        TaskRunner queued = new TaskRunner() {
            @Override
            public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
                direct.run(work, onSuccess, onFailure);
            }

            @Override
            public void later(Runnable action) {
                uiThread.add(action);
            }
        };
        ServicesViewModel model = new ServicesViewModel(registry, queued);
        model.refresh();
        model.selectedProperty().set(model.all().stream().filter(r -> "Demo sink".equals(r.name())).findFirst().orElseThrow());
        model.startWatching();
        try {
            Thread.sleep(200);
            new Registrations(JsonServiceStore.sandbox(tmp.resolve("sb")), new UndoJournal(tmp.resolve("other")),
                    "other process", Clock.systemUTC()).add(Guid.random(), "From outside");
            long deadline = System.currentTimeMillis() + 10_000;
            while (model.all().stream().noneMatch(r -> "From outside".equals(r.name()))
                    && System.currentTimeMillis() < deadline) {
                Runnable r = uiThread.poll(50, TimeUnit.MILLISECONDS);
                if (r != null) {
                    r.run();
                }
            }
            assertThat(model.all()).anyMatch(r -> "From outside".equals(r.name()));
            assertThat(model.selectedProperty().get().name()).isEqualTo("Demo sink");
        } finally {
            model.dispose();
        }
    }

    @Test
    void exportThenImportThroughTheViewModel() {
        Path f = tmp.resolve("all.json");
        vm.export(java.util.List.of(), ServiceFiles.Format.JSON, f);
        assertThat(f).exists();
        vm.remove(named("Demo echo").id(), false);
        AtomicReference<ImportPlan> plan = new AtomicReference<>();
        vm.planImport(f, false, false, plan::set);
        assertThat(plan.get().count(ImportPlan.Action.ADD)).isEqualTo(1);
        vm.applyImport(plan.get());
        assertThat(vm.all()).anyMatch(r -> "Demo echo".equals(r.name()));
    }

    @Test
    void theAddFormValidatesLiveAndShowsTheRegistryPath() {
        AddServiceForm form = vm.newAddForm();
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.problemProperty().get()).contains("empty");
        form.nameProperty().set("Agent");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.registryPathProperty().get()).startsWith("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT")
                .endsWith(form.id().toString());
        form.sourceProperty().set(AddServiceForm.Source.VSOCK_PORT);
        assertThat(form.validProperty().get()).isFalse();
        form.portProperty().set("2147483648");
        assertThat(form.problemProperty().get()).contains("out of range");
        form.portProperty().set("7");
        assertThat(form.problemProperty().get()).contains("already registered");
        form.portProperty().set("0x10");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.id()).isEqualTo(VsockTemplate.guidForPort(16));
        form.sourceProperty().set(AddServiceForm.Source.GIVEN);
        form.givenIdProperty().set("nope");
        assertThat(form.problemProperty().get()).contains("not a service ID");
        form.givenIdProperty().set("{ABCDEF01-2345-6789-ABCD-EF0123456789}");
        assertThat(form.validProperty().get()).isTrue();
        form.nameProperty().set("two\nlines");
        assertThat(form.problemProperty().get()).contains("control character");
    }

    @Test
    void copyFormsAreReadyToPaste() {
        ServiceRegistration r = named("Demo echo");
        assertThat(ServicesViewModel.copyText(r, ServicesViewModel.CopyForm.GUID)).isEqualTo("00000007-facb-11e6-bd58-64006a7986d3");
        assertThat(ServicesViewModel.copyText(r, ServicesViewModel.CopyForm.POWERSHELL)).isEqualTo("[Guid]'00000007-facb-11e6-bd58-64006a7986d3'");
        assertThat(ServicesViewModel.copyText(r, ServicesViewModel.CopyForm.C)).startsWith("DEFINE_GUID(HVX_SERVICE_VSOCK_7, 0x00000007, 0xfacb");
        assertThat(ServicesViewModel.copyText(r, ServicesViewModel.CopyForm.REGISTRY_PATH)).endsWith("GuestCommunicationServices\\00000007-facb-11e6-bd58-64006a7986d3");
    }

    @Test
    void aReadOnlyStoreShowsItsReasonAndCannotUndo() {
        Registrations ro = new Registrations(JsonServiceStore.readOnly(tmp.resolve("saved.json"),
                Problem.of("error.services.readOnly.guest", tmp.resolve("saved.json"))), new UndoJournal(tmp.resolve("data")), "x", Clock.systemUTC());
        ServicesViewModel m = new ServicesViewModel(ro, TaskRunner.direct());
        m.refresh();
        assertThat(m.writableProperty().get()).isFalse();
        assertThat(m.readOnlyReasonProperty().get()).contains("Linux guest");
        assertThat(m.needsElevationProperty().get()).isFalse();
        assertThat(m.canUndoProperty().get()).isFalse();
    }
}
