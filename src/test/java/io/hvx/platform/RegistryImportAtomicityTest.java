package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.ImportPlan;
import io.hvx.core.OperationFailedException;
import io.hvx.core.ServiceRegistration;
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

/**
 * Registry access denied part-way through a multi-entry import (issue 14 §18): the import is
 * all-or-nothing. What was written before the denial is rolled back; when even the rollback is
 * denied, the undo journal records what was really written and {@code undo} reverts it later.
 */
class RegistryImportAtomicityTest {

    static final String KEY = GuidFacts.REGISTRY_KEY;
    static final Hive HKLM = Hive.HKEY_LOCAL_MACHINE;
    static final Guid A = Guid.parse("aaaaaaaa-0000-0000-0000-00000000000a");
    static final Guid B = Guid.parse("bbbbbbbb-0000-0000-0000-00000000000b");
    static final Guid C = Guid.parse("cccccccc-0000-0000-0000-00000000000c");

    @TempDir
    Path dataDir;

    InMemoryRegistryApi api;
    /** Write calls counted from the last {@link #deny}; those numbered first..last (1-based) are denied. */
    int writes;
    int denyFirst = Integer.MAX_VALUE;
    int denyLast = Integer.MAX_VALUE;
    Registrations reg;

    @BeforeEach
    void setUp() {
        api = new InMemoryRegistryApi();
        api.seedValue(HKLM, KEY + "\\30d48b34-7d27-4b0b-aaaf-bbbed334dd59", "ElementName", "Docker VPNKit Ethernet");
        RegistryApi denying = new WindowsRegistryStoreTest.ForwardingApi(api) {
            private void gate() {
                writes++;
                if (writes >= denyFirst && writes <= denyLast) {
                    throw new Failure(RegistryApi.ERROR_ACCESS_DENIED, "Access is denied.");
                }
            }

            @Override
            public boolean createKey(Hive hive, String fullPath, int samExtra) {
                gate();
                return super.createKey(hive, fullPath, samExtra);
            }

            @Override
            public void setValue(Hive hive, String path, String name, Value value, int samExtra) {
                gate();
                super.setValue(hive, path, name, value, samExtra);
            }

            @Override
            public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
                gate();
                super.deleteKey(hive, parentPath, name, samExtra);
            }
        };
        reg = new Registrations(new WindowsRegistryStore(denying, HKLM, KEY, () -> true, Duration.ofSeconds(5)),
                new UndoJournal(dataDir), "hvx 9.9", Clock.fixed(Instant.parse("2026-03-04T05:06:07Z"), ZoneOffset.UTC));
    }

    /** Denies the write calls numbered {@code first} to {@code last} from now on. */
    void deny(int first, int last) {
        writes = 0;
        denyFirst = first;
        denyLast = last;
    }

    ImportPlan threeNewEntries() {
        return reg.plan(List.of(
                new ImportPlan.Entry(A, "Agent A", "hvx 1.0", "2026-01-01T00:00:00Z", false, 3),
                new ImportPlan.Entry(B, "Agent B", "hvx 1.0", "2026-01-01T00:00:00Z", false, 8),
                new ImportPlan.Entry(C, "Agent C", "hvx 1.0", "2026-01-01T00:00:00Z", false, 13)), false, false);
    }

    @Test
    void accessDeniedPartWayRollsBackWhatWasWrittenAndRecordsNothing() {
        String before = api.snapshot();
        ImportPlan plan = threeNewEntries();
        // entry A is written completely (create + 3 values), then B's key is denied
        deny(5, 5);
        // an elevated process refused by a key's permissions: elevation would not help
        assertThatThrownBy(() -> reg.apply(plan)).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("denied access");
        assertThat(api.snapshot()).as("all or nothing").isEqualTo(before);
        assertThat(reg.lastChange()).isEmpty();
    }

    @Test
    void whenTheRollbackIsDeniedTooUndoRevertsWhatWasWrittenOnceAccessIsBack() {
        String before = api.snapshot();
        ImportPlan plan = threeNewEntries();
        // deny everything from the fifth write on, the rollback included
        deny(5, Integer.MAX_VALUE);
        assertThatThrownBy(() -> reg.apply(plan)).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("failed part-way").hasMessageContaining("hvx services undo");
        assertThat(reg.list()).extracting(ServiceRegistration::id).contains(A).doesNotContain(B, C);
        assertThat(reg.lastChange()).get().satisfies(c -> assertThat(c.action()).isEqualTo("import"));
        deny(Integer.MAX_VALUE, Integer.MAX_VALUE);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(before);
        assertThat(reg.lastChange()).isEmpty();
    }

    @Test
    void anUndoDeniedPartWayIsRolledForwardAgainAndStaysUndoable() {
        String before = api.snapshot();
        reg.apply(threeNewEntries());
        String afterImport = api.snapshot();
        // undo deletes A, then is denied deleting B
        deny(2, 2);
        assertThatThrownBy(reg::undo).isInstanceOf(OperationFailedException.class).hasMessageContaining("denied access");
        assertThat(api.snapshot()).isEqualTo(afterImport);
        deny(Integer.MAX_VALUE, Integer.MAX_VALUE);
        reg.undo();
        assertThat(api.snapshot()).isEqualTo(before);
    }
}
