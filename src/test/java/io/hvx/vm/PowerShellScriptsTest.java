package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

class PowerShellScriptsTest {

    @Property
    void encodedCommandDecodesBackToTheScript(@ForAll String script) {
        assertThat(PowerShellScripts.decode(PowerShellScripts.encode(script))).isEqualTo(script);
    }

    @Test
    void encodingIsBase64OfUtf16LittleEndian() {
        // The example of PowerShell's own help: "dir" -> ZABpAHIA
        assertThat(PowerShellScripts.encode("dir")).isEqualTo("ZABpAHIA");
        assertThat(new String(Base64.getDecoder().decode(PowerShellScripts.encode("é")), StandardCharsets.UTF_16LE))
                .isEqualTo("é");
    }

    @Test
    void argumentsAreTheNonInteractiveEncodedForm() {
        List<String> args = PowerShellScripts.arguments("x");
        assertThat(args).containsExactly("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-EncodedCommand", PowerShellScripts.encode("x"));
    }

    @Test
    void theVmScriptCallsTheHyperVModuleExplicitlyAndPrintsTheContract() {
        String s = PowerShellScripts.getVms();
        assertThat(s).contains("Hyper-V\\Get-VM").doesNotContain("| Get-VM");
        for (String field : List.of("Name", "Id", "State", "StateCode", "Status", "UptimeSeconds", "Generation",
                "Version", "CPUUsage", "MemoryAssigned", "ok = $true", "psVersion", "ok = $false", "errorId",
                "category", "exception", "message")) {
            assertThat(s).contains(field);
        }
        assertThat(s).contains("[^\\x00-\\x7F]").contains("$ErrorActionPreference = 'Stop'");
    }

    @Test
    void theWarmLoopEmbedsBothScriptsAndHasNoPlaceholdersLeft() {
        String loop = PowerShellScripts.warmLoop();
        assertThat(loop).doesNotContain("@GET_VMS@").doesNotContain("@GET_INTEGRATION_SERVICES@")
                .contains(PowerShellScripts.hereStringBody(PowerShellScripts.getVms()))
                .contains(PowerShellScripts.hereStringBody(PowerShellScripts.getIntegrationServices()))
                .contains("Hyper-V\\Get-VMIntegrationService")
                .contains(PowerShellScripts.SENTINEL)
                .contains("[Guid]::Parse($parts[1])");
        assertThat(PowerShellScripts.hereStringBody("# c\n  # d\nGet-Date\n")).isEqualTo("Get-Date");
    }

    @Test
    void everyCommandLineFitsWindowsLimitWithRoomToGrow() {
        for (String script : List.of(PowerShellScripts.oneShot(PowerShellScripts.getVms()),
                PowerShellScripts.oneShot(PowerShellScripts.getIntegrationServices()),
                PowerShellScripts.oneShot(PowerShellScripts.getServicePolicies()),
                PowerShellScripts.oneShot(PowerShellScripts.setServicePolicies()), PowerShellScripts.warmBootstrap())) {
            int length = "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe ".length()
                    + String.join(" ", PowerShellScripts.arguments(script)).length();
            assertThat(length).isLessThan(PowerShellScripts.COMMAND_LINE_LIMIT * 2 / 3);
        }
    }

    /** Issue 10, defect 9: one-shot output goes through [Console]::Out as the warm loop's does. */
    @Test
    void theOneShotWrapperWritesTheDocumentWithConsoleOutAndEmbedsTheRequestLiterally() {
        for (String request : List.of(PowerShellScripts.getVms(), PowerShellScripts.getIntegrationServices())) {
            String s = PowerShellScripts.oneShot(request);
            assertThat(s).doesNotContain("@SCRIPT@")
                    .contains("[scriptblock]::Create(@'\n" + PowerShellScripts.hereStringBody(request) + "\n'@)")
                    .contains("[Console]::Out.Write([string]::Join('', @($out)))")
                    .contains("[Console]::Out.Flush()");
        }
    }

    /**
     * Issue 10, defect 4: under PowerShell 7 with Hyper-V through Windows PowerShell compatibility
     * State arrives as a string and [int]'Running' throws. The script takes the name as text and
     * a number only when one arrives (run for real by PowerShellIT against a stand-in module).
     */
    @Test
    void theVmScriptNeverCastsTheStateToIntAndReportsTheRights() {
        String s = PowerShellScripts.getVms();
        assertThat(s).doesNotContain("[int]$_.State").contains("State          = [string]$_.State")
                .contains("StateCode      = Get-HvxStateCode $_.State")
                .contains("[int]::TryParse([string]$state, [ref]$n)")
                .contains("'S-1-5-32-578'").contains("rights = (Get-HvxRights)");
    }

    @Test
    void integrationRequestCarriesOnlyTheCanonicalGuid() {
        Guid id = Guid.parse("{6F0B7C4E-2D1A-4C8E-9B3F-1A2B3C4D5E6F}");
        assertThat(PowerShellScripts.integrationRequest(id)).isEqualTo("integration 6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f");
        assertThat(PowerShellScripts.getIntegrationServices()).contains("$env:HVX_VM_ID").contains("[Guid]::Parse");
    }
}
