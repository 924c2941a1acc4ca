package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Backend;
import io.hvx.core.Environment;
import io.hvx.core.Mode;
import io.hvx.core.ServiceRegistry;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hvx services} in sandbox mode, driven in-process. */
class ServicesCommandTest {

    @TempDir
    Path tmp;

    Path storeFile;
    ServiceRegistry registry;

    record Run(int code, String out, String err, byte[] raw) {
    }

    @BeforeEach
    void setUp() {
        storeFile = tmp.resolve("sb").resolve("services.json");
        registry = new Registrations(JsonServiceStore.sandbox(tmp.resolve("sb")), new UndoJournal(tmp.resolve("data")),
                "hvx test", Clock.systemUTC());
    }

    Run run(boolean interactive, String stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        Environment env = new Environment(Mode.SANDBOX, false, "test", "os", "25", tmp.resolve("sb"), tmp.resolve("data"));
        Backend backend = new Backend() {
            @Override
            public Environment environment() {
                return env;
            }

            @Override
            public ServiceRegistry services() {
                return registry;
            }

            @Override
            public io.hvx.core.VmInventory vms() {
                return new io.hvx.vm.SandboxVmInventory(env.sandboxDir());
            }

            @Override
            public io.hvx.core.Connector connector() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(env.sandboxDir());
            }

            @Override
            public io.hvx.core.ListenerFactory listenerFactory() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(env.sandboxDir());
            }
        };
        CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err),
                new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), raw, (m, d) -> backend,
                (m, d) -> { }, interactive);
        int code = Cli.run(ctx, args);
        return new Run(code, out.toString(), err.toString(), raw.toByteArray());
    }

    Run run(String... args) {
        return run(false, "", args);
    }

    Set<String> entries() {
        JsonArray arr = JsonParser.parseString(run("services", "list", "--json").out()).getAsJsonArray();
        Set<String> s = new TreeSet<>();
        for (JsonElement e : arr) {
            JsonObject o = e.getAsJsonObject();
            s.add(o.get("id").getAsString() + "=" + (o.get("name").isJsonNull() ? null : o.get("name").getAsString()));
        }
        return s;
    }

    @Test
    void addsWithNewGivenAndVsockIdsThenRenamesRemovesAndUndoes() {
        Run a = run("services", "add", "--name", "New one");
        assertThat(a.code()).isZero();
        String newId = a.out().strip();
        assertThat(newId).matches("[0-9a-f-]{36}");
        assertThat(run("services", "add", "--name", "Given", "--id", "{ABCDEF01-2345-6789-ABCD-EF0123456789}").out().strip())
                .isEqualTo("abcdef01-2345-6789-abcd-ef0123456789");
        Run v = run("services", "add", "--name", "Port 5000", "--vsock-port", "5000", "--json");
        JsonObject o = JsonParser.parseString(v.out()).getAsJsonObject();
        assertThat(o.keySet()).containsExactly("id", "name", "kind", "vsockPort", "createdBy", "createdAt");
        assertThat(o.get("id").getAsString()).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(o.get("vsockPort").getAsLong()).isEqualTo(5000);
        assertThat(o.get("kind").getAsString()).isEqualTo("hvx");

        assertThat(run("services", "rename", "Given", "--name", "Given renamed").code()).isZero();
        assertThat(entries()).contains("abcdef01-2345-6789-abcd-ef0123456789=Given renamed");
        assertThat(run("services", "remove", "vsock:5000", "--yes").code()).isZero();
        assertThat(entries()).noneMatch(e -> e.startsWith("00001388"));
        assertThat(run("services", "undo").code()).isZero();
        assertThat(entries()).contains("00001388-facb-11e6-bd58-64006a7986d3=Port 5000");
        assertThat(run("services", "undo").code()).isZero();
        assertThat(entries()).contains("abcdef01-2345-6789-abcd-ef0123456789=Given");
    }

    @Test
    void listJsonHasTheDocumentedShape() {
        JsonArray arr = JsonParser.parseString(run("services", "list", "--json").out()).getAsJsonArray();
        assertThat(arr).isNotEmpty();
        for (JsonElement e : arr) {
            assertThat(e.getAsJsonObject().keySet()).containsExactly("id", "name", "kind", "vsockPort", "createdBy", "createdAt");
        }
        assertThat(arr.asList()).extracting(e -> e.getAsJsonObject().get("kind").getAsString())
                .contains("builtin", "hvx", "other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"duplicate", "badGuid", "emptyName", "controlName", "port2pow31", "removeBuiltin",
            "removeWithoutTerminal", "removeOtherWithoutForce"})
    void refusedOperationsExit2AndLeaveTheStoreByteIdentical(String which) throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Run r = switch (which) {
            case "duplicate" -> run("services", "add", "--name", "x", "--id", "00000007-FACB-11E6-BD58-64006A7986D3");
            case "badGuid" -> run("services", "add", "--name", "x", "--id", "1234-not-a-guid");
            case "emptyName" -> run("services", "add", "--name", "   ");
            case "controlName" -> run("services", "add", "--name", "a\u0007b");
            case "port2pow31" -> run("services", "add", "--name", "x", "--vsock-port", "2147483648");
            case "removeBuiltin" -> run("services", "remove", "999e53d4-3d5c-4c3e-8779-bed06ec056e1", "--yes", "--force");
            case "removeWithoutTerminal" -> run("services", "remove", "Demo echo");
            case "removeOtherWithoutForce" -> run("services", "remove", "Docker VPNKit Ethernet", "--yes");
            default -> throw new IllegalArgumentException(which);
        };
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("hvx: ").doesNotContain("Exception").doesNotContain("\tat ");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
    }

    @Test
    void theSentencesNameTheProblem() {
        assertThat(run("services", "add", "--name", "x", "--id", "00000007-facb-11e6-bd58-64006a7986d3").err())
                .contains("already registered");
        assertThat(run("services", "add", "--name", "x", "--vsock-port", "2147483648").err()).contains("out of range");
        assertThat(run("services", "add", "--name", "").err()).contains("empty");
        assertThat(run("services", "add", "--name", "a\nb").err()).contains("control character U+000A");
        assertThat(run("services", "remove", "VM Session Service", "--yes").err()).contains("built into Windows");
        assertThat(run("services", "remove", "Demo echo").err()).contains("--yes");
    }

    @Test
    void removeAsksAtTheTerminal() {
        Run no = run(true, "n\n", "services", "remove", "Demo sink");
        assertThat(no.code()).isEqualTo(1);
        assertThat(no.out()).contains("[y/N]");
        assertThat(entries()).anyMatch(e -> e.endsWith("=Demo sink"));
        Run yes = run(true, "y\n", "services", "remove", "Demo sink");
        assertThat(yes.code()).isZero();
        assertThat(entries()).noneMatch(e -> e.endsWith("=Demo sink"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"reg", "ps1", "json"})
    void exportsEachFormat(String format) throws Exception {
        Path f = tmp.resolve("out." + format);
        assertThat(run("services", "export", "--format", format, "-o", f.toString()).code()).isZero();
        byte[] b = Files.readAllBytes(f);
        switch (format) {
            case "reg" -> assertThat(new String(b, StandardCharsets.UTF_16LE)).startsWith("\uFEFFWindows Registry Editor Version 5.00\r\n");
            case "ps1" -> assertThat(new String(b, StandardCharsets.UTF_8)).startsWith("\uFEFF# Registers").contains("Demo echo");
            default -> assertThat(JsonParser.parseString(new String(b, StandardCharsets.UTF_8)).getAsJsonArray()).hasSize(6);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"reg", "json"})
    void exportThenImportReproducesTheSameEntries(String format) throws Exception {
        run("services", "add", "--name", "Quote \" and \\ and '' and $(x) 名字");
        run("services", "add", "--name", "vsock", "--vsock-port", "0x10");
        Set<String> before = entries();
        String fullBefore = run("services", "list", "--json").out();
        Path f = tmp.resolve("all." + format);
        assertThat(run("services", "export", "-o", f.toString()).code()).isZero();
        List<String> ids = new ArrayList<>();
        JsonParser.parseString(run("services", "list", "--json").out()).getAsJsonArray()
                .forEach(e -> {
                    if (!e.getAsJsonObject().get("kind").getAsString().equals("builtin")) {
                        ids.add(e.getAsJsonObject().get("id").getAsString());
                    }
                });
        for (String id : ids) {
            assertThat(run("services", "remove", id, "--yes", "--force").code()).isZero();
        }
        assertThat(entries()).hasSize(2);
        Run dry = run("services", "import", f.toString(), "--dry-run");
        assertThat(dry.code()).isZero();
        assertThat(dry.out()).contains("add").contains("unchanged");
        assertThat(entries()).hasSize(2);
        Run imp = run("services", "import", f.toString(), "--yes");
        assertThat(imp.code()).as(imp.err()).isZero();
        assertThat(entries()).isEqualTo(before);
        // ids, names, kinds (other stays other), ports, CreatedBy and CreatedAt all come back
        assertThat(run("services", "list", "--json").out()).isEqualTo(fullBefore);
        assertThat(run("services", "import", f.toString(), "--yes").out()).contains("Nothing to change");
        assertThat(run("services", "undo").code()).isZero();
        assertThat(entries()).hasSize(2);
    }

    @Test
    void importRefusesAFileTouchingOtherKeysAndChangesNothing() throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Path f = tmp.resolve("evil.reg");
        Files.writeString(f, "Windows Registry Editor Version 5.00\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\0007a120-facb-11e6-bd58-64006a7986d3]\r\n"
                + "\"ElementName\"=\"ok\"\r\n\r\n[HKEY_CURRENT_USER\\Software\\Evil]\r\n");
        Run r = run("services", "import", f.toString(), "--yes");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("line 6");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
    }

    @Test
    void deletionsInAFileNeedAllowDelete() throws Exception {
        Path f = tmp.resolve("del.reg");
        Files.writeString(f, "REGEDIT4\r\n\r\n[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\00000009-facb-11e6-bd58-64006a7986d3]\r\n");
        Run refused = run("services", "import", f.toString(), "--yes");
        assertThat(refused.out()).contains("refused").contains("--allow-delete");
        assertThat(entries()).anyMatch(e -> e.startsWith("00000009"));
        Run applied = run("services", "import", f.toString(), "--yes", "--allow-delete");
        assertThat(applied.code()).isZero();
        assertThat(entries()).noneMatch(e -> e.startsWith("00000009"));
    }

    @Test
    void importDryRunPrintsThePlanAsJson() throws Exception {
        Path f = tmp.resolve("one.json");
        Files.writeString(f, "[{\"id\":\"0007a120-facb-11e6-bd58-64006a7986d3\",\"name\":\"Port 500000\"},"
                + "{\"id\":\"999e53d4-3d5c-4c3e-8779-bed06ec056e1\",\"name\":\"Hijack\"}]");
        Run r = run("services", "import", f.toString(), "--dry-run", "--json");
        assertThat(r.code()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("applied").getAsBoolean()).isFalse();
        JsonArray steps = o.getAsJsonArray("steps");
        assertThat(steps.get(0).getAsJsonObject().get("action").getAsString()).isEqualTo("add");
        assertThat(steps.get(1).getAsJsonObject().get("action").getAsString()).isEqualTo("refused");
        assertThat(steps.get(1).getAsJsonObject().get("reason").getAsString()).contains("built-in");
        assertThat(entries()).noneMatch(e -> e.startsWith("0007a120"));
    }

    @Test
    void exportToStandardOutputWritesTheRawBytes() {
        Run r = run("services", "export", "--format", "reg", "Demo echo");
        assertThat(r.raw()[0] & 0xff).isEqualTo(0xFF);
        assertThat(r.raw()[1] & 0xff).isEqualTo(0xFE);
        assertThat(new String(r.raw(), StandardCharsets.UTF_16LE)).contains("Demo echo").doesNotContain("Demo sink");
    }

    @Test
    void undoWithNothingToUndoExits2() {
        Run r = run("services", "undo");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("nothing to undo");
    }

    @Test
    void anImportWithARefusedRowAppliesNothingExits2AndNamesTheRowAndTheFlag() throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Path f = tmp.resolve("mixed.reg");
        Files.writeString(f, "REGEDIT4\r\n\r\n"
                + "[HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\0007a120-facb-11e6-bd58-64006a7986d3]\r\n"
                + "\"ElementName\"=\"new one\"\r\n\r\n"
                + "[-HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\00000009-facb-11e6-bd58-64006a7986d3]\r\n");
        Run r = run("services", "import", f.toString(), "--yes");
        assertThat(r.code()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains("line 6").contains("00000009-facb-11e6-bd58-64006a7986d3").contains("--allow-delete")
                .contains("Nothing was imported");
        assertThat(r.out()).doesNotContain("Nothing to change");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);

        Path other = tmp.resolve("other.json");
        Files.writeString(other, "[{\"id\":\"30d48b34-7d27-4b0b-aaaf-bbbed334dd59\",\"name\":\"Renamed VPNKit\"}]");
        Run o = run("services", "import", other.toString(), "--yes");
        assertThat(o.code()).isEqualTo(2);
        assertThat(o.err()).contains("30d48b34-7d27-4b0b-aaaf-bbbed334dd59").contains("--force");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
        assertThat(run("services", "import", other.toString(), "--yes", "--force").code()).isZero();
        assertThat(entries()).contains("30d48b34-7d27-4b0b-aaaf-bbbed334dd59=Renamed VPNKit");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[{\"id\":\"0007a120-facb-11e6-bd58-64006a7986d3\",\"name\":\"a\",\"name\":\"b\"}]",
            "[{\"id\":\"0007a120-facb-11e6-bd58-64006a7986d3\",\"name\":\"a\"}] trailing",
            "[{\"id\":\"0007a120-facb-11e6-bd58-64006a7986d3\",\"name\":42}]",
            "[{\"id\":\"0007a120-facb-11e6-bd58-64006a7986d3\",\"name\":[\"a\"]}]"})
    void aJsonImportWithDuplicateKeysTrailingGarbageOrANonStringNameIsRefused(String json) throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Path f = tmp.resolve("bad.json");
        Files.writeString(f, json);
        Run r = run("services", "import", f.toString(), "--yes");
        assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).startsWith("hvx: ").contains("bad.json").doesNotContain("Exception");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
    }

    @Test
    void aNameAnotherRegistrationHasIsRefusedUnlessForced() throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Run dup = run("services", "add", "--name", "demo ECHO", "--vsock-port", "5001");
        assertThat(dup.code()).isEqualTo(2);
        assertThat(dup.err()).contains("Demo echo").contains("00000007-facb-11e6-bd58-64006a7986d3").contains("--force");
        Run ren = run("services", "rename", "Demo sink", "--name", "DEMO ECHO");
        assertThat(ren.code()).isEqualTo(2);
        assertThat(ren.err()).contains("00000007-facb-11e6-bd58-64006a7986d3").contains("--force");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
        // a new case of its own name is not a duplicate
        assertThat(run("services", "rename", "Demo sink", "--name", "DEMO SINK").code()).isZero();
        assertThat(run("services", "add", "--name", "demo ECHO", "--vsock-port", "5001", "--force").code()).isZero();
        assertThat(run("services", "rename", "DEMO SINK", "--name", "Demo echo", "--force").code()).isZero();
        assertThat(entries()).contains("00001389-facb-11e6-bd58-64006a7986d3=demo ECHO",
                "00000009-facb-11e6-bd58-64006a7986d3=Demo echo");
    }

    @Test
    void controlCharactersFromTheStoreAreEscapedInTextOutput() throws Exception {
        run("services", "list");
        String json = Files.readString(storeFile).replace("\"Demo echo\"", "\"Demo\\u001b]0;pwned\\u0007 echo\\u202e\"");
        Files.writeString(storeFile, json);
        Run list = run("services", "list");
        assertThat(list.code()).isZero();
        assertThat(list.out()).doesNotContain("\u001b").doesNotContain("\u0007").doesNotContain("\u202e")
                .contains("Demo\\x1b]0;pwned\\x07 echo\\u202e");
        Run ren = run("services", "rename", "vsock:7", "--name", "clean");
        assertThat(ren.out()).doesNotContain("\u001b").contains("\\x1b");
        Run undo = run("services", "undo");
        assertThat(undo.code()).isZero();
        Run dup = run("services", "add", "--name", "x", "--vsock-port", "7");
        assertThat(dup.err()).doesNotContain("\u001b").contains("\\x1b");
        // JSON keeps the exact text (escaped the JSON way)
        assertThat(run("services", "list", "--json").out()).contains("Demo\\u001b]0;pwned\\u0007 echo");
    }

    @Test
    void listColumnsAlignByDisplayWidth() {
        run("services", "add", "--name", "中文服务名称", "--vsock-port", "6001");
        run("services", "add", "--name", "ascii name", "--vsock-port", "6002");
        List<String> lines = run("services", "list").out().lines().toList();
        String cjk = lines.stream().filter(l -> l.startsWith("中文服务名称")).findFirst().orElseThrow();
        String ascii = lines.stream().filter(l -> l.startsWith("ascii name")).findFirst().orElseThrow();
        assertThat(TextTable.width(cjk.substring(0, cjk.indexOf("00001771"))))
                .isEqualTo(TextTable.width(ascii.substring(0, ascii.indexOf("00001772"))));
    }

    @Test
    void idAndVsockPortAreExclusiveOptions() throws Exception {
        run("services", "list");
        byte[] before = Files.readAllBytes(storeFile);
        Run r = run("services", "add", "--name", "x", "--id", "0007a120-facb-11e6-bd58-64006a7986d3", "--vsock-port", "5");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).contains("--id").contains("--vsock-port").contains("mutually exclusive");
        assertThat(Files.readAllBytes(storeFile)).isEqualTo(before);
    }

    @Test
    void undoJsonSaysWhichStepWasReverted() {
        String id = run("services", "add", "--name", "to undo", "--vsock-port", "4711").out().strip();
        JsonObject o = JsonParser.parseString(run("services", "undo", "--json").out()).getAsJsonObject();
        assertThat(o.get("action").getAsString()).isEqualTo("add");
        assertThat(o.getAsJsonArray("ids").get(0).getAsString()).isEqualTo(id);
        assertThat(o.keySet()).containsExactly("action", "ids", "at");
    }
}
