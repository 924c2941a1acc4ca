package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The undo journal's files: one per step, bounded, damaged steps put aside (issue 14 §13, §15). */
class UndoJournalTest {

    static final String STORE = "file:/sandbox/services.json";
    static final String OTHER_STORE = "registry:HKEY_LOCAL_MACHINE\\x";

    @TempDir
    Path data;

    static UndoJournal.Change add(String store, int n) {
        Guid id = Guid.parse(String.format("%08x-0000-0000-0000-000000000000", n));
        return new UndoJournal.Change(store, "add", "2026-01-01T00:00:00Z",
                List.of(new UndoJournal.Before(id.toString(), false, null, null, null)),
                List.of(new UndoJournal.Before(id.toString(), true, "n" + n, "hvx", "2026-01-01T00:00:00Z")));
    }

    static UndoJournal.Change bigImport(String store, int entries) {
        List<UndoJournal.Before> before = new ArrayList<>();
        List<UndoJournal.Before> after = new ArrayList<>();
        for (int i = 0; i < entries; i++) {
            String id = String.format("%08x-1111-0000-0000-000000000000", i);
            before.add(new UndoJournal.Before(id, false, null, null, null));
            after.add(new UndoJournal.Before(id, true, "entry " + i, "other tool", null));
        }
        return new UndoJournal.Change(store, "import", "2026-01-01T00:00:00Z", before, after);
    }

