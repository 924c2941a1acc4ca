package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.KnownService;
import io.hvx.core.OperationFailedException;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistration.Kind;
import io.hvx.core.VsockTemplate;
import io.hvx.platform.RegistryApi.Hive;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared rules and the undo journal over the Windows adapter, on an in-memory registry. */
class WindowsRegistryStoreTest {

    static final String KEY = GuidFacts.REGISTRY_KEY;
    static final Hive HKLM = Hive.HKEY_LOCAL_MACHINE;
    static final Guid OTHER = Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59");

    @TempDir
    Path dataDir;

    InMemoryRegistryApi api;
    boolean elevated = true;
    Registrations reg;

    @BeforeEach
    void setUp() {
        api = new InMemoryRegistryApi();
        api.seedValue(HKLM, KEY + "\\" + KnownService.VM_SESSION_SERVICE.id().toString().toUpperCase(), "ElementName",
                "VM Session Service");
        api.seedValue(HKLM, KEY + "\\" + OTHER, "ElementName", "Docker VPNKit Ethernet");
        reg = registrations(api);
    }

    Registrations registrations(RegistryApi a) {
        var store = new WindowsRegistryStore(a, HKLM, KEY, () -> elevated, Duration.ofSeconds(5));
        return new Registrations(store, new UndoJournal(dataDir), "hvx 9.9",
                Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));
    }

    @Test
    void everyRegistryCallCarriesThe64BitViewFlag() {
        Guid id = reg.add(Guid.random(), "Agent").id();
        reg.rename(id, "Agent 2", false);
        reg.remove(id, false);
        reg.undo();
        reg.list();
        reg.writability();
        assertThat(api.calls).extracting(InMemoryRegistryApi.Call::op)
                .contains("keyExists", "keys", "getValue", "createKey", "setValue", "deleteKey");
        assertThat(api.calls).allSatisfy(c -> assertThat(c.sam() & RegistryApi.KEY_WOW64_64KEY)
                .as(c.op() + " " + c.path()).isEqualTo(RegistryApi.KEY_WOW64_64KEY));
    }

    @Test
    void createUsesTheSingleCallWithTheFullPath() {
        Guid id = Guid.parse("11111111-2222-3333-4444-555555555555");
        reg.add(id, "Agent");
        assertThat(api.calls).filteredOn(c -> c.op().equals("createKey"))
                .extracting(InMemoryRegistryApi.Call::path).containsExactly(KEY + "\\" + id);
    }

    @Test
    void addWritesElementNameCreatedByAndCreatedAt() {
        Guid id = VsockTemplate.guidForPort(5000);
        ServiceRegistration r = reg.add(id, "  Port 5000  ");
        assertThat(r).isEqualTo(new ServiceRegistration(id, "Port 5000", Kind.HVX, 5000L, "hvx 9.9", "2026-03-04T05:06:07Z"));
        assertThat(api.string(HKLM, KEY + "\\" + id, "CreatedBy")).isEqualTo("hvx 9.9");
        assertThat(api.string(HKLM, KEY + "\\" + id, "CreatedAt")).isEqualTo("2026-03-04T05:06:07Z");
        assertThat(reg.list()).contains(r);
    }

    @Test
    void listsKindsAndASubkeyWithoutElementNameWithANullName() {
        Guid bare = Guid.parse("aaaaaaaa-0000-0000-0000-000000000001");
        api.seedKey(HKLM, KEY + "\\" + bare);
        api.seedKey(HKLM, KEY + "\\not-a-guid");
        List<ServiceRegistration> all = reg.list();
        assertThat(all).extracting(ServiceRegistration::id)
                .containsExactly(OTHER, KnownService.VM_SESSION_SERVICE.id(), bare);
        assertThat(all.get(0).kind()).isEqualTo(Kind.OTHER);
        assertThat(all.get(1).kind()).isEqualTo(Kind.BUILTIN);
        assertThat(all.get(2).name()).isNull();
    }

    @Test
    void duplicatesAreRefusedWhateverTheCaseAndNothingChanges() {
        String before = api.snapshot();
        String upper = "{" + KnownService.VM_SESSION_SERVICE.id().toString().toUpperCase() + "}";
        assertThatThrownBy(() -> reg.add(Guid.parse(upper), "Again"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("already registered");
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(reg.lastChange()).isEmpty();
    }

    @Test
    void badNamesAreRefusedBeforeTheRegistryIsWritten() {
        String before = api.snapshot();
        for (String bad : List.of("", "   ", "a\nb", "tab\there", "x".repeat(257), "bell\u0007")) {
            assertThatThrownBy(() -> reg.add(Guid.random(), bad)).as(bad).isInstanceOf(InvalidInputException.class);
        }
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(api.calls).noneMatch(c -> c.op().equals("createKey") || c.op().equals("setValue"));
        assertThat(reg.add(Guid.random(), "x".repeat(256)).name()).hasSize(256);
    }

    @Test
    void builtinEntriesAreNeverRenamedOrRemoved() {
        String before = api.snapshot();
        Guid id = KnownService.VM_SESSION_SERVICE.id();
        assertThatThrownBy(() -> reg.rename(id, "Mine", true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("built into Windows");
        assertThatThrownBy(() -> reg.remove(id, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("built into Windows");
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void otherToolsEntriesNeedForce() {
        String before = api.snapshot();
        assertThatThrownBy(() -> reg.remove(OTHER, false)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("another tool").hasMessageContaining("Docker VPNKit Ethernet");
        assertThatThrownBy(() -> reg.rename(OTHER, "x", false)).isInstanceOf(InvalidInputException.class);
        assertThat(api.snapshot()).isEqualTo(before);
        reg.remove(OTHER, true);
        assertThat(reg.list()).extracting(ServiceRegistration::id).doesNotContain(OTHER);
    }

    @Test
    void undoRestoresRemoveRenameAndAddInReverseOrder() {
        String start = api.snapshot();
        Guid id = reg.add(Guid.parse("bbbbbbbb-0000-0000-0000-000000000002"), "A").id();
        String afterAdd = api.snapshot();
        reg.rename(id, "B", false);
        String afterRename = api.snapshot();
        reg.remove(OTHER, true);

        assertThat(reg.lastChange()).get().extracting(c -> c.action()).isEqualTo("remove");
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(afterRename);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(afterAdd);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(start);
        assertThatThrownBy(reg::undo).isInstanceOf(InvalidInputException.class).hasMessageContaining("nothing to undo");
    }

    @Test
    void undoRefusesToOverwriteAChangeMadeSinceByAnotherProgram() {
        Guid id = reg.add(Guid.parse("dddddddd-0000-0000-0000-000000000004"), "Mine").id();
        reg.rename(id, "Mine 2", false);
        api.seedValue(HKLM, KEY + "\\" + id, "ElementName", "Theirs");
        String before = api.snapshot();
        assertThatThrownBy(reg::undo).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("was changed since").hasMessageContaining(id.toString());
        assertThat(api.snapshot()).isEqualTo(before);
        // the unsafe step left the history; the add before it is still there to undo
        assertThat(reg.lastChange()).get().extracting(c -> c.action()).isEqualTo("add");
    }

    @Test
    void theJournalHoldsThePreviousStateBeforeTheRegistryIsTouched() {
        UndoJournal journal = new UndoJournal(dataDir);
        String[] seenAtDelete = new String[1];
        RegistryApi spy = new ForwardingApi(api) {
            @Override
            public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
                seenAtDelete[0] = journal.peek("registry:HKEY_LOCAL_MACHINE\\" + KEY).orElseThrow().before().toString();
                super.deleteKey(hive, parentPath, name, samExtra);
            }
        };
        registrations(spy).remove(OTHER, true);
        assertThat(seenAtDelete[0]).contains("Docker VPNKit Ethernet").contains(OTHER.toString());
    }

    @Test
    void aFailedChangeLeavesNoJournalEntry() {
        api.failWritesWith = 1234;
        assertThatThrownBy(() -> reg.add(Guid.random(), "A")).isInstanceOf(OperationFailedException.class);
        assertThat(reg.lastChange()).isEmpty();
    }

    @Test
    void accessDeniedWhileNotElevatedAsksForElevation() {
        elevated = false;
        api.failReadsWith = RegistryApi.ERROR_ACCESS_DENIED;
        assertThatThrownBy(reg::list)
                .isInstanceOf(ElevationRequiredException.class)
                .hasMessageContaining("elevated administrator")
                .satisfies(e -> assertThat(((ElevationRequiredException) e).exitStatus()).isEqualTo(3));
    }

    @Test
    void accessDeniedForAnElevatedAdministratorSaysElevationCannotHelp() {
        api.failWritesWith = RegistryApi.ERROR_ACCESS_DENIED;
        assertThatThrownBy(() -> reg.add(Guid.random(), "A"))
                .isExactlyInstanceOf(OperationFailedException.class)
                .hasMessageContaining("elevation cannot help").hasMessageContaining("permissions")
                .satisfies(e -> assertThat(((OperationFailedException) e).detail()).contains("Win32 error 5"));
        assertThat(reg.lastChange()).isEmpty();
    }

    /** Issue 10, defect 2: RegDeleteKeyEx answers 5 for a key with subkeys, elevated or not. */
    @Test
    void anElevatedAdministratorRemovesAnEntryThatAnotherToolGaveSubkeys() {
        api.seedValue(HKLM, KEY + "\\" + OTHER + "\\Parameters", "Port", RegistryApi.Value.ofDword(5000));
        api.seedKey(HKLM, KEY + "\\" + OTHER + "\\Parameters\\Deeper");
        reg.remove(OTHER, true);
        assertThat(reg.list()).extracting(ServiceRegistration::id).doesNotContain(OTHER);
        assertThat(api.keyExists(HKLM, KEY + "\\" + OTHER, RegistryApi.KEY_WOW64_64KEY)).isFalse();
        assertThat(api.snapshot()).doesNotContainIgnoringCase(OTHER.toString());
        // children first, each delete in the 64-bit view
        assertThat(api.calls).filteredOn(c -> c.op().equals("deleteKey")).extracting(InMemoryRegistryApi.Call::path)
                .containsExactly(KEY + "\\" + OTHER + "\\Parameters\\Deeper", KEY + "\\" + OTHER + "\\Parameters",
                        KEY + "\\" + OTHER);
        assertThat(api.calls).allSatisfy(c -> assertThat(c.sam() & RegistryApi.KEY_WOW64_64KEY).isNotZero());
        // the undo brings the entry (its values) back
        reg.undo();
        assertThat(reg.list()).extracting(ServiceRegistration::name).contains("Docker VPNKit Ethernet");
    }

    /** Issue 10, defect 3: one foreign subkey with non-string values must not empty the list. */
    @Test
    void nonStringValuesAreListedWithTheirRawValueNotedAndTheRestOfTheListStays() {
        Guid odd = Guid.parse("eeeeeeee-0000-0000-0000-000000000005");
        api.seedValue(HKLM, KEY + "\\" + odd, "ElementName", RegistryApi.Value.ofDword(5));
        api.seedValue(HKLM, KEY + "\\" + odd, "CreatedBy", new RegistryApi.Value(RegistryApi.Value.REG_BINARY,
                new byte[] {1, 2, (byte) 0xff}));
        api.seedValue(HKLM, KEY + "\\" + odd, "CreatedAt", new RegistryApi.Value(RegistryApi.Value.REG_QWORD,
                new byte[] {7, 0, 0, 0, 0, 0, 0, 0}));
        List<ServiceRegistration> all = reg.list();
        assertThat(all).extracting(ServiceRegistration::id).contains(OTHER, KnownService.VM_SESSION_SERVICE.id(), odd);
        ServiceRegistration r = all.stream().filter(x -> x.id().equals(odd)).findFirst().orElseThrow();
        assertThat(r.name()).isEqualTo("[REG_DWORD 0x00000005]");
        assertThat(r.createdBy()).isEqualTo("[REG_BINARY 01 02 ff]");
        assertThat(r.createdAt()).isEqualTo("[REG_QWORD 0x0000000000000007]");
        assertThat(r.kind()).isEqualTo(Kind.OTHER);
    }

    @Test
    void renamingAndUndoingSuchAnEntryKeepsTheTypesOfItsValues() {
        Guid odd = Guid.parse("eeeeeeee-0000-0000-0000-000000000006");
        String sub = KEY + "\\" + odd;
        api.seedValue(HKLM, sub, "ElementName", RegistryApi.Value.ofDword(5));
        api.seedValue(HKLM, sub, "CreatedBy", new RegistryApi.Value(RegistryApi.Value.REG_MULTI_SZ,
                "a\0b\0\0".getBytes(java.nio.charset.StandardCharsets.UTF_16LE)));
        String before = api.snapshot();
        reg.rename(odd, "Named now", true);
        assertThat(api.getValue(HKLM, sub, "ElementName", RegistryApi.KEY_WOW64_64KEY))
                .isEqualTo(RegistryApi.Value.ofString("Named now"));
        assertThat(api.getValue(HKLM, sub, "CreatedBy", RegistryApi.KEY_WOW64_64KEY).type())
                .isEqualTo(RegistryApi.Value.REG_MULTI_SZ);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(before);
        reg.remove(odd, true);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void notElevatedIsReadOnlyWithTheReasonAndWritesNothing() {
        elevated = false;
        assertThat(reg.writability().writable()).isFalse();
        assertThat(reg.writability().needsElevation()).isTrue();
        assertThat(reg.writability().reason().message()).contains("Restart as administrator");
        String before = api.snapshot();
        assertThatThrownBy(() -> reg.add(Guid.random(), "A")).isInstanceOf(ElevationRequiredException.class);
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(reg.list()).hasSize(2);
    }

    @Test
    void aMissingKeyIsReportedAsHyperVNotInstalled() {
        Registrations empty = registrations(new InMemoryRegistryApi());
        assertThatThrownBy(empty::list).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Hyper-V is not installed");
        assertThat(empty.writability().writable()).isFalse();
        assertThat(empty.writability().reason().message()).contains("Hyper-V is not installed");
    }

    @Test
    void importPlansThenAppliesAsOneUndoableChange() {
        Guid fresh = Guid.parse("cccccccc-0000-0000-0000-000000000003");
        List<ImportPlan.Entry> file = List.of(
                new ImportPlan.Entry(fresh, "Fresh", null, null, false, 3),
                new ImportPlan.Entry(OTHER, "Renamed", null, null, false, 6),
                new ImportPlan.Entry(KnownService.VM_SESSION_SERVICE.id(), "VM Session Service", null, null, false, 9),
                new ImportPlan.Entry(KnownService.VM_SESSION_SERVICE.id(), "Hijack", null, null, false, 12),
                new ImportPlan.Entry(Guid.random(), "bad\nname", null, null, false, 15));
        String before = api.snapshot();
        ImportPlan plan = reg.plan(file, false, false);
        assertThat(plan.steps()).extracting(ImportPlan.Step::action).containsExactly(
                ImportPlan.Action.ADD, ImportPlan.Action.REFUSED, ImportPlan.Action.UNCHANGED,
                ImportPlan.Action.REFUSED, ImportPlan.Action.REFUSED);
        assertThat(api.snapshot()).isEqualTo(before);

        ImportPlan forced = reg.plan(file, false, true);
        assertThat(forced.steps().get(1).action()).isEqualTo(ImportPlan.Action.UPDATE_NAME);
        // a refused row refuses the whole file
        assertThatThrownBy(() -> reg.apply(forced)).isInstanceOf(InvalidInputException.class).hasMessageContaining("line 12");
        assertThat(api.snapshot()).isEqualTo(before);
        ImportPlan.Result r = reg.apply(reg.plan(file.subList(0, 3), false, true));
        assertThat(r.added()).isEqualTo(1);
        assertThat(r.renamed()).isEqualTo(1);
        assertThat(reg.list()).extracting(ServiceRegistration::name).contains("Fresh", "Renamed");
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(before);
    }

    @Test
    void aStalePlanIsNotApplied() {
        Guid fresh = Guid.random();
        ImportPlan plan = reg.plan(List.of(new ImportPlan.Entry(fresh, "Fresh", null, null, false, 1)), false, false);
        reg.add(fresh, "Meanwhile");
        String before = api.snapshot();
        assertThatThrownBy(() -> reg.apply(plan)).isInstanceOf(InvalidInputException.class);
        assertThat(api.snapshot()).isEqualTo(before);
    }

    /** Delegates every call, so a test can intercept one. */
    static class ForwardingApi implements RegistryApi {
        private final RegistryApi d;

        ForwardingApi(RegistryApi d) {
            this.d = d;
        }

        @Override
        public boolean keyExists(Hive hive, String path, int samExtra) {
            return d.keyExists(hive, path, samExtra);
        }

        @Override
        public List<String> keys(Hive hive, String path, int samExtra) {
            return d.keys(hive, path, samExtra);
        }

        @Override
        public Value getValue(Hive hive, String path, String name, int samExtra) {
            return d.getValue(hive, path, name, samExtra);
        }

        @Override
        public boolean createKey(Hive hive, String fullPath, int samExtra) {
            return d.createKey(hive, fullPath, samExtra);
        }

        @Override
        public void setValue(Hive hive, String path, String name, Value value, int samExtra) {
            d.setValue(hive, path, name, value, samExtra);
        }

        @Override
        public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
            d.deleteKey(hive, parentPath, name, samExtra);
        }
    }
}
