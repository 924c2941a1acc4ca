package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.DefaultBackendFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Concurrency torture (issue 14 §19): many hvx processes add, rename, remove, import and undo on
 * one sandbox at once. Afterwards every command that exited 0 is in the store and the journal
 * (or was reverted by an undo that exited 0, which says which step it reverted), and every
 * refusal left no trace:
 * <ul>
 *   <li>the steps recorded by successful commands are exactly the steps left in the journal
 *       plus the steps successful undos reverted (as multisets of action and services);</li>
 *   <li>the store is the state before, overlaid with the newest remaining step of each service
 *       (the journal is a stack: undo pops the top, so this holds after any interleaving).</li>
 * </ul>
 * {@code -Dhvx.torture.rounds=N} repeats it on fresh sandboxes (default 1, about 20 s here).
 */
class StoreTortureTest {

    private static final Duration EACH = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    record Step(String action, List<String> ids) {
        static Step of(String action, List<String> ids) {
            List<String> sorted = new ArrayList<>(ids);
            Collections.sort(sorted);
            return new Step(action, List.copyOf(sorted));
        }
    }

    static String port(int p) {
        return String.format("%08x-facb-11e6-bd58-64006a7986d3", p);
    }

    @Test
    void mixedParallelCommandsLeaveAStoreAndJournalThatExplainEverySuccess() throws Exception {
        int rounds = Integer.getInteger("hvx.torture.rounds", 1);
        for (int r = 0; r < rounds; r++) {
            round(tmp.resolve("round" + r));
        }
    }

    void round(Path work) throws Exception {
        HvxProcesses hvx = new HvxProcesses(work);
        CliHarness setup = new CliHarness(new DefaultBackendFactory(hvx.dataDir()), hvx.sandboxDir());
        for (int i = 0; i < 4; i++) {
            assertThat(setup.run("--mode", "sandbox", "services", "add", "--name", "victim " + i,
                    "--vsock-port", String.valueOf(9100 + i)).exit()).isZero();
        }
        deleteTree(hvx.dataDir().resolve("services-undo"));
        Map<String, String> initial = names(setup.run("--mode", "sandbox", "services", "list", "--json").out());

        List<List<String>> cmds = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            cmds.add(List.of("services", "add", "--name", "own " + i, "--vsock-port", String.valueOf(9200 + i)));
        }
        for (int i = 0; i < 4; i++) {
            cmds.add(List.of("services", "add", "--name", "shared " + i, "--vsock-port", "9300", "--force"));
            cmds.add(List.of("services", "rename", "vsock:" + (9100 + i), "--name", "renamed " + i));
            cmds.add(List.of("services", "remove", "vsock:" + (9100 + i), "--yes"));
            cmds.add(List.of("services", "undo", "--json"));
        }
        for (int k = 0; k < 3; k++) {
            Path f = work.resolve("import" + k + ".json");
            Files.writeString(f, "[{\"id\":\"" + port(9400 + 2 * k) + "\",\"name\":\"imp " + k + "a\"},"
                    + "{\"id\":\"" + port(9401 + 2 * k) + "\",\"name\":\"imp " + k + "b\"},"
                    + "{\"id\":\"" + port(9300) + "\",\"name\":\"shared by import " + k + "\"}]");
            cmds.add(List.of("services", "import", f.toString(), "--yes", "--json"));
        }
        Collections.shuffle(cmds, new java.util.Random(42 + work.hashCode()));
        List<HvxProcesses.Outcome> out = hvx.runAll(cmds, 12, EACH);

        List<Step> made = new ArrayList<>();
        List<Step> undone = new ArrayList<>();
        for (HvxProcesses.Outcome o : out) {
            assertThat(o.exit()).as(o.toString()).isIn(0, 2);
            assertThat(o.err()).as(o.toString()).doesNotContain("Exception").doesNotContain("was changed since");
            if (o.exit() != 0) {
                continue;
            }
            List<String> a = o.args();
            switch (a.get(1)) {
                case "add" -> made.add(Step.of("add", List.of(port(Integer.parseInt(a.get(5))))));
                case "rename", "remove" -> made.add(Step.of(a.get(1), List.of(port(Integer.parseInt(a.get(2).substring(6))))));
                case "undo" -> {
                    JsonObject u = JsonParser.parseString(o.out()).getAsJsonObject();
                    List<String> ids = new ArrayList<>();
                    u.getAsJsonArray("ids").forEach(e -> ids.add(e.getAsString()));
                    undone.add(Step.of(u.get("action").getAsString(), ids));
                }
                case "import" -> {
                    JsonObject plan = JsonParser.parseString(o.out()).getAsJsonObject();
                    assertThat(plan.get("applied").getAsBoolean()).isTrue();
                    List<String> ids = new ArrayList<>();
                    for (JsonElement s : plan.getAsJsonArray("steps")) {
                        String action = s.getAsJsonObject().get("action").getAsString();
                        if (!action.equals("unchanged")) {
                            assertThat(action).isIn("add", "update-name");
                            ids.add(s.getAsJsonObject().get("id").getAsString());
                        }
                    }
                    if (!ids.isEmpty()) {
                        made.add(Step.of("import", ids));
                    }
                }
                default -> throw new IllegalStateException(a.toString());
            }
        }
        List<JournalSteps.Step> journal = JournalSteps.of(hvx.dataDir(), hvx.sandboxDir());
        List<Step> left = journal.stream().map(s -> Step.of(s.action(), s.ids())).toList();

        List<Step> explained = new ArrayList<>(left);
        explained.addAll(undone);
        assertThat(sorted(explained)).as("successes = steps left + steps undone\n%s", out).isEqualTo(sorted(made));

        Map<String, String> expected = new TreeMap<>(initial);
        for (JournalSteps.Step s : journal) {
            for (int i = 0; i < s.ids().size(); i++) {
                if (s.afterNames().get(i) == null) {
                    expected.remove(s.ids().get(i));
                } else {
                    expected.put(s.ids().get(i), s.afterNames().get(i));
                }
            }
        }
        Map<String, String> actual = names(hvx.run(EACH, "services", "list", "--json").out());
        assertThat(actual).as("store = state before + newest remaining step per service\n%s", out).isEqualTo(expected);
        // the ones nobody may take away: every own add is there unless an undo reverted it
        for (int i = 0; i < 6; i++) {
            Step own = Step.of("add", List.of(port(9200 + i)));
            assertThat(actual.containsKey(port(9200 + i))).isEqualTo(!undone.contains(own));
        }
        try (Stream<Path> s = Files.list(hvx.sandboxDir())) {
            assertThat(s.map(p -> p.getFileName().toString())).as("no torn or refused files")
                    .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".broken"));
        }
    }

    static List<Step> sorted(List<Step> steps) {
        return steps.stream().sorted((a, b) -> (a.action() + a.ids()).compareTo(b.action() + b.ids())).toList();
    }

    static Map<String, String> names(String listJson) {
        Map<String, String> m = new HashMap<>();
        for (JsonElement e : JsonParser.parseString(listJson).getAsJsonArray()) {
            JsonElement n = e.getAsJsonObject().get("name");
            m.put(e.getAsJsonObject().get("id").getAsString(), n.isJsonNull() ? null : n.getAsString());
        }
        return new TreeMap<>(m);
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Collections.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
