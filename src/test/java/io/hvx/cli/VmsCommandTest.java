package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.TestBackend;
import io.hvx.core.SandboxSeed;
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
                new ByteArrayOutputStream(), (mode, dir) -> TestBackend.sandbox(dir != null ? dir : sandbox, tmp.resolve("data")), (m, d) -> { }, false);
        int code = Cli.run(ctx, args);
        return new Run(code, out.toString(), err.toString());
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
        Run rm = run("sandbox", "vm", "remove", "12345678-1234-4234-8234-123456789abc", "--yes");
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
        run("sandbox", "vm", "remove", "demo-linux", "--yes");
        run("sandbox", "vm", "remove", "demo-windows", "--yes");
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
            "error-object-not-found.json | 3 | Hyper-V Administrators",
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

    /** Issue 10, defect 6: an empty list for an account without Hyper-V rights says why, beside it. */
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @Test
    void anEmptyListWithoutHyperVRightsSaysWhyBesideIt() throws Exception {
        Run text = run("vms", "--powershell", StandIns.fixtureWrapper(tmp, "zero-vms-no-rights.json").toString());
        assertThat(text.code()).isZero();
        assertThat(text.out()).startsWith("No virtual machines.").contains("neither elevated nor in the local 'Hyper-V Administrators'");
        Run json = run("vms", "--json", "--powershell", StandIns.fixtureWrapper(tmp, "zero-vms-no-rights.json").toString());
        assertThat(json.code()).isZero();
        assertThat(JsonParser.parseString(json.out()).getAsJsonArray()).isEmpty();
        assertThat(json.err()).contains("Hyper-V Administrators");
        Run admin = run("vms", "--powershell", StandIns.fixtureWrapper(tmp, "zero-vms-hyperv-admin.json").toString());
        assertThat(admin.out().strip()).isEqualTo("No virtual machines.");
    }

    /** Issue 14 §10: a flood ends with one line and exit 1, never a final [] with exit 0. */
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @ParameterizedTest
    @CsvSource({"flood-stdout.sh, 8 MB to stdout", "flood-stderr.sh, 1 MB to stderr"})
    void aPowershellThatFloodsExits1WithOneLine(String standIn, String what) {
        Run r = run("vms", "--json", "--powershell", StandIns.script(standIn).toString(), "--timeout", "60");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        String[] lines = r.err().strip().split("\n");
        assertThat(lines[0]).startsWith("hvx: PowerShell wrote more than " + what);
        assertThat(lines).as("the sentence and one line of detail per stream").hasSizeLessThanOrEqualTo(3);
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
}
