package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VsockTemplate;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Policies;
import io.hvx.registry.PolicyStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Windows adapter of per-VM service policies: the JSON contract of
 * {@code get-service-policies.ps1} / {@code set-service-policies.ps1} parsed from stand-in
 * outputs, the errors mapped, and what reaches PowerShell (the script is ours, byte for byte; IDs
 * and numbers travel in the environment or a request line) over both channels.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
class PowerShellServicePoliciesTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    static final Guid UBUNTU = Guid.parse("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f");
    static final Guid WIN11 = Guid.parse("0c3d9a77-88e1-4f05-b6aa-9d1e2f3a4b5c");
    static final Guid ECHO = VsockTemplate.guidForPort(7);
    static final Guid SINK = VsockTemplate.guidForPort(9);
    static final Guid SOURCE = VsockTemplate.guidForPort(19);
    static final Guid SESSION = Guid.parse("999e53d4-3d5c-4c3e-8779-bed06ec056e1");

    @TempDir
    Path tmp;

    private static PolicyStore.Snapshot read(String fixture) {
        return PolicyOutputParser.parseRead(StandIns.output(fixture)).snapshot();
    }

    @Test
    void theContractGivesEachVmItsPoliciesWhatHyperVReportsAndItsDefault() {
        PolicyOutputParser.Read r = PolicyOutputParser.parseRead(StandIns.output("policies-contract.json"));
        PolicyStore.Snapshot s = r.snapshot();
        assertThat(s.vms()).extracting(PolicyStore.VmSettings::vmId).containsExactly(UBUNTU, WIN11);
        assertThat(s.note()).isNull();
        PolicyStore.VmSettings ubuntu = s.vms().getFirst();
        assertThat(ubuntu.vmName()).isEqualTo("ubuntu-dev");
        assertThat(ubuntu.defaultPolicy()).isEqualTo(ServicePolicy.ENABLED);
        // enabled, disabled, deferred; a Name that is no GUID and a null policy are left out
        assertThat(ubuntu.policies()).containsExactlyInAnyOrderEntriesOf(Map.of(
                ECHO, ServicePolicy.ENABLED, SINK, ServicePolicy.DISABLED, SOURCE, ServicePolicy.DEFERRED));
        // EnabledState 5 (not applicable) is not a report of on or off
        assertThat(ubuntu.reported()).containsExactlyInAnyOrderEntriesOf(Map.of(ECHO, true, SINK, false));
        PolicyStore.VmSettings win11 = s.vms().get(1);
        assertThat(win11.defaultPolicy()).isEqualTo(ServicePolicy.DISABLED);
        assertThat(win11.policies()).as("a single object where a list belongs, a number as text")
                .containsExactlyEntriesOf(Map.of(ECHO, ServicePolicy.DEFERRED));
        assertThat(win11.reported()).isEmpty();
        assertThat(r.settingsFrom()).containsExactlyInAnyOrderEntriesOf(Map.of(UBUNTU, "gsi", WIN11, "vssd"));
    }

    @Test
    void anEmptyTableIsAnAnswerAndAnAccountWithoutRightsGetsTheNote() {
        assertThat(read("policies-empty.json").vms()).isEmpty();
        assertThat(read("policies-empty.json").note()).isNull();
        PolicyStore.Snapshot none = read("policies-empty-no-rights.json");
        assertThat(none.vms()).isEmpty();
        assertThat(none.note().key()).isEqualTo("vms.note.noRights");
    }

    @ParameterizedTest
    @CsvSource({
            "policies-permission-denied.json, ElevationRequiredException, error.policy.permission, 3",
            "policies-namespace-missing.json, OperationFailedException, error.policy.noNamespace, 1",
            "policies-class-missing.json, OperationFailedException, error.policy.noClass, 1",
            "policies-vm-not-found.json, InvalidInputException, vms.error.vmNotFound, 2",
            "set-policies-not-registered.json, InvalidInputException, error.policy.notRegisteredOnHost, 2",
            "set-policies-job-failed.json, OperationFailedException, error.policy.jobFailed, 1",
            "garbage.txt, OperationFailedException, error.policy.noJson, 1",
            "empty.txt, OperationFailedException, error.policy.noJson, 1",
    })
    void errorsAreMappedToTheSentenceAndExitCode(String fixture, String type, String key, int exit) {
        for (Runnable parse : List.<Runnable>of(() -> PolicyOutputParser.parseRead(StandIns.output(fixture)),
                () -> PolicyOutputParser.parseSet(StandIns.output(fixture)))) {
            assertThatThrownBy(parse::run).isInstanceOf(HvxException.class).satisfies(e -> {
                HvxException h = (HvxException) e;
                assertThat(h.getClass().getSimpleName()).isEqualTo(type);
                assertThat(h.problem().key()).isEqualTo(key);
                assertThat(h.exitStatus()).isEqualTo(exit);
            });
        }
    }

    @Test
    void aFailedJobNamesItsErrorTextEscapedAndWhatWasAppliedBefore() {
        assertThatThrownBy(() -> PolicyOutputParser.parseSet(StandIns.output("set-policies-job-failed.json")))
                .isInstanceOf(OperationFailedException.class).satisfies(e -> {
                    HvxException h = (HvxException) e;
                    assertThat(h.getMessage()).contains("cannot be performed while the object is in its current state")
                            .contains("\\u001b[31m").doesNotContain("\u001b");
                    assertThat(h.detail()).contains("applied before the failure: " + UBUNTU + "," + ECHO + ",3,modify");
                });
        assertThat(PolicyOutputParser.parseSet(StandIns.output("set-policies-applied.json")))
                .containsExactly(UBUNTU + "," + ECHO + ",3,modify", WIN11 + "," + ECHO + ",3,add");
    }

    @Test
    void theOneShotRunsOurScriptsVerbatimWithOnlyGuidsAndNumbersInTheEnvironment() throws Exception {
        Path out = tmp.resolve("seen");
        JsonServiceStore services = JsonServiceStore.sandbox(tmp.resolve("sb"), Clock.systemUTC());
        String hostile = "x'; Remove-Item -Recurse C:\\ #$(calc)";
        new Registrations(services, new UndoJournal(tmp.resolve("data")), "hvx test", Clock.systemUTC())
                .rename(ECHO, hostile, true);
        try (PowerShellVmInventory inv = PowerShellVmInventory.oneShot(StandIns.script("decode.sh"), TIMEOUT,
                Map.of("HVX_STANDIN_OUT", out.toString(), "HVX_FIXTURE", "policies-contract.json"))) {
            Policies policies = new Policies(inv.policies(), services, new UndoJournal(tmp.resolve("data")), Clock.systemUTC());
            ServicePolicies.Table t = policies.of(UBUNTU);
            assertThat(Files.readString(out)).isEqualTo(PowerShellScripts.oneShot(PowerShellScripts.getServicePolicies()));
            assertThat(Files.readString(Path.of(out + ".env"))).isEqualTo(UBUNTU.toString());
            assertThat(t.find(UBUNTU, ECHO).orElseThrow().serviceName()).isEqualTo(hostile);

            ServicePolicies.Result r = policies.set(UBUNTU, ECHO, ServicePolicy.DISABLED);
            assertThat(r.changed()).hasSize(1);
            String script = Files.readString(out);
            assertThat(script).isEqualTo(PowerShellScripts.oneShot(PowerShellScripts.setServicePolicies()))
                    .doesNotContain(hostile).doesNotContain("ubuntu-dev").doesNotContain(UBUNTU.toString());
            assertThat(Files.readString(Path.of(out + ".changes"))).isEqualTo(UBUNTU + "," + ECHO + ",3");
            String args = Files.readString(Path.of(out + ".args"));
            assertThat(args).doesNotContain(hostile).doesNotContain(UBUNTU.toString());
        }
    }

    @Test
    void theWarmChannelAsksWithRequestLinesOfGuidsAndNumbersAndSplitsLongChangeLists() throws Exception {
        Path requests = tmp.resolve("requests");
        WarmPowerShell ps = new WarmPowerShell(() -> StandIns.script("warm-loop.sh"), TIMEOUT,
                Map.of("HVX_STANDIN_REQUESTS", requests.toString()));
        try (PowerShellVmInventory inv = new PowerShellVmInventory(ps)) {
            PolicyStore store = inv.policies();
            assertThat(store.read().vms()).hasSize(2);
            assertThat(store.read(WIN11).vms()).hasSize(2);
            List<PolicyStore.Setting> many = new ArrayList<>();
            for (int i = 0; i < PowerShellServicePolicies.BATCH * 2 + 5; i++) {
                many.add(new PolicyStore.Setting(Guid.random(), ECHO, i % 2 == 0 ? ServicePolicy.DISABLED : ServicePolicy.DEFERRED));
            }
            store.write(many);
            assertThat(ps.starts()).isEqualTo(1);
        }
        List<String> lines = Files.readAllLines(requests);
        assertThat(lines.get(0)).isEqualTo("policies all");
        assertThat(lines.get(1)).isEqualTo("policies " + WIN11);
        List<String> sets = lines.stream().filter(l -> l.startsWith("set-policies ")).toList();
        assertThat(sets).hasSize(3);
        assertThat(sets).allMatch(l -> l.matches("set-policies ([0-9a-f-]{36},[0-9a-f-]{36},[238];)*[0-9a-f-]{36},[0-9a-f-]{36},[238]"));
        assertThat(sets.get(2).split(";")).hasSize(5);
    }

    @Test
    void aFailedJobOverTheWarmChannelKeepsTheProcessForTheNextRequest() {
        WarmPowerShell ps = new WarmPowerShell(() -> StandIns.script("warm-loop.sh"), TIMEOUT,
                Map.of("HVX_SET_FIXTURE", "set-policies-job-failed.json"));
        try (PowerShellVmInventory inv = new PowerShellVmInventory(ps)) {
            PolicyStore store = inv.policies();
            assertThatThrownBy(() -> store.write(List.of(new PolicyStore.Setting(UBUNTU, ECHO, ServicePolicy.DISABLED))))
                    .isInstanceOf(OperationFailedException.class);
            assertThat(store.read().vms()).hasSize(2);
            assertThat(ps.starts()).isEqualTo(1);
        }
    }

    @Test
    void theScriptsTakeTheirInputOnlyFromTheEnvironmentAndParseIt() {
        assertThat(PowerShellScripts.getServicePolicies()).contains("$env:HVX_VM_ID").contains("[Guid]::Parse([string]$env:HVX_VM_ID)")
                .contains("Msvm_GuestCommunicationServiceSettingData").contains("Msvm_GuestServiceInterfaceSettingDataComponent")
                .contains("Msvm_RegisteredGuestService").contains("Msvm_SettingsDefineState");
        assertThat(PowerShellScripts.setServicePolicies()).contains("$env:HVX_POLICY_CHANGES").contains("[Guid]::Parse($parts[0])")
                .contains("@(2, 3, 8) -notcontains $policy").contains("ModifyGuestServiceSettings")
                .contains("AddGuestServiceSettings").contains("4096").contains("ErrorDescription");
        String loop = PowerShellScripts.warmLoop();
        assertThat(loop).doesNotContain("@GET_SERVICE_POLICIES@").doesNotContain("@SET_SERVICE_POLICIES@")
                .contains(PowerShellScripts.hereStringBody(PowerShellScripts.getServicePolicies()))
                .contains(PowerShellScripts.hereStringBody(PowerShellScripts.setServicePolicies()))
                .contains("[Guid]::Parse($f[0]).ToString()").contains("[int]::Parse($f[2])");
        assertThat(PowerShellScripts.policyChanges(List.of(new PolicyStore.Setting(UBUNTU, ECHO, ServicePolicy.DEFERRED),
                new PolicyStore.Setting(WIN11, SINK, ServicePolicy.ENABLED))))
                .isEqualTo(UBUNTU + "," + ECHO + ",8;" + WIN11 + "," + SINK + ",2");
        assertThat(PowerShellScripts.policiesRequest(null)).isEqualTo("policies all");
    }

    /** The warm loop reaches PowerShell through stdin, read in the console's code page: ASCII only. */
    @Test
    void everyScriptIsAscii() {
        for (String script : List.of(PowerShellScripts.warmBootstrap(), PowerShellScripts.warmLoop(),
                PowerShellScripts.oneShot(PowerShellScripts.setServicePolicies()))) {
            assertThat(script.chars().allMatch(c -> c < 0x80)).isTrue();
        }
    }

    @Test
    void anUnknownVmFromHyperVIsBadInput() {
        assertThatThrownBy(() -> PolicyOutputParser.parseRead(StandIns.output("policies-vm-not-found.json")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PolicyOutputParser.parseRead(StandIns.output("policies-permission-denied.json")))
                .isInstanceOf(ElevationRequiredException.class);
    }
}
