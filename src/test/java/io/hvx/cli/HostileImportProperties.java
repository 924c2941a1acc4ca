package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;
import io.hvx.HostileInput;
import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.KnownService;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.registry.JsonExport;
import io.hvx.registry.RegFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * {@code hvx services import FILE --yes} with hostile files (issue 14 §20), end to end on a
 * sandbox: every run exits 0, 1 or 2 with no stack trace and no "unexpected error"; a run that
 * fails leaves every byte of the store and the undo journal as it was; a run that succeeds made
 * exactly the file's entries (names trimmed; the last entry for an id wins) and removed exactly its
 * deletions.
 */
class HostileImportProperties {

    private static Path template;

    @BeforeContainer
    static void seed() throws IOException {
        Messages.setLocale(Locale.US);
        template = Files.createTempDirectory("hvxhi");
        CliHarness.Result r = new CliHarness(template).run("--mode", "sandbox", "services", "add", "--name", "Mine",
                "--id", "11111111-2222-3333-4444-555555555555");
        assertThat(r.exit()).as(r.err()).isZero();
    }

    @AfterContainer
    static void clean() throws IOException {
        delete(template);
    }

    private static void delete(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** Every content file under {@code root} (lock files and logs are not content). */
    static Map<String, String> snapshot(Path root) {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
                    .filter(p -> !root.relativize(p).toString().contains("logs"))
                    .forEach(p -> {
                        try {
                            m.put(root.relativize(p).toString(), java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return m;
    }

    static Path copyOfTemplate() throws IOException {
        Path dir = Files.createTempDirectory("hvxhi");
        try (Stream<Path> s = Files.walk(template)) {
            for (Path p : s.toList()) {
                Path to = dir.resolve(template.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(to);
                } else if (Files.isRegularFile(p)) {
                    Files.copy(p, to);
                }
            }
        }
        return dir;
    }

    @Provide
    Arbitrary<List<ServiceRegistration>> exports() {
        Arbitrary<Guid> ids = Arbitraries.oneOf(Arbitraries.longs().tuple2().map(t -> Guid.of(t.get1(), t.get2())),
                Arbitraries.of(Guid.parse("11111111-2222-3333-4444-555555555555"),
                        Guid.parse("00000007-facb-11e6-bd58-64006a7986d3"), KnownService.VM_SESSION_SERVICE.id()));
        Arbitrary<String> names = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, Arbitraries.strings().alpha().numeric().withChars(" -_.'\"\\\u540d\u5b57\u00e9")
                        .ofMinLength(1).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMinLength(1).ofMaxLength(30)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of("Mine", "Demo echo", "mine", "\u540d\u5b57", " padded ",
                        "a\u001b]0;t\u0007b")));
        Arbitrary<String> creators = Arbitraries.of("hvx 0.1.0", "other tool", null);
        return ids.flatMap(id -> names.flatMap(n -> creators.map(c -> ServiceRegistration.of(id, n, c, "2026-01-02T03:04:05Z"))))
                .list().ofMinSize(0).ofMaxSize(8);
    }

    @Provide
    Arbitrary<List<HostileInput.Mutation>> mutations() {
        return HostileInput.mutations(3);
    }

    private static final List<byte[]> FRAGMENTS = Stream.concat(Stream.of(HostileInput.COMMON), Stream.of("\\\r\n",
            "=hex(1):41,00,", "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization"
                    + "\\GuestCommunicationServices\\{11111111-2222-3333-4444-555555555555}]\r\n",
            "\"name\":\"dup\",\"name\":\"x\",", "{\"id\":\"999e53d4-3d5c-4c3e-8779-bed06ec056e1\",\"name\":\"x\"},"))
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    private void importOne(String ext, byte[] file, boolean allowDelete, boolean force) throws IOException {
        Path dir = copyOfTemplate();
        try {
            Path f = dir.resolve("import." + ext);
            Files.write(f, file);
            Map<String, String> before = snapshot(dir);
            before.remove("import." + ext);
            List<String> args = new java.util.ArrayList<>(List.of("--mode", "sandbox", "services", "import", f.toString(), "--yes"));
            if (allowDelete) {
                args.add("--allow-delete");
            }
            if (force) {
                args.add("--force");
            }
            CliHarness.Result r = new CliHarness(dir).run(args.toArray(String[]::new));
            assertThat(r.exit()).as(r.err()).isBetween(0, 2);
            assertThat(r.err()).doesNotContain("unexpected error", "\tat ", "Exception", "\u001b", "\u0007");
            Map<String, String> after = snapshot(dir);
            after.remove("import." + ext);
            if (r.exit() != 0) {
                assertThat(r.err()).startsWith("hvx: ");
                assertThat(after).as("a refused import writes nothing").isEqualTo(before);
                HostileInput.count(ext, "refused (exit " + r.exit() + ")");
                return;
            }
            HostileInput.count(ext, "imported");
            List<ImportPlan.Entry> entries = ext.equals("reg") ? RegFile.read(f.toString(), file) : JsonExport.read(f.toString(), file);
            Map<String, String> listed = listed(dir);
            // the last entry for an id decides, as when regedit imports a file (the plan says so)
            Map<Guid, ImportPlan.Entry> last = new java.util.LinkedHashMap<>();
            for (ImportPlan.Entry e : entries) {
                last.put(e.id(), e);
            }
            for (ImportPlan.Entry e : last.values()) {
                if (e.delete()) {
                    assertThat(listed).doesNotContainKey(e.id().toString());
                } else if (e.name() != null) {
                    assertThat(listed).containsEntry(e.id().toString(), e.name().strip());
                }
            }
        } finally {
            delete(dir);
        }
    }

    /** id → name of every registration, through {@code services list --json}. */
    private static Map<String, String> listed(Path dir) {
        CliHarness.Result r = new CliHarness(dir).run("--mode", "sandbox", "services", "list", "--json");
        assertThat(r.exit()).isZero();
        Map<String, String> m = new HashMap<>();
        for (JsonElement e : JsonParser.parseString(r.out()).getAsJsonArray()) {
            m.put(e.getAsJsonObject().get("id").getAsString(), e.getAsJsonObject().get("name").getAsString());
        }
        return m;
    }

    @Property(tries = 300)
    void hostileRegImportsApplyExactlyOrWriteNothing(@ForAll("exports") List<ServiceRegistration> export,
                                                     @ForAll("mutations") List<HostileInput.Mutation> m,
                                                     @ForAll boolean allowDelete, @ForAll boolean force) throws IOException {
        importOne("reg", HostileInput.mutate(RegFile.write(export), m, FRAGMENTS), allowDelete, force);
    }

    @Property(tries = 300)
    void hostileJsonImportsApplyExactlyOrWriteNothing(@ForAll("exports") List<ServiceRegistration> export,
                                                      @ForAll("mutations") List<HostileInput.Mutation> m,
                                                      @ForAll boolean allowDelete, @ForAll boolean force) throws IOException {
        importOne("json", HostileInput.mutate(JsonExport.write(export), m, FRAGMENTS), allowDelete, force);
    }
}
