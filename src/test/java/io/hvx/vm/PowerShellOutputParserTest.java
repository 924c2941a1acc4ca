package io.hvx.vm;

import static io.hvx.vm.StandIns.output;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.IntegrationService;
import io.hvx.core.OperationFailedException;
import io.hvx.core.VirtualMachine;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PowerShellOutputParserTest {

    private static final VirtualMachine UBUNTU = new VirtualMachine(Guid.parse("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f"),
            "ubuntu-dev", "Running", 93784, 2, "10.0", 4294967296L, 1);
    private static final VirtualMachine WIN11 = new VirtualMachine(Guid.parse("0c3d9a77-88e1-4f05-b6aa-9d1e2f3a4b5c"),
            "win11-test", "Off", 0, 2, "10.0", 0, 0);

    @Test
    void readsTheWindowsPowerShell51DocumentWithBomCrlfAndEscapedNames() {
        List<VirtualMachine> vms = PowerShellOutputParser.parseVms(output("ps51-contract.json"));
        assertThat(vms).hasSize(3);
        assertThat(vms.subList(0, 2)).containsExactly(UBUNTU, WIN11);
        assertThat(vms.get(2).name()).isEqualTo("café-测试");
        assertThat(vms.get(2).id()).isEqualTo(Guid.parse("a1b2c3d4-e5f6-4711-8899-aabbccddeeff"));
        assertThat(vms.get(2).state()).isEqualTo("Saving");
        assertThat(vms.get(2).generation()).isEqualTo(1);
    }

    /** Issue 10, defect 4: PowerShell 7 with Hyper-V through Windows PowerShell compatibility. */
    @Test
    void readsTheStateByNameOrNumberAsPowerShell7ImplicitRemotingHandsItOver() {
        List<VirtualMachine> vms = PowerShellOutputParser.parseVms(output("ps7-implicit-remoting.json"));
        assertThat(vms).extracting(VirtualMachine::state).containsExactly("Running", "Off", "Paused", "Hibernated");
        assertThat(vms.get(0)).isEqualTo(UBUNTU);
        assertThat(vms.get(0).isRunning()).isTrue();
    }

    /** Issue 10, defect 6: Get-VM lists nothing, silently, to an account without Hyper-V rights. */
    @Test
    void anEmptyListForAnAccountWithoutHyperVRightsCarriesTheNote() {
        var none = PowerShellOutputParser.parseListing(output("zero-vms-no-rights.json"));
        assertThat(none.vms()).isEmpty();
        assertThat(none.noteIfAny()).get().extracting(io.hvx.core.Problem::key).isEqualTo("vms.note.noRights");
        assertThat(none.note().message()).contains("Hyper-V Administrators").contains("administrator");
        assertThat(PowerShellOutputParser.parseListing(output("zero-vms-hyperv-admin.json")).noteIfAny()).isEmpty();
        assertThat(PowerShellOutputParser.parseListing(output("zero-vms.json")).noteIfAny()).as("no rights reported").isEmpty();
        assertThat(PowerShellOutputParser.parseListing(output("ps7-implicit-remoting.json")).noteIfAny())
                .as("VMs listed").isEmpty();
    }

    @Test
    void objectNotFoundFromHyperVIsThePermissionSentence() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(output("error-object-not-found.json")))
                .isInstanceOf(ElevationRequiredException.class)
                .hasMessageContaining("Hyper-V Administrators")
                .satisfies(e -> assertThat(((HvxException) e).exitStatus()).isEqualTo(3))
                .satisfies(e -> assertThat(((HvxException) e).detail()).contains("might not have permission"));
    }

    @Test
    void readsThePowerShell7DocumentWithExtraFieldsAndTrailingSpace() {
        assertThat(PowerShellOutputParser.parseVms(output("ps7-contract.json"))).containsExactly(UBUNTU, WIN11);
    }

    @Test
    void acceptsVmsAsABareObject() {
        List<VirtualMachine> vms = PowerShellOutputParser.parseVms(output("single-object.json"));
        assertThat(vms).singleElement().satisfies(vm -> {
            assertThat(vm.name()).isEqualTo("only-one");
            assertThat(vm.state()).isEqualTo("Paused");
            assertThat(vm.uptimeSeconds()).isEqualTo(61);
            assertThat(vm.memoryAssigned()).isEqualTo(512L << 20);
        });
    }

    @Test
    void zeroVmsIsAnEmptyList() {
        assertThat(PowerShellOutputParser.parseVms(output("zero-vms.json"))).isEmpty();
    }

    @Test
    void mapsStateNumbersByTheStableTableAndPassesUnknownOnesThrough() {
        List<VirtualMachine> vms = PowerShellOutputParser.parseVms(output("state-numbers.json"));
        assertThat(vms).extracting(VirtualMachine::name).containsExactly("n1", "n2", "n3", "n4");
        assertThat(vms).extracting(VirtualMachine::state)
                .containsExactly("Running", "Resuming", "Unknown(32783)", "Hibernated");
        assertThat(vms.get(1).version()).isEmpty();
        assertThat(vms.get(1).memoryAssigned()).isZero();
    }

    @Test
    void readsNaive51OutputWithEnumNumbersTimeSpansAndWrappedGuids() {
        assertThat(PowerShellOutputParser.parseVms(output("ps51-naive.json"))).containsExactly(UBUNTU, WIN11);
    }

    @Test
    void readsNaive7OutputOfASingleVm() {
        assertThat(PowerShellOutputParser.parseVms(output("ps7-naive-single.json"))).containsExactly(UBUNTU);
    }

    @Test
    void skipsAWarningLineBeforeTheDocument() {
        assertThat(PowerShellOutputParser.parseVms(output("warning-then-json.txt")))
                .extracting(VirtualMachine::name).containsExactly("after-warning");
    }

    @Test
    void moduleMissingIsRecognisedByItsErrorIdNotItsGermanMessage() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(output("error-module-missing.json")))
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> {
                    HvxException h = (HvxException) e;
                    assertThat(h.problem().key()).isEqualTo("vms.error.moduleMissing");
                    assertThat(h.getMessage()).contains("Enable-WindowsOptionalFeature").contains("Add-WindowsFeature");
                    assertThat(h.detail()).contains("CommandNotFoundException").contains("Die Benennung");
                    assertThat(h.exitStatus()).isEqualTo(1);
                });
    }

    @Test
    void accessDeniedNeedsElevationWithExitStatus3() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(output("error-access-denied.json")))
                .isInstanceOf(ElevationRequiredException.class)
                .satisfies(e -> {
                    assertThat(((HvxException) e).exitStatus()).isEqualTo(3);
                    assertThat(e.getMessage()).contains("Hyper-V Administrators");
                });
    }

    @Test
    void moduleThatCannotLoadHasItsOwnSentence() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(output("error-module-not-loadable.json")))
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.moduleNotLoadable"));
    }

    @Test
    void otherErrorsNameTheirErrorId() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(output("error-other.json")))
                .isExactlyInstanceOf(OperationFailedException.class)
                .hasMessageContaining("InvalidOperation,Microsoft.HyperV.PowerShell.Commands.GetVM");
    }

    @ParameterizedTest
    @ValueSource(strings = {"garbage.txt", "empty.txt", "truncated.json"})
    void outputWithoutJsonIsReportedWithTheFirst200Characters(String fixture) {
        assertThatThrownBy(() -> PowerShellOutputParser.parseVms(new PowerShellOutput(StandIns.fixture(fixture), "boom", 1)))
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> {
                    HvxException h = (HvxException) e;
                    assertThat(h.problem().key()).isEqualTo("vms.error.noJson");
                    assertThat(h.getMessage()).contains("exit code 1");
                    assertThat(h.detail()).contains("stderr: boom");
                    // one line: the first 200 characters with line ends escaped, and "…" when cut
                    String first = h.detail().lines().findFirst().orElseThrow();
                    assertThat(first.replace("\\r", "\r").replace("\\n", "\n").length()).isLessThanOrEqualTo(8 + 201);
                });
    }

    @Test
    void readsIntegrationServices() {
        List<IntegrationService> s = PowerShellOutputParser.parseIntegrationServices(output("integration-services.json"));
        assertThat(s).hasSize(6);
        assertThat(s.get(0)).isEqualTo(new IntegrationService("Guest Service Interface", false, "OK", ""));
        assertThat(s.get(0).isGuestServiceInterface()).isTrue();
        assertThat(s.get(1)).isEqualTo(new IntegrationService("Heartbeat", true, "OK", "OK"));
    }

    @Test
    void integrationServicesErrorsMapLikeVmErrors() {
        assertThatThrownBy(() -> PowerShellOutputParser.parseIntegrationServices(output("error-access-denied.json")))
                .isInstanceOf(ElevationRequiredException.class);
    }
}
