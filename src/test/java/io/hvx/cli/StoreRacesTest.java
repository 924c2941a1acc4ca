package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parallel {@code hvx services} processes on one sandbox (issue 14 §1–3): every success printed
 * is a change made, and each change is made once. Processes, not threads: the store lock is a
 * file lock between processes.
 */
class StoreRacesTest {

    private static final Duration EACH = Duration.ofSeconds(90);

    @TempDir
    Path tmp;

    HvxProcesses hvx;

    @BeforeEach
    void setUp() {
        hvx = new HvxProcesses(tmp);
        HvxProcesses.Outcome seed = hvx.run(EACH, "services", "list");
        assertThat(seed.exit()).as(seed.toString()).isZero();
    }

    /** id → name of every registration, read through the CLI. */
    Map<String, String> entries() {
        HvxProcesses.Outcome o = hvx.run(EACH, "services", "list", "--json");
        assertThat(o.exit()).as(o.toString()).isZero();
        Map<String, String> m = new TreeMap<>();
        for (JsonElement e : JsonParser.parseString(o.out()).getAsJsonArray()) {
            JsonElement n = e.getAsJsonObject().get("name");
            m.put(e.getAsJsonObject().get("id").getAsString(), n.isJsonNull() ? null : n.getAsString());
        }
        return m;
    }

    static List<List<String>> commands(int n, java.util.function.IntFunction<List<String>> f) {
        List<List<String>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(f.apply(i));
        }
        return out;
    }

    @Test
    void twentyProcessesAddingOnePortStoreItOnceAndExactlyOneSucceeds() {
        List<HvxProcesses.Outcome> r = hvx.runAll(commands(20,
                i -> List.of("services", "add", "--name", "racer " + i, "--vsock-port", "4242")), 20, EACH);
        List<HvxProcesses.Outcome> won = r.stream().filter(o -> o.exit() == 0).toList();
        assertThat(won).as(r.toString()).hasSize(1);
        assertThat(r).filteredOn(o -> o.exit() != 0).as(r.toString())
                .allSatisfy(o -> {
                    assertThat(o.exit()).isEqualTo(2);
                    assertThat(o.err()).contains("already registered");
                });
        String winner = won.getFirst().args().get(3);
        assertThat(entries()).containsEntry("00001092-facb-11e6-bd58-64006a7986d3", winner);
        assertThat(JournalSteps.of(hvx.dataDir(), hvx.sandboxDir()))
                .extracting(JournalSteps.Step::action).containsExactly("add");
    }

    @Test
    void aRenameRacingARemoveNeverBringsTheEntryBack() {
        int n = 6;
        List<List<String>> setup = commands(n, i -> List.of("services", "add", "--name", "victim " + i,
                "--vsock-port", String.valueOf(7000 + i)));
        for (List<String> c : setup) {
            assertThat(hvx.run(EACH, c.toArray(String[]::new)).exit()).isZero();
        }
        List<List<String>> race = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            race.add(List.of("services", "rename", "vsock:" + (7000 + i), "--name", "renamed " + i));
            race.add(List.of("services", "remove", "vsock:" + (7000 + i), "--yes"));
        }
        List<HvxProcesses.Outcome> r = hvx.runAll(race, race.size(), EACH);
        Map<String, String> after = entries();
        for (int i = 0; i < n; i++) {
            HvxProcesses.Outcome rename = r.get(2 * i);
            HvxProcesses.Outcome remove = r.get(2 * i + 1);
            assertThat(remove.exit()).as(remove.toString()).isZero();
            assertThat(rename.exit()).as(rename.toString()).isIn(0, 2);
            if (rename.exit() == 2) {
                assertThat(rename.err()).as(rename.toString()).contains("not registered");
            }
            assertThat(after).as("entry %d after %s and %s", i, rename, remove)
                    .doesNotContainKey(String.format("%08x-facb-11e6-bd58-64006a7986d3", 7000 + i));
        }
    }

    @Test
    void parallelUndosEachRevertADifferentStep() {
        int steps = 5;
        for (int i = 0; i < steps; i++) {
            assertThat(hvx.run(EACH, "services", "add", "--name", "step " + i, "--vsock-port",
                    String.valueOf(8000 + i)).exit()).isZero();
        }
        List<HvxProcesses.Outcome> r = hvx.runAll(commands(9, i -> List.of("services", "undo")), 9, EACH);
        assertThat(r).filteredOn(o -> o.exit() == 0).as(r.toString()).hasSize(steps);
        assertThat(r).filteredOn(o -> o.exit() != 0).as(r.toString())
                .allSatisfy(o -> assertThat(o.err()).contains("nothing to undo"));
        assertThat(entries().keySet()).noneMatch(id -> id.startsWith("00001f4"));
        assertThat(JournalSteps.of(hvx.dataDir(), hvx.sandboxDir())).isEmpty();
    }
}
