package io.hvx.ui.services;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceFormats.FileFormat;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VsockTemplate;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.RegistrationFormats;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import io.hvx.ui.common.DialogService.ChosenFile;
import io.hvx.ui.common.DialogService.Confirmation;
import io.hvx.ui.common.DialogService.FileFilter;
import io.hvx.ui.common.DialogService.FileQuestion;
import io.hvx.ui.common.DialogService.TextQuestion;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Services view model without the FX toolkit: every flow through the test dialogs and task runner. */
class ServicesViewModelTest {

    @TempDir
    Path tmp;

    Registrations registry;
    TestTasks tasks;
    TestDialogs dialogs;
    ServicesViewModel vm;

    @BeforeEach
    void setUp() {
        registry = registrations("hvx test");
        tasks = TestTasks.immediate();
        dialogs = new TestDialogs();
        vm = model(null, () -> { });
        vm.refresh();
    }

    Registrations registrations(String creator) {
        return new Registrations(JsonServiceStore.sandbox(tmp.resolve("sb")), new UndoJournal(tmp.resolve("data")),
                creator, Clock.systemUTC());
    }

    ServicesViewModel model(ElevatedRestart restart, Runnable closeApp) {
        return new ServicesViewModel(registry, new RegistrationFormats(), restart, closeApp, tasks, dialogs);
    }

    ServiceRegistration named(String name) {
        return vm.all().stream().filter(r -> name.equals(r.name())).findFirst().orElseThrow();
    }

    byte[] store() throws Exception {
        return Files.readAllBytes(tmp.resolve("sb/services.json"));
    }

