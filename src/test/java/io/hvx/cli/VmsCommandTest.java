package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Backend;
import io.hvx.core.Environment;
import io.hvx.core.Mode;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VmInventory;
import io.hvx.vm.SandboxVmInventory;
import io.hvx.vm.StandIns;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmsCommandTest {

    @TempDir
    Path tmp;

    record Run(int code, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path sandbox = tmp.resolve("sandbox");
        CliContext ctx = new CliContext(new PrintWriter(out), new PrintWriter(err), new ByteArrayInputStream(new byte[0]),
                new ByteArrayOutputStream(), (mode, dir) -> backend(dir != null ? dir : sandbox), (m, d) -> { }, false);
        int code = Cli.run(ctx, args);
        return new Run(code, out.toString(), err.toString());
    }

    private static Backend backend(Path sandboxDir) {
        Environment env = new Environment(Mode.SANDBOX, false, "test", "test-os", "25", sandboxDir, sandboxDir.resolve("data"));
        VmInventory vms = new SandboxVmInventory(sandboxDir);
        io.hvx.core.ServiceRegistry services = new io.hvx.registry.Registrations(
                io.hvx.registry.JsonServiceStore.sandbox(sandboxDir), new io.hvx.registry.UndoJournal(sandboxDir.resolve("data")),
                "hvx test", java.time.Clock.systemUTC());
        return new Backend() {
            @Override
            public Environment environment() {
                return env;
            }

            @Override
            public io.hvx.core.ServiceRegistry services() {
                return services;
            }

            @Override
            public VmInventory vms() {
                return vms;
            }

            @Override
            public io.hvx.core.Connector connector() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(sandboxDir);
            }

            @Override
            public io.hvx.core.ListenerFactory listenerFactory() {
                return io.hvx.net.sandbox.SeededSandbox.endpoints(sandboxDir);
            }
        };
    }

    @Test
    void sandboxVmsAsJsonHaveTheDocumentedFields() {
        Run r = run("vms", "--json");
        assertThat(r.code()).isZero();
        JsonArray a = JsonParser.parseString(r.out()).getAsJsonArray();
        assertThat(a).hasSize(2);
        JsonObject first = a.get(0).getAsJsonObject();
        assertThat(first.keySet()).containsExactly("id", "name", "state", "uptimeSeconds", "generation", "version",
                "memoryAssigned", "cpuUsage");
        assertThat(first.get("id").getAsString()).isEqualTo(SandboxSeed.DEMO_LINUX_ID.toString());
        assertThat(first.get("state").getAsString()).isEqualTo("Running");
    }

    @Test
    void aModeNamedLikeACommandIsStillTheModeValue() {
        Run r = run("--mode", "sandbox", "vms", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(run("vms", "--mode", "sandbox").code()).isZero();
    }

    @Test
    void sandboxVmChangesShowInVms() {
        Run add = run("sandbox", "vm", "add", "ci-runner", "--id", "{12345678-1234-4234-8234-123456789ABC}", "--state", "off");
        assertThat(add.code()).isZero();
        assertThat(add.out().strip()).isEqualTo("12345678-1234-4234-8234-123456789abc");
        assertThat(run("vms", "--json").out()).contains("ci-runner");
        assertThat(run("sandbox", "vm", "state", "CI-RUNNER", "running").code()).isZero();
        assertThat(run("vms").out()).containsPattern("ci-runner\\s+Running");
        Run rm = run("sandbox", "vm", "remove", "12345678-1234-4234-8234-123456789abc");
        assertThat(rm.code()).isZero();
        assertThat(rm.out()).contains("ci-runner");
        assertThat(run("vms", "--json").out()).doesNotContain("ci-runner");
    }

    @Test
    void sandboxVmAddJsonAndListJson() {
        Run add = run("sandbox", "vm", "add", "json-vm", "--json");
        assertThat(JsonParser.parseString(add.out()).getAsJsonObject().get("name").getAsString()).isEqualTo("json-vm");
        assertThat(JsonParser.parseString(run("sandbox", "vm", "list", "--json").out()).getAsJsonArray()).hasSize(3);
    }

    @Test
    void badSandboxInputExitsWith2AndASentence() {
        Run r = run("sandbox", "vm", "add", "x", "--id", "not-a-guid");
        assertThat(r.code()).isEqualTo(2);
        assertThat(r.err()).startsWith("hvx: 'not-a-guid' is not a GUID");
        assertThat(run("sandbox", "vm", "state", "demo-linux", "paused").code()).isEqualTo(2);
        assertThat(run("sandbox", "vm", "remove", "ghost").err()).contains("ghost");
        Run usage = run("sandbox");
        assertThat(usage.code()).isZero();
        assertThat(usage.out()).contains("vm");
    }

    @Test
    void noVmsIsAnEmptyArrayAndExit0() {
        run("sandbox", "vm", "remove", "demo-linux");
        run("sandbox", "vm", "remove", "demo-windows");
        Run r = run("vms", "--json");
        assertThat(r.code()).isZero();
        assertThat(r.out().strip()).isEqualTo("[]");
        assertThat(run("vms").out()).contains("No virtual machines.");
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @ParameterizedTest
    @CsvSource({
            "ps51-contract.json, 0, 3",
            "ps7-contract.json, 0, 2",
            "single-object.json, 0, 1",
            "zero-vms.json, 0, 0",
            "state-numbers.json, 0, 4",
            "ps51-naive.json, 0, 2",
            "ps7-naive-single.json, 0, 1",
    })
    void powershellOptionListsEachShape(String fixture, int code, int count) throws Exception {
        Run r = run("vms", "--json", "--powershell", StandIns.fixtureWrapper(tmp, fixture).toString());
        assertThat(r.code()).as(r.err()).isEqualTo(code);
        assertThat(JsonParser.parseString(r.out()).getAsJsonArray()).hasSize(count);
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "error-module-missing.json | 1 | Hyper-V PowerShell module is not installed",
            "error-access-denied.json | 3 | Hyper-V Administrators",
            "error-module-not-loadable.json | 1 | could not be loaded",
            "error-other.json | 1 | InvalidOperation",
            "garbage.txt | 1 | without printing the VM list",
            "empty.txt | 1 | without printing the VM list",
            "truncated.json | 1 | without printing the VM list",
    })
    void powershellFailuresGiveTheirSentenceAndExitCode(String fixture, int code, String sentence) throws Exception {
        Run r = run("vms", "--json", "--powershell", StandIns.fixtureWrapper(tmp, fixture).toString());
        assertThat(r.code()).isEqualTo(code);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("hvx: ").contains(sentence);
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @Test
    void powershellTimeoutIsHonoured() throws Exception {
        long start = System.nanoTime();
        Run r = run("vms", "--powershell", StandIns.script("sleep.sh").toString(), "--timeout", "1");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("within 1 seconds");
        assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(6000);
        assertThat(run("vms", "--timeout", "0").code()).isEqualTo(2);
    }

    @Test
    void aPowershellPathThatIsNotThereExits1() {
        Run r = run("vms", "--powershell", tmp.resolve("missing/pwsh").toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err()).contains("PowerShell was not found at");
    }

    @Test
    void theTextTableAlignsWideCharacters() {
        java.io.StringWriter sw = new java.io.StringWriter();
        VmsCommand.print(new PrintWriter(sw, true), java.util.List.of(
                new io.hvx.core.VirtualMachine(io.hvx.core.Guid.random(), "测试机", "Running", 61, 2, "10.0", 1L << 30, 0),
                new io.hvx.core.VirtualMachine(io.hvx.core.Guid.random(), "abcdefgh", "Off", 0, 2, "10.0", 0, 0)));
        java.util.List<String> lines = sw.toString().lines().toList();
        assertThat(lines).hasSize(3);
        int col = TextTable.width(lines.get(1).substring(0, lines.get(1).indexOf("Running")));
        assertThat(TextTable.width(lines.get(2).substring(0, lines.get(2).indexOf("Off")))).isEqualTo(col);
        assertThat(lines.get(1)).contains("1m 1s").contains("1.0 GiB");
    }

    @Test
    void controlCharactersInVmNamesAndStatesAreEscapedInTextOutput() throws Exception {
        run("vms");
        java.nio.file.Path file = tmp.resolve("sandbox/vms.json");
        String json = java.nio.file.Files.readString(file).replace("\"demo-linux\"", "\"evil\\u001b]0;owned\\u0007\"")
                .replace("\"Off\"", "\"Off\\u001b[2J\"");
        java.nio.file.Files.writeString(file, json);
        for (String[] args : new String[][] {{"vms"}, {"sandbox", "vm", "list"}, {"sandbox", "vm", "state", "demo-windows", "running"}}) {
            Run r = run(args);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).as(String.join(" ", args)).doesNotContain("\u001b").doesNotContain("\u0007");
        }
        assertThat(run("vms").out()).contains("evil\\x1b]0;owned\\x07");
        // JSON keeps the exact text, escaped the JSON way
        assertThat(run("vms", "--json").out()).contains("evil\\u001b]0;owned\\u0007");
        Run removed = run("sandbox", "vm", "remove", "evil\u001b]0;owned\u0007");
        assertThat(removed.code()).isZero();
        assertThat(removed.out()).doesNotContain("\u001b").contains("evil\\x1b");
    }
}
