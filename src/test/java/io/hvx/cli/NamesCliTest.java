package io.hvx.cli;

import static io.hvx.core.ListedServices.entry;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Hex;
import io.hvx.core.ListedServices;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VsockTemplate;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI resolves VM and service names the one way, in windows mode as in the sandbox. */
class NamesCliTest {

    private static final VirtualMachine WEB = new VirtualMachine(Guid.parse("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f"),
            "web-01", "Running", 60, 2, "11.0", 1L << 30, 3);
    private static final Guid TWIN_A = Guid.parse("11111111-1111-4111-8111-111111111111");
    private static final Guid TWIN_B = Guid.parse("22222222-2222-4222-8222-222222222222");

    @TempDir
    Path dir;

    private StandInBackend windows;
    private CliHarness hyperV;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        windows = new StandInBackend(dir, List.of(WEB), new ListedServices(List.of(
                entry(VsockTemplate.guidForPort(7), "Echo"), entry(TWIN_A, "Twin"), entry(TWIN_B, "Twin"))));
        hyperV = new CliHarness((mode, sandboxDir) -> windows, dir);
    }

    @Test
    void connectReachesAHyperVVmByItsNameFromTheInventory() {
        CliHarness.Result r = hyperV.runWithInput("hi".getBytes(StandardCharsets.UTF_8), "connect", "WEB-01", "echo");
        assertThat(r.err()).isEmpty();
        assertThat(r.exit()).isZero();
        assertThat(new String(r.rawOut(), StandardCharsets.UTF_8)).isEqualTo("hi");
        assertThat(windows.connects).containsExactly(new HvEndpoint(WEB.id(), VsockTemplate.guidForPort(7)));
    }

    @Test
    void connectToANameSeveralServicesShareListsTheirGuidsAndConnectsNowhere() {
        CliHarness.Result r = hyperV.run("connect", "web-01", "Twin");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip())
                .isEqualTo("hvx: Several services are named 'Twin' (" + TWIN_A + ", " + TWIN_B + "): give the GUID instead.");
        assertThat(windows.connects).isEmpty();
    }

    @Test
    void anUnknownVmNameSuggestsTheClosestOne() {
        CliHarness.Result r = hyperV.run("connect", "web-1", "vsock:7");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo(
                "hvx: No VM is named 'web-1' (closest: web-01): run 'hvx vms' to see the names, or give the VM's GUID");
        assertThat(windows.connects).isEmpty();
    }

    @Test
    void addressTakesAVmName() {
        CliHarness.Result r = hyperV.run("address", "--vm", "web-01", "--service", "vsock:7", "--json");
        assertThat(r.exit()).isZero();
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("hex").getAsString())
                .isEqualTo("22000000" + Hex.of(WEB.id().toWindowsBytes()) + Hex.of(VsockTemplate.guidForPort(7).toWindowsBytes()));
    }

    @Test
    void addressTakesASandboxVmNameAndARegisteredServiceName() {
        CliHarness.Result r = new CliHarness(dir).run("--mode", "sandbox", "address", "--vm", "demo-linux",
                "--service", "Demo echo", "--json");
        assertThat(r.exit()).isZero();
        assertThat(JsonParser.parseString(r.out()).getAsJsonObject().get("hex").getAsString())
                .isEqualTo("22000000" + Hex.of(SandboxSeed.DEMO_LINUX_ID.toWindowsBytes())
                        + Hex.of(SandboxSeed.ECHO_SERVICE.toWindowsBytes()));
    }

    @Test
    void guidShowsTheRegisteredNameInAFreshSandbox() {
        CliHarness.Result r = new CliHarness(dir).run("--mode", "sandbox", "guid", "vsock:7", "--json");
        assertThat(r.exit()).isZero();
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        assertThat(o.get("name").getAsString()).isEqualTo("Demo echo");
        assertThat(o.get("vsockPort").getAsLong()).isEqualTo(7);
        assertThat(new CliHarness(dir).run("--mode", "sandbox", "guid", "vsock:7").out()).contains("Demo echo");
    }

    @Test
    void guidShowsAVmsNameForItsId() {
        JsonObject sandbox = JsonParser.parseString(new CliHarness(dir).run("--mode", "sandbox", "guid",
                SandboxSeed.DEMO_LINUX_ID.toString(), "--json").out()).getAsJsonObject();
        assertThat(sandbox.get("name").getAsString()).isEqualTo("demo-linux");
        JsonObject hyperVm = JsonParser.parseString(hyperV.run("guid", WEB.id().toBracedUpperString(), "--json").out())
                .getAsJsonObject();
        assertThat(hyperVm.get("name").getAsString()).isEqualTo("web-01");
        JsonObject registered = JsonParser.parseString(hyperV.run("guid", "vsock:7", "--json").out()).getAsJsonObject();
        assertThat(registered.get("name").getAsString()).isEqualTo("Echo");
    }
}
