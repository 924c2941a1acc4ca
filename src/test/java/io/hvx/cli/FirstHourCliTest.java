package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.SandboxSeed;
import io.hvx.vm.SandboxVmInventory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI's rough edges of a newcomer's first hour (issue 11): usage errors in one format,
 * {@code sandbox serve --seconds}, exports to a missing folder or a terminal, {@code sandbox path}
 * on a new sandbox, VM removal asked first and undoable, {@code sandbox reset}, and every
 * directory of {@code info} in its JSON.
 */
class FirstHourCliTest {

    @TempDir
    Path tmp;

    CliHarness cli() {
        return new CliHarness(tmp.resolve("sb"));
    }

    /** {@code hvx --mode sandbox ARGS}: a CI runner on Azure is a Hyper-V guest, where the mode would be detected as linux-guest. */
    static String[] sandbox(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--mode";
        all[1] = "sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return all;
    }

    CliHarness.Result run(String... args) {
        return cli().run(sandbox(args));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "listen vsock:5 --echo --sink",
            "services add",
            "services add --name x --bogus",
            "sandbox serve --seconds x",
            "--mode nonsense info",
            "info extra",
            "connect demo-linux",
    })
    void everyUsageErrorIsOneLineInOneFormat(String line) {
        CliHarness.Result r = cli().run(line.split(" ")); // parsing fails before a backend is built

        assertThat(r.exit()).isEqualTo(Cli.USAGE);
        List<String> lines = r.err().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).startsWith("hvx: ").doesNotContain("Error:");
        assertThat(lines.get(0).substring(5)).matches("[A-Z'-].*");
        assertThat(lines.get(1)).matches("Run 'hvx( [a-z-]+)* --help' for usage\\.");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void serveRefusesNegativeSecondsAndSaysWhatZeroMeans() {
        CliHarness.Result r = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> run("sandbox", "serve", "--seconds", "-1"));

        assertThat(r.exit()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).isEqualTo("hvx: --seconds -1 is out of range: give seconds from 0 to 86400."
                + System.lineSeparator());
        assertThat(run("sandbox", "serve", "--help").out().replaceAll("\\s+", " ")).contains("default 0: run until Ctrl+C");
    }

    @Test
    void exportIntoAMissingFolderFailsAndCreatesNothing() {
        Path missing = tmp.resolve("no-such-folder");

        CliHarness.Result r = run("services", "export", "-o", missing.resolve("out.reg").toString());

        assertThat(r.exit()).isEqualTo(Cli.FAILED);
        assertThat(r.err()).startsWith("hvx: Cannot write the export: the folder " + missing + " does not exist.");
        assertThat(missing).doesNotExist();
        assertThat(run("services", "export", "-o", tmp.resolve("out.reg").toString()).exit()).isZero();
        assertThat(tmp.resolve("out.reg")).isRegularFile();
    }

    @Test
    void regExportRefusesATerminalButGoesToARedirectedOutput() {
        CliHarness.Result shown = cli().atTerminal(false, true).run(sandbox("services", "export"));
        assertThat(shown.exit()).isEqualTo(Cli.USAGE);
        assertThat(shown.err()).contains("-o FILE");
        assertThat(shown.rawOut()).isEmpty();

        CliHarness.Result atPrompt = cli().atTerminal(true, true).run(sandbox("services", "export", "--format", "reg"));
        assertThat(atPrompt.exit()).isEqualTo(Cli.USAGE);
        assertThat(atPrompt.rawOut()).isEmpty();

        // JSON is readable text: fine on a terminal
        CliHarness.Result json = cli().atTerminal(false, true).run(sandbox("services", "export", "--format", "json"));
        assertThat(json.exit()).isZero();
        assertThat(new String(json.rawOut(), StandardCharsets.UTF_8)).contains("Demo echo");

        CliHarness.Result redirected = run("services", "export");
        assertThat(redirected.exit()).isZero();
        assertThat(Arrays.copyOf(redirected.rawOut(), 2)).containsExactly(0xff, 0xfe); // UTF-16LE BOM
    }

    @Test
    void sandboxPathOfANewSandboxCanBeBoundAtOnce() {
        CliHarness.Result r = run("sandbox", "path", "demo-linux", "vsock:5000");

        assertThat(r.exit()).isZero();
        Path socket = Path.of(r.out().strip());
        assertThat(socket.getParent()).isDirectory();
        assertThat(socket).doesNotExist();
    }

    @Test
    void removingASandboxVmAsksFirstAndCanBeUndone() {
        CliHarness.Result noTerminal = run("sandbox", "vm", "remove", "demo-linux");
        assertThat(noTerminal.exit()).isEqualTo(Cli.USAGE);
        assertThat(noTerminal.err()).contains("--yes");
        CliHarness.Result declined = cli().atTerminal(true, true).runWithInput("n\n".getBytes(StandardCharsets.UTF_8),
                sandbox("sandbox", "vm", "remove", "demo-linux"));
        assertThat(declined.exit()).isZero();
        assertThat(declined.out()).contains("Remove the sandbox VM demo-linux (" + SandboxSeed.DEMO_LINUX_ID + ")?");
        assertThat(vmNames()).contains("demo-linux");

        CliHarness.Result removed = cli().atTerminal(true, true).runWithInput("y\n".getBytes(StandardCharsets.UTF_8),
                sandbox("sandbox", "vm", "remove", "demo-linux"));
        assertThat(removed.exit()).isZero();
        assertThat(removed.out()).contains("hvx sandbox vm restore demo-linux");
        assertThat(vmNames()).doesNotContain("demo-linux");

        CliHarness.Result restored = run("sandbox", "vm", "restore");
        assertThat(restored.exit()).isZero();
        assertThat(restored.out()).contains("Restored the sandbox VM demo-linux (" + SandboxSeed.DEMO_LINUX_ID + ")");
        SandboxVmInventory inventory = new SandboxVmInventory(tmp.resolve("sb"));
        assertThat(inventory.find("demo-linux").id()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);
        assertThat(inventory.responders(SandboxSeed.DEMO_LINUX_ID)).hasSize(3);
        assertThat(run("sandbox", "vm", "restore").err()).contains("No removed sandbox VM to restore");
    }

    @Test
    void resetBringsBackTheDemoServicesAndVmsAndBothHalvesCanBeUndone() {
        assertThat(run("services", "add", "--name", "Mine", "--vsock-port", "5000").exit()).isZero();
        assertThat(run("services", "rename", "vsock:7", "--name", "Echo renamed").exit()).isZero();
        assertThat(run("services", "remove", "vsock:9", "--yes").exit()).isZero();
        assertThat(run("sandbox", "vm", "remove", "demo-windows", "--yes").exit()).isZero();
        assertThat(run("sandbox", "vm", "add", "extra").exit()).isZero();
        String before = run("services", "list", "--json").out();

        assertThat(run("sandbox", "reset").exit()).isEqualTo(Cli.USAGE); // no terminal, no --yes: nothing changes
        assertThat(run("services", "list", "--json").out()).isEqualTo(before);
        CliHarness.Result reset = run("sandbox", "reset", "--yes");

        assertThat(reset.exit()).isZero();
        assertThat(reset.out()).contains("3 service change(s)").contains("hvx sandbox vm restore NAME brings back: extra");
        assertThat(serviceNames()).containsExactlyInAnyOrderElementsOf(
                SandboxSeed.SERVICES.stream().map(SandboxSeed.Service::name).toList());
        assertThat(vmNames()).containsExactly("demo-linux", "demo-windows");

        assertThat(run("services", "undo").exit()).isZero();
        assertThat(run("services", "list", "--json").out()).isEqualTo(before);
        assertThat(run("sandbox", "vm", "restore", "extra").exit()).isZero();
        assertThat(vmNames()).contains("extra");
    }

    @Test
    void infoJsonHasEveryDirectoryTheTextShows() {
        CliHarness.Result text = run("info");
        JsonObject json = JsonParser.parseString(run("info", "--json").out()).getAsJsonObject();

        List<String> jsonValues = json.entrySet().stream().map(e -> e.getValue().isJsonNull() ? "" : e.getValue().getAsString()).toList();
        List<String> paths = text.out().lines().map(l -> l.substring(13)).filter(v -> v.startsWith("/")).toList();
        assertThat(paths).hasSizeGreaterThanOrEqualTo(3); // sandbox, data, log file
        assertThat(jsonValues).containsAll(paths);
        assertThat(json.get("dataDir").getAsString()).isEqualTo(tmp.resolve("sb").resolve("data").toString());
    }

    private List<String> vmNames() {
        return JsonParser.parseString(run("sandbox", "vm", "list", "--json").out()).getAsJsonArray().asList().stream()
                .map(e -> e.getAsJsonObject().get("name").getAsString()).toList();
    }

    private List<String> serviceNames() {
        return JsonParser.parseString(run("services", "list", "--json").out()).getAsJsonArray().asList().stream()
                .map(e -> e.getAsJsonObject().get("name").getAsString()).toList();
    }

    @Test
    void aChosenSandboxKeepsItsJournalSettingsAndLogsToItself() throws Exception {
        Path home = tmp.resolve("home");
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");

        assertThat(hvx(home, "--sandbox-dir", a.toString(), "services", "add", "--name", "Only in a").exit()).isZero();

        assertThat(a.resolve("services-undo")).isDirectory();
        HvxProcesses.Outcome undoInB = hvx(home, "--sandbox-dir", b.toString(), "services", "undo");
        assertThat(undoInB.exit()).isEqualTo(Cli.USAGE);
        assertThat(undoInB.err()).contains("nothing to undo");
        assertThat(home).doesNotExist(); // nothing of either sandbox in the per-user data directory
        assertThat(hvx(home, "--sandbox-dir", a.toString(), "services", "undo").exit()).isZero();
        JsonObject json = JsonParser.parseString(hvx(home, "--sandbox-dir", a.toString(), "info", "--json").out()).getAsJsonObject();
        assertThat(json.get("dataDir").getAsString()).isEqualTo(a.toString());
    }

    /** Runs hvx in its own process without HVX_DATA_DIR, with {@code home} as the user's home. */
    private HvxProcesses.Outcome hvx(Path home, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(HvxProcesses.javaCommand(List.of(sandbox(args))));
        cmd.add(1, "-Duser.home=" + home);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().keySet().removeIf(k -> k.startsWith("HVX_") || k.startsWith("XDG_"));
        Path out = Files.createTempFile(tmp, "out", ".txt");
        Path err = Files.createTempFile(tmp, "err", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process p = pb.start();
        if (!p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hvx " + List.of(args) + " did not end");
        }
        return new HvxProcesses.Outcome(List.of(args), p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
