package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvx services policy|enable|disable|default} in the sandbox, in-process (issue 15). */
@Timeout(60)
class ServicePolicyCliTest {

    @TempDir
    Path dir;

    private CliHarness cli;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        cli = new CliHarness(dir);
    }

    private CliHarness.Result hvx(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--mode";
        all[1] = "sandbox";
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    private JsonObject row(String vm, String service) {
        for (JsonElement e : JsonParser.parseString(hvx("services", "policy", "--json").out()).getAsJsonArray()) {
            JsonObject o = e.getAsJsonObject();
            if (o.get("vmName").getAsString().equals(vm) && o.get("service").getAsString().equals(service)) {
                return o;
            }
        }
        throw new AssertionError("no row for " + vm + " / " + service);
    }

    @Test
    void theTableShowsEveryRegisteredServiceForEveryVmFollowingTheDefault() {
        CliHarness.Result r = hvx("services", "policy");
        assertThat(r.exit()).isZero();
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).contains("NAME").contains("ID").contains("demo-linux").contains("demo-windows");
        assertThat(r.out()).contains("Demo echo").contains("VM Session Service").contains("default (on)");
        JsonObject echo = row("demo-linux", SandboxSeed.ECHO_SERVICE.toString());
        assertThat(echo.get("policy").getAsString()).isEqualTo("deferred");
        assertThat(echo.get("effective").getAsString()).isEqualTo("enabled");
        assertThat(echo.get("registered").getAsBoolean()).isTrue();
        assertThat(echo.get("serviceName").getAsString()).isEqualTo("Demo echo");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox's sockets are AF_UNIX over libc; Winsock is covered by the *IT tests")
    void disablingTheDemoEchoForDemoLinuxMakesConnectFailNamingThePolicyAndEnablingMakesItWork() {
        CliHarness.Result off = hvx("services", "disable", "Demo echo", "--vm", "demo-linux");
        assertThat(off.exit()).as(off.err()).isZero();
        assertThat(off.out()).contains("Demo echo").contains("disabled").contains("demo-linux");

        CliHarness.Result refused = cli.runWithInput("hi\n".getBytes(), "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(refused.exit()).isEqualTo(1);
        assertThat(refused.err()).contains("disabled for the VM demo-linux by its per-VM service policy")
                .contains("hvx services enable").contains("WSAEACCES");
        assertThat(refused.rawOut()).isEmpty();

        assertThat(hvx("services", "enable", "Demo echo", "--vm", "demo-linux").exit()).isZero();
        CliHarness.Result works = cli.runWithInput("hi\n".getBytes(), "--mode", "sandbox", "connect", "demo-linux", "vsock:7");
        assertThat(works.exit()).as(works.err()).isZero();
        assertThat(new String(works.rawOut())).isEqualTo("hi\n");
    }

    @Test
    void undoRevertsPolicyChangesNewestFirstAndThenTheRegistrations() {
        assertThat(hvx("services", "add", "--name", "Agent", "--vsock-port", "5000").exit()).isZero();
        assertThat(hvx("services", "disable", "Agent", "--vm", "demo-linux").exit()).isZero();
        assertThat(hvx("services", "enable", "vsock:5000", "--vm", "demo-windows").exit()).isZero();
        String agent = "00001388-facb-11e6-bd58-64006a7986d3";
        assertThat(row("demo-windows", agent).get("policy").getAsString()).isEqualTo("enabled");

        CliHarness.Result u1 = hvx("services", "undo", "--json");
        assertThat(JsonParser.parseString(u1.out()).getAsJsonObject().get("action").getAsString()).isEqualTo("policy");
        assertThat(row("demo-windows", agent).get("policy").getAsString()).isEqualTo("deferred");
        assertThat(row("demo-linux", agent).get("policy").getAsString()).isEqualTo("disabled");

        assertThat(hvx("services", "undo").out()).contains("policy change");
        assertThat(row("demo-linux", agent).get("policy").getAsString()).isEqualTo("deferred");

        CliHarness.Result u3 = hvx("services", "undo", "--json");
        assertThat(JsonParser.parseString(u3.out()).getAsJsonObject().get("action").getAsString()).isEqualTo("add");
        assertThat(hvx("services", "list").out()).doesNotContain("Agent");
    }

    @Test
    void allVmsNeedsAConfirmationAndWithoutATerminalRefusesWithExitTwoChangingNothing() throws Exception {
        Path vms = dir.resolve("vms.json");
        hvx("services", "policy");
        byte[] before = Files.readAllBytes(vms);
        CliHarness.Result r = hvx("services", "disable", "Demo sink", "--all-vms");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--yes");
        assertThat(Files.readAllBytes(vms)).isEqualTo(before);

        CliHarness.Result yes = hvx("services", "disable", "Demo sink", "--all-vms", "--yes", "--json");
        assertThat(yes.exit()).isZero();
        JsonObject done = JsonParser.parseString(yes.out()).getAsJsonObject();
        JsonArray changed = done.getAsJsonArray("changed");
        assertThat(changed).hasSize(2);
        assertThat(done.get("unchanged").getAsInt()).isZero();

        CliHarness.Result again = hvx("services", "disable", "Demo sink", "--all-vms", "--yes");
        assertThat(again.out()).contains("Nothing changed");
        assertThat(hvx("services", "default", "Demo sink", "--vm", "demo-windows").exit()).isZero();
        assertThat(row("demo-windows", SandboxSeed.SINK_SERVICE.toString()).get("policy").getAsString()).isEqualTo("deferred");
        assertThat(row("demo-linux", SandboxSeed.SINK_SERVICE.toString()).get("policy").getAsString()).isEqualTo("disabled");
    }

    @Test
    void badNamesAliasesAndUnregisteredServicesAreRefusedWithExitTwo() {
        CliHarness.Result alias = hvx("services", "enable", "vsock:7", "--vm", "wildcard");
        assertThat(alias.exit()).isEqualTo(2);
        assertThat(alias.err()).contains("alias, not a VM");
        CliHarness.Result unknownVm = hvx("services", "enable", "vsock:7", "--vm", "demo-linu");
        assertThat(unknownVm.exit()).isEqualTo(2);
        assertThat(unknownVm.err()).contains("No VM is named 'demo-linu'").contains("demo-linux");
        CliHarness.Result notRegistered = hvx("services", "disable", "vsock:4242", "--vm", "demo-linux");
        assertThat(notRegistered.exit()).isEqualTo(2);
        assertThat(notRegistered.err()).contains("is not registered on this host");
        CliHarness.Result both = hvx("services", "disable", "vsock:7", "--vm", "demo-linux", "--all-vms");
        assertThat(both.exit()).isEqualTo(2);
        CliHarness.Result none = hvx("services", "disable", "vsock:7");
        assertThat(none.exit()).isEqualTo(2);
    }

    @Test
    void oneVmTableListsItsServicesWithPolicyAndState() {
        hvx("services", "disable", "Demo source", "--vm", SandboxSeed.DEMO_LINUX_ID.toBracedUpperString());
        CliHarness.Result r = hvx("services", "policy", "demo-linux");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Services for demo-linux (" + SandboxSeed.DEMO_LINUX_ID + "):")
                .containsPattern("Demo source\\s+00000013-facb-11e6-bd58-64006a7986d3\\s+disabled\\s+off")
                .containsPattern("Demo echo\\s+00000007-facb-11e6-bd58-64006a7986d3\\s+default\\s+on");
        assertThat(hvx("services", "policy", "nosuch").exit()).isEqualTo(2);
    }

    @Test
    void aLinuxGuestHasNoPoliciesAndSaysWhere() {
        CliHarness.Result r = cli.run("--mode", "linux-guest", "services", "policy");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("Windows host").contains("linux-guest");
    }
}