    @Test
    void loadsTheListAndWritability() {
        assertThat(vm.all()).hasSize(6);
        assertThat(vm.writableProperty().get()).isTrue();
        assertThat(vm.canUndo().get()).isFalse();
        assertThat(vm.readOnlyReasonProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();
    }

    @Test
    void addRenameRemoveAndUndoKeepTheSelectionOnTheService() {
        Guid id = VsockTemplate.guidForPort(4242);
        dialogs.onForm(AddServiceForm.class, f -> {
            f.sourceProperty().set(AddServiceForm.Source.VSOCK_PORT);
            f.portProperty().set("4242");
            f.nameProperty().set("Agent");
            return true;
        });
        vm.add();
        assertThat(vm.selectedProperty().get().id()).isEqualTo(id);
        assertThat(vm.statusProperty().get()).isEqualTo("Registered \"Agent\" (" + id + ").");

        dialogs.onText(q -> Optional.of("Agent 2"));
        vm.rename();
        assertThat(dialogs.asked(TextQuestion.class).getFirst().initial()).isEqualTo("Agent");
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Agent 2");
        assertThat(vm.canUndo().get()).isTrue();

        dialogs.confirmAnswers(true);
        vm.remove();
        assertThat(vm.all()).noneMatch(r -> r.id().equals(id));
        assertThat(vm.selectedProperty().get()).isNull();

        vm.undo();
        assertThat(vm.selectedProperty().get().name()).isEqualTo("Agent 2");
        vm.undo();
        assertThat(named("Agent").id()).isEqualTo(id);
        vm.undo();
        assertThat(vm.all()).noneMatch(r -> r.id().equals(id));
        assertThat(vm.canUndo().get()).isFalse();
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void aTakenNameIsUsedOnlyWhenTheUserAgreesAfterSeeingWhoHasIt() throws Exception {
        Guid id = VsockTemplate.guidForPort(4242);
        dialogs.onForm(AddServiceForm.class, f -> {
            f.sourceProperty().set(AddServiceForm.Source.VSOCK_PORT);
            f.portProperty().set("4242");
            f.nameProperty().set("demo ECHO");
            return true;
        });
        byte[] before = store();

        dialogs.confirmAnswers(false);
        vm.add();
        Confirmation asked = dialogs.asked(Confirmation.class).getFirst();
        assertThat(asked.warning()).isTrue();
        assertThat(asked.header()).contains("demo ECHO");
        assertThat(asked.content()).contains("\"Demo echo\" (" + VsockTemplate.guidForPort(7) + ")");
        assertThat(store()).isEqualTo(before);
        assertThat(vm.errorProperty().get()).isNull();
        assertThat(vm.busyProperty().get()).isFalse();

        dialogs.confirmAnswers(true);
        vm.add();
        assertThat(registry.list()).anyMatch(r -> r.id().equals(id) && r.name().equals("demo ECHO"));
        assertThat(vm.selectedProperty().get().id()).isEqualTo(id);

        // renaming to a name another entry has asks the same way
        vm.selectedProperty().set(named("Demo sink"));
        dialogs.onText(q -> Optional.of("Demo Source")).confirmAnswers(true);
        vm.rename();
        assertThat(dialogs.asked(Confirmation.class).getLast().content()).contains(VsockTemplate.guidForPort(19).toString());
        assertThat(registry.list()).filteredOn(r -> "Demo Source".equalsIgnoreCase(r.name())).hasSize(2);
        assertThat(vm.errorProperty().get()).isNull();
    }

    @Test
    void cancellingADialogChangesNothing() throws Exception {
        byte[] before = store();
        vm.selectedProperty().set(named("Demo echo"));
        dialogs.onForm(AddServiceForm.class, f -> false).onText(q -> Optional.empty()).confirmAnswers(false);
        vm.add();
        vm.rename();
        vm.remove();
        assertThat(dialogs.asked()).hasSize(3);
        assertThat(store()).isEqualTo(before);
        assertThat(vm.canUndo().get()).isFalse();
    }

    @Test
    void theRenameQuestionChecksTheNameAsTyped() {
        vm.selectedProperty().set(named("Demo echo"));
        dialogs.onText(q -> Optional.empty());
        vm.rename();
        TextQuestion q = dialogs.asked(TextQuestion.class).getFirst();
        assertThat(q.problem().apply("  ")).isEqualTo("The friendly name is empty: give a name such as \"My agent\".");
        assertThat(q.problem().apply("two\nlines")).contains("control character");
        assertThat(q.problem().apply("Fine name")).isNull();
    }

    @Test
    void builtInEntriesAreNeitherRenamedNorRemovedAndNothingIsAsked() throws Exception {
        byte[] before = store();
        vm.selectedProperty().set(named("VM Session Service"));
        assertThat(vm.canEdit().get()).isFalse();
        vm.rename();
        vm.remove();
        assertThat(dialogs.asked()).isEmpty();
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void aFailedActionShowsTheSentenceInTheErrorAndChangesNothing() throws Exception {
        vm.selectedProperty().set(named("Demo echo"));
        Guid echo = named("Demo echo").id();
        registrations("another process").remove(echo, false); // gone before the user confirms
        byte[] before = store();

        dialogs.confirmAnswers(true);
        vm.remove();

        assertThat(vm.errorProperty().get().sentence())
                .isEqualTo("Service " + echo + " is not registered: run 'hvx services list' to see the registered services.");
        assertThat(vm.busyProperty().get()).isFalse();
        assertThat(store()).isEqualTo(before);
    }

    @Test
    void removingAnotherToolsEntryAsksTwiceNamingItsOwnerValues() {
        vm.selectedProperty().set(named("Docker VPNKit Ethernet"));
        dialogs.confirmAnswers(true, false);
        vm.remove();
        List<Confirmation> asked = dialogs.asked(Confirmation.class);
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).warning()).isFalse();
        assertThat(asked.get(1).warning()).isTrue();
        assertThat(asked.get(1).content()).contains("ElementName=\"Docker VPNKit Ethernet\", CreatedBy=—, CreatedAt=—");
        assertThat(registry.list()).anyMatch(r -> "Docker VPNKit Ethernet".equals(r.name()));

        dialogs.confirmAnswers(true, true);
        vm.remove();
        assertThat(registry.list()).noneMatch(r -> "Docker VPNKit Ethernet".equals(r.name()));
    }

    @Test
    void theFilterMatchesNameGuidKindAndPort() {
        vm.filterProperty().set("demo");
        assertThat(vm.visible()).extracting(ServiceRegistration::name).containsExactlyInAnyOrder("Demo echo", "Demo sink", "Demo source");
        vm.filterProperty().set("999E53D4");
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
        vm.selectedProperty().set(named("Demo sink"));
        vm.startWatching();
        try {
            // watch() registers before it returns: a change made now is seen
            registrations("other process").add(Guid.random(), "From outside");
            tasks.until(() -> vm.all().stream().anyMatch(r -> "From outside".equals(r.name())));
            assertThat(vm.selectedProperty().get().name()).isEqualTo("Demo sink");
        } finally {
            vm.dispose();
        }
    }

    @Test
    void exportWritesTheChosenFileInTheFormatOfItsNameOrFilter() throws Exception {
        Path json = tmp.resolve("all.json");
        dialogs.onSave(q -> Optional.of(new ChosenFile(json, null)));
        vm.export(null);
        assertThat(Files.readString(json)).contains("\"Demo echo\"");
        assertThat(vm.statusProperty().get()).isEqualTo("Exported 6 service(s) to " + json);

        Path noExtension = tmp.resolve("services-for-the-host");
        dialogs.onSave(q -> Optional.of(new ChosenFile(noExtension, q.filters().get(1))));
        vm.export(null);
        FileQuestion asked = dialogs.asked(FileQuestion.class).getLast();
        assertThat(asked.filters()).extracting(FileFilter::extensions).containsExactly(List.of("reg"), List.of("ps1"), List.of("json"));
        assertThat(Files.readString(noExtension)).contains("# Registers Hyper-V socket services", "Register-HvSocketService");

        Path banner = tmp.resolve("from-banner.txt");
        dialogs.onSave(q -> Optional.of(new ChosenFile(banner, null)));
        vm.export(FileFormat.REG);
        assertThat(dialogs.asked(FileQuestion.class).getLast().initialName()).isEqualTo("hvsocket-services.reg");
        assertThat(Files.readAllBytes(banner)).startsWith((byte) 0xFF, (byte) 0xFE);
    }

    @Test
    void importShowsThePlanAndAppliesOnlyWhatTheUserSaw() throws Exception {
        Path f = tmp.resolve("all.json");
        dialogs.onSave(q -> Optional.of(new ChosenFile(f, null)));
        vm.export(null);
        registry.remove(named("Demo echo").id(), false);
        registry.remove(named("Demo sink").id(), false);
        vm.refresh();

        dialogs.onOpen(f).onForm(ImportPreview.class, p -> {
            assertThat(p.planProperty().get().count(ImportPlan.Action.ADD)).isEqualTo(2);
            assertThat(registry.list()).noneMatch(r -> "Demo echo".equals(r.name()));
            return true;
        });
        vm.importFile();
        assertThat(vm.all()).anyMatch(r -> "Demo echo".equals(r.name())).anyMatch(r -> "Demo sink".equals(r.name()));
        assertThat(vm.statusProperty().get()).isEqualTo("Imported: 2 added, 0 renamed, 0 deleted.");

        // a plan without changes cannot be applied
        dialogs.onForm(ImportPreview.class, p -> true);
        vm.importFrom(f);
        ImportPreview unchanged = dialogs.asked(ImportPreview.class).getLast();
        assertThat(unchanged.okAllowed().get()).isFalse();
        assertThat(vm.canUndo().get()).isTrue();
    }

    @Test
    void theImportOptionsPlanAgainAndAStaleAnswerIsIgnored() {
        List<ImportPlan.Entry> entries = List.of(new ImportPlan.Entry(named("Docker VPNKit Ethernet").id(), "Renamed",
                null, null, false, 1));
        TestTasks held = TestTasks.held();
        ImportPreview p = new ImportPreview(tmp.resolve("x.reg"), entries, registry.plan(entries, false, false), registry, held);
        assertThat(p.planProperty().get().count(ImportPlan.Action.REFUSED)).isEqualTo(1);
        assertThat(p.okAllowed().get()).isFalse();

        p.forceProperty().set(true);
        assertThat(p.planningProperty().get()).isTrue();
        p.forceProperty().set(false);
        p.forceProperty().set(true);
        held.runAll();
        assertThat(p.planningProperty().get()).isFalse();
        assertThat(p.planProperty().get().count(ImportPlan.Action.UPDATE_NAME)).isEqualTo(1);
        assertThat(p.okAllowed().get()).isTrue();
        assertThat(ImportPreview.summary(p.planProperty().get())).isEqualTo("0 to add, 1 to rename, 0 to delete, 0 unchanged, 0 refused");
    }

    @Test
    void importOfAMissingFileShowsWhy() {
        vm.importFrom(tmp.resolve("nope.reg"));
        assertThat(vm.errorProperty().get().sentence()).contains("nope.reg").contains("does not exist");
        assertThat(dialogs.asked()).isEmpty();
    }

    @Test
    void theAddFormShowsAProblemOnlyOnceItsFieldWasTouched() {
        AddServiceForm form = new AddServiceForm(vm.all(), new RegistrationFormats());
        assertThat(form.validProperty().get()).isFalse();                 // OK stays disabled…
        assertThat(form.shownNameProblemProperty().get()).isNull();        // …without a complaint yet
        assertThat(form.problem()).isNull();

        form.touchName();                                                  // the user left the empty field
        assertThat(form.problem()).isEqualTo("The friendly name is empty: give a name such as \"My agent\".");

        AddServiceForm typed = new AddServiceForm(vm.all(), new RegistrationFormats());
        typed.nameProperty().set("A");
        typed.nameProperty().set("");                                      // typed, then deleted
        assertThat(typed.shownNameProblemProperty().get()).contains("empty");

        typed.nameProperty().set("Agent");
        typed.sourceProperty().set(AddServiceForm.Source.VSOCK_PORT);      // chosen, nothing typed yet
        assertThat(typed.validProperty().get()).isFalse();
        assertThat(typed.problem()).isNull();
        typed.touchId();
        assertThat(typed.problem()).isEqualTo("Enter a vsock port from 0 to 2147483647.");
        typed.sourceProperty().set(AddServiceForm.Source.GIVEN);           // another field, untouched
        assertThat(typed.problem()).isNull();
    }

    @Test
    void theAddFormValidatesLiveAndShowsTheRegistryPath() {
        AddServiceForm form = new AddServiceForm(vm.all(), new RegistrationFormats());
        assertThat(form.validProperty().get()).isFalse();
        assertThat(form.nameProblemProperty().get()).isEqualTo("The friendly name is empty: give a name such as \"My agent\".");
        assertThat(form.idProblemProperty().get()).isNull();
        form.nameProperty().set("Agent");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.registryPathProperty().get()).startsWith("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT")
                .endsWith(form.id().toString());
        form.sourceProperty().set(AddServiceForm.Source.VSOCK_PORT);
        assertThat(form.validProperty().get()).isFalse();
        form.portProperty().set("2147483648");
        assertThat(form.idProblemProperty().get()).contains("out of range");
        form.portProperty().set("7");
        assertThat(form.problem()).contains("already registered");
        form.portProperty().set("0x10");
        assertThat(form.validProperty().get()).isTrue();
        assertThat(form.id()).isEqualTo(VsockTemplate.guidForPort(16));
        form.sourceProperty().set(AddServiceForm.Source.GIVEN);
        form.givenIdProperty().set("nope");
        assertThat(form.idProblemProperty().get()).contains("not a service ID");
        form.givenIdProperty().set("{ABCDEF01-2345-6789-ABCD-EF0123456789}");
        assertThat(form.validProperty().get()).isTrue();
        form.nameProperty().set("two\nlines");
        assertThat(form.problem()).contains("control character");
        assertThat(form.okAllowed().get()).isFalse();
    }