    List<String> stepFiles() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("services-undo"))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        }
    }

    long journalBytes() throws Exception {
        try (Stream<Path> s = Files.list(data.resolve("services-undo"))) {
            return s.filter(p -> p.getFileName().toString().endsWith(".json")).mapToLong(p -> p.toFile().length()).sum();
        }
    }

    @Test
    void stepsComeBackNewestFirstPerStoreAndEachIsOneFile() {
        UndoJournal j = new UndoJournal(data);
        long a = j.push(add(STORE, 1));
        j.push(add(OTHER_STORE, 2));
        long c = j.push(add(STORE, 3));
        assertThat(j.newest(STORE).orElseThrow().seq()).isEqualTo(c);
        j.remove(c);
        assertThat(j.newest(STORE).orElseThrow().seq()).isEqualTo(a);
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 1));
        assertThat(j.peek(OTHER_STORE).orElseThrow()).isEqualTo(add(OTHER_STORE, 2));
        assertThat(j.peek("file:/elsewhere")).isEmpty();
    }

    @Test
    void theJournalIsBoundedByStepsAndByBytesKeepingTheNewest() throws Exception {
        UndoJournal j = new UndoJournal(data, 5, 200_000);
        for (int i = 0; i < 12; i++) {
            j.push(add(STORE, i));
        }
        assertThat(stepFiles()).hasSize(5);
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 11));

        // a large step pushes the small ones out; the newest is kept even when alone it is over the bound
        j.push(bigImport(STORE, 3000));
        assertThat(journalBytes()).isGreaterThan(200_000);
        assertThat(stepFiles()).hasSize(1);
        j.push(add(STORE, 99));
        assertThat(stepFiles()).hasSize(1);
        assertThat(journalBytes()).isLessThan(200_000);
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 99));
    }

    @Test
    void aDamagedStepIsPutAsideAndReportedThenTheStepBeforeItIsUsable() throws Exception {
        UndoJournal j = new UndoJournal(data);
        j.push(add(STORE, 1));
        long bad = j.push(add(STORE, 2));
        Path file = data.resolve("services-undo").resolve(stepFiles().stream()
                .filter(n -> n.startsWith(String.format("%010d", bad))).findFirst().orElseThrow());
        for (String damage : List.of("\"before\":[null]", "\"store\":null", "\"id\":\"not-a-guid\"")) {
            String text = Files.readString(file);
            String broken = switch (damage) {
                case "\"before\":[null]" -> text.replaceFirst("\"before\":\\[[^\\]]*\\]", damage);
                case "\"store\":null" -> text.replaceFirst("\"store\":\"[^\"]*\"", damage);
                default -> text.replaceFirst("\"id\":\"[^\"]*\"", damage);
            };
            assertThat(broken).isNotEqualTo(text);
            j.push(add(STORE, 50));
            Path damaged = data.resolve("services-undo").resolve(stepFiles().getLast());
            Files.writeString(damaged, broken, StandardCharsets.UTF_8);
            assertThatThrownBy(() -> j.peek(STORE)).isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("undo journal is damaged").hasMessageContaining(damaged.toString())
                    .hasMessageContaining(".broken");
            assertThat(Files.readString(Path.of(damaged + ".broken"))).as("kept whole").isEqualTo(broken);
            Files.delete(Path.of(damaged + ".broken"));
        }
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 2));
    }

    @Test
    void aJournalOfAnEarlierVersionIsTakenOverInOrder() throws Exception {
        Files.createDirectories(data);
        String legacy = "{\"version\":1,\"changes\":[" + json(add(STORE, 1)) + "," + json(add(OTHER_STORE, 2)) + ","
                + json(add(STORE, 3)) + "]}";
        Files.writeString(data.resolve("services-undo.json"), legacy);
        UndoJournal j = new UndoJournal(data);
        // a step recorded by this version before the take-over stays newer than the old ones
        j.push(add(STORE, 4));
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 4));
        j.remove(j.newest(STORE).orElseThrow().seq());
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 3));
        j.remove(j.newest(STORE).orElseThrow().seq());
        assertThat(j.peek(STORE).orElseThrow()).isEqualTo(add(STORE, 1));
        assertThat(j.peek(OTHER_STORE).orElseThrow()).isEqualTo(add(OTHER_STORE, 2));
        assertThat(data.resolve("services-undo.json")).doesNotExist();
        assertThat(Files.readString(data.resolve("services-undo.json.migrated"))).isEqualTo(legacy);
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "FIFOs are POSIX")
    void aStepFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
        UndoJournal j = new UndoJournal(data);
        j.push(add(STORE, 1));
        long seq = j.push(add(STORE, 2));
        Path step = data.resolve("services-undo").resolve(stepFiles().getLast());
        Files.delete(step);
        assertThat(new ProcessBuilder("mkfifo", step.toString()).start().waitFor()).isZero();
        assertThatThrownBy(() -> j.peek(STORE)).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("not a regular file");
        assertThat(j.newest(STORE).orElseThrow().seq()).isLessThan(seq);
    }

    static String json(UndoJournal.Change c) {
        return new String(io.hvx.files.StrictJson.compact(c), StandardCharsets.UTF_8).strip();
    }

    static final String POLICY_STORE = "policy:file:/sandbox/vms.json";

    static UndoJournal.PolicyChange policy(String before, String after) {
        String vm = "3f6a9c21-5b0e-4d7a-9e12-7c48b1d0a5e3";
        String service = "00000007-facb-11e6-bd58-64006a7986d3";
        return new UndoJournal.PolicyChange(POLICY_STORE, "2026-01-01T00:00:00Z",
                List.of(new UndoJournal.PolicyState(vm, service, before)), List.of(new UndoJournal.PolicyState(vm, service, after)));
    }

    @Test
    void policyStepsShareTheNumberingSoTheNewestOfTwoStoresCanBeTold() throws Exception {
        UndoJournal j = new UndoJournal(data);
        assertThat(j.newestSeq(STORE)).isEmpty();
        j.push(add(STORE, 1));
        long p = j.push(policy("deferred", "disabled"));
        j.push(add(STORE, 2));
        assertThat(j.newestSeq(POLICY_STORE)).hasValue(p);
        assertThat(j.newestSeq(STORE).getAsLong()).isGreaterThan(p);
        UndoJournal.PolicyStep step = j.newestPolicy(POLICY_STORE).orElseThrow();
        assertThat(step.seq()).isEqualTo(p);
        assertThat(step.change()).isEqualTo(policy("deferred", "disabled"));
        assertThat(Files.readString(data.resolve("services-undo").resolve(stepFiles().get(1))))
                .contains("\"action\":\"policy\"").contains("\"policy\":\"disabled\"");
        // the registrations never see a policy step as theirs
        assertThat(j.peek(STORE).orElseThrow().before().getFirst().id()).isEqualTo("00000002-0000-0000-0000-000000000000");
    }

    @Test
    void aDamagedPolicyStepIsPutAsideAndReported() throws Exception {
        UndoJournal j = new UndoJournal(data);
        j.push(policy("deferred", "disabled"));
        j.push(policy("disabled", "enabled"));
        Path newest = data.resolve("services-undo").resolve(stepFiles().get(1));
        Files.writeString(newest, Files.readString(newest).replace("\"enabled\"", "\"maybe\""));
        assertThatThrownBy(() -> j.newestPolicy(POLICY_STORE)).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("policy");
        assertThat(Files.exists(newest.resolveSibling(newest.getFileName() + ".broken"))).isTrue();
        assertThat(j.newestPolicy(POLICY_STORE).orElseThrow().change().after().getFirst().policy()).isEqualTo("disabled");
    }
}
