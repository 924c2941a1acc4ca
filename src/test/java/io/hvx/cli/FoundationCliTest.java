package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class FoundationCliTest {

    @TempDir
    Path sandbox;

    private CliHarness cli() {
        return new CliHarness(sandbox);
    }

    @Test
    void guidJsonForVsock5000() {
        var r = cli().run("guid", "vsock:5000", "--json");
        assertThat(r.exit()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.keySet()).containsExactly("guid", "name", "alias", "vsockPort", "windowsBytes", "rfc4122Bytes");
        assertThat(o.get("guid").getAsString()).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(o.get("vsockPort").getAsLong()).isEqualTo(5000);
        assertThat(o.get("windowsBytes").getAsString()).isEqualTo("88130000cbfae611bd5864006a7986d3");
        assertThat(o.get("rfc4122Bytes").getAsString()).isEqualTo("00001388facb11e6bd5864006a7986d3");
        assertThat(o.get("name").isJsonNull()).isTrue();
        assertThat(o.get("alias").isJsonNull()).isTrue();
    }

    @Test
    void guidJsonForAnAlias() {
        JsonObject o = JsonParser.parseString(cli().run("guid", "parent", "--json").out()).getAsJsonObject();
        assertThat(o.get("alias").getAsString()).isEqualTo("parent");
        assertThat(o.get("name").getAsString()).isEqualTo("HV_GUID_PARENT");
        assertThat(o.get("vsockPort").isJsonNull()).isTrue();
    }

    @Test
    void guidTextShowsPasteReadyForms() {
        var r = cli().run("guid", "{999E53D4-3D5C-4C3E-8779-BED06EC056E1}");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("999e53d4-3d5c-4c3e-8779-bed06ec056e1", "VM Session Service",
                "DEFINE_GUID(", "[Guid]'999e53d4-3d5c-4c3e-8779-bed06ec056e1'",
                "GuestCommunicationServices\\999e53d4-3d5c-4c3e-8779-bed06ec056e1");
    }

    @Test
    void addressJsonForParentAndVsock5000() {
        var r = cli().run("address", "--vm", "parent", "--service", "vsock:5000", "--json");
        assertThat(r.exit()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("family").getAsString()).isEqualTo("hyperv");
        assertThat(o.get("length").getAsInt()).isEqualTo(36);
        assertThat(o.get("hex").getAsString())
                .isEqualTo("22000000da7c2ea43fd00c489cc2a4de20abb87888130000cbfae611bd5864006a7986d3");
    }

    @Test
    void vsockAddressFamily() {
        var r = cli().run("address", "--vm", "parent", "--service", "vsock:5000", "--family", "vsock", "--json");
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("length").getAsInt()).isEqualTo(16);
        assertThat(o.get("hex").getAsString()).isEqualTo("28000000881300000200000000000000");
        var bad = cli().run("address", "--vm", "loopback", "--service", "vsock:5000", "--family", "vsock");
        assertThat(bad.exit()).isEqualTo(2);
        assertThat(bad.err()).contains("parent");
    }

    @Test
    void badInputExitsTwoWithOneClearLine() {
        assertOneLineUsageError(cli().run("guid", "xyz"), "hvx: 'xyz' is not a GUID, a vsock:PORT or a known alias");
        assertOneLineUsageError(cli().run("address", "--vm", "nonsense", "--service", "vsock:5000"),
                "hvx: No VM is named 'nonsense': run 'hvx vms' to see the names, or give the VM's GUID");
        assertOneLineUsageError(cli().run("guid", "vsock:2147483648"),
                "hvx: vsock port 2147483648 is out of range: template ports go from 0 to 2147483647 (0x7FFFFFFF)");
    }

    private static void assertOneLineUsageError(CliHarness.Result r, String line) {
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(line);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void unknownOptionsAndModesAreUsageErrors() {
        var r = cli().run("guid", "--bogus", "parent");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).startsWith("hvx: ").contains("--bogus");
        var m = cli().run("--mode", "hyper", "info");
        assertThat(m.exit()).isEqualTo(2);
        assertThat(m.err()).contains("'hyper' is not a mode");
    }

    @Test
    void infoJsonReportsModeAndSandboxDir() {
        var r = cli().run("--mode", "sandbox", "info", "--json");
        assertThat(r.exit()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.keySet()).containsExactly("mode", "elevated", "version", "os", "java", "sandboxDir", "dataDir", "logFile");
        assertThat(o.get("mode").getAsString()).isEqualTo("sandbox");
        assertThat(o.get("elevated").getAsBoolean()).isFalse();
        assertThat(o.get("sandboxDir").getAsString()).isEqualTo(sandbox.toString());
        assertThat(o.get("java").getAsString()).isEqualTo(System.getProperty("java.version"));
    }

    @Test
    void globalOptionsWorkAfterTheSubcommandToo() {
        Path other = sandbox.resolve("other");
        var r = cli().run("info", "--json", "--mode", "linux-guest", "--sandbox-dir", other.toString());
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("mode").getAsString()).isEqualTo("linux-guest");
        assertThat(o.get("sandboxDir").getAsString()).isEqualTo(other.toAbsolutePath().toString());
    }

    @Test
    void versionIsPrinted() {
        var r = cli().run("--version");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("hvx ").contains("HvSocket Explorer");
    }

    @Test
    void everyCommandHasHelp() {
        List<String> paths = new ArrayList<>();
        var sink = new java.io.PrintWriter(java.io.Writer.nullWriter());
        collect(Cli.commandLine(new CliContext(sink, sink, null, null, null, null, false)), "", paths);
        assertThat(paths).contains("guid", "address", "info", "gui");
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.add("--help");
            var r = cli().run(args.toArray(String[]::new));
            assertThat(r.exit()).as("exit of %s --help", path).isZero();
            assertThat(r.out()).as("help of %s", path).contains("Usage:").contains("--help");
            String description = java.util.ResourceBundle.getBundle("i18n.cli", java.util.Locale.ROOT)
                    .getString("hvx." + path.replace(' ', '.') + ".usage.description");
            assertThat(r.out().replaceAll("\\s+", " ")).as("description of %s", path).contains(description);
        }
    }

    private static void collect(CommandLine cl, String prefix, List<String> out) {
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getValue().getCommandSpec().usageMessage().hidden() || e.getKey().equals("help")) {
                continue;
            }
            String p = prefix.isEmpty() ? e.getKey() : prefix + " " + e.getKey();
            out.add(p);
            collect(e.getValue(), p, out);
        }
    }
}