    @Test
    void copyPutsTheFormInTheStatusAndReturnsIt() {
        vm.selectedProperty().set(named("Demo echo"));
        assertThat(vm.copy(ServicesViewModel.CopyForm.GUID)).isEqualTo("00000007-facb-11e6-bd58-64006a7986d3");
        assertThat(vm.statusProperty().get()).isEqualTo("Copied: 00000007-facb-11e6-bd58-64006a7986d3");
        assertThat(vm.copy(ServicesViewModel.CopyForm.POWERSHELL)).isEqualTo("[Guid]'00000007-facb-11e6-bd58-64006a7986d3'");
        assertThat(vm.copy(ServicesViewModel.CopyForm.C)).startsWith("DEFINE_GUID(HVX_SERVICE_VSOCK_7, 0x00000007, 0xfacb");
        assertThat(vm.copy(ServicesViewModel.CopyForm.REGISTRY_PATH)).endsWith("GuestCommunicationServices\\00000007-facb-11e6-bd58-64006a7986d3");
        vm.selectedProperty().set(null);
        assertThat(vm.copy(ServicesViewModel.CopyForm.GUID)).isNull();
    }

    @Test
    void aReadOnlyStoreShowsItsReasonAndCannotUndo() {
        registry = new Registrations(JsonServiceStore.readOnly(tmp.resolve("saved.json"),
                Problem.of("error.services.readOnly.guest", tmp.resolve("saved.json"))), new UndoJournal(tmp.resolve("data")), "x", Clock.systemUTC());
        ServicesViewModel m = model(null, () -> { });
        m.refresh();
        assertThat(m.writableProperty().get()).isFalse();
        assertThat(m.readOnlyReasonProperty().get()).contains("Linux guest");
        assertThat(m.needsElevationProperty().get()).isFalse();
        assertThat(m.canUndo().get()).isFalse();
        assertThat(m.canRestartElevated()).isFalse();
    }

    @Test
    void restartAsAdministratorClosesThisInstanceOnlyWhenTheOtherStarted() {
        AtomicInteger closed = new AtomicInteger();
        List<java.util.function.Supplier<ElevatedRestart.Outcome>> answer = new java.util.ArrayList<>(List.of(() -> null));
        ElevatedRestart restart = new ElevatedRestart() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public Outcome restart() {
                return answer.getFirst().get();
            }
        };
        ServicesViewModel m = model(restart, closed::incrementAndGet);
        assertThat(m.canRestartElevated()).isTrue();

        answer.set(0, () -> ElevatedRestart.Outcome.CANCELLED);
        m.restartElevated();
        assertThat(closed).hasValue(0);
        assertThat(m.statusProperty().get()).contains("cancelled");

        answer.set(0, () -> {
            throw new OperationFailedException(Problem.of("error.services.elevate.failed", 1223));
        });
        m.restartElevated();
        assertThat(m.errorProperty().get().sentence()).isEqualTo(Problem.of("error.services.elevate.failed", 1223).message());
        assertThat(closed).hasValue(0);

        answer.set(0, () -> ElevatedRestart.Outcome.STARTED);
        m.restartElevated();
        assertThat(closed).hasValue(1);
    }
}
