package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.IntegrationService;
import io.hvx.core.OperationFailedException;
import io.hvx.core.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
class PowerShellProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    Path tmp;

    private static PowerShellVmInventory inventory(String standIn, Map<String, String> env, Duration timeout) {
        return PowerShellVmInventory.oneShot(StandIns.script(standIn), timeout, env);
    }

    @Test
    void listsTheVmsAStandInPrints() {
        List<VirtualMachine> vms = inventory("fixture.sh", Map.of("HVX_FIXTURE", "ps51-contract.json"), TIMEOUT).list();
        assertThat(vms).extracting(VirtualMachine::name).containsExactly("ubuntu-dev", "win11-test", "café-测试");
    }

    @Test
    void whatPowerShellPrintsJustBeforeItExitsIsNeverLost() {
        // ending the tree after a normal exit once closed the pipes under the drains (Process.destroy
        // closes them), so the last output was lost now and then: run the short-lived case often
        PowerShellVmInventory ps = inventory("fixture.sh", Map.of("HVX_FIXTURE", "ps51-contract.json"), TIMEOUT);
        for (int i = 0; i < 40; i++) {
            assertThat(ps.list()).as("run %d", i).hasSize(3);
        }
    }

    @Test
    void passesTheScriptAsEncodedCommandThatDecodesBack() throws Exception {
        Path out = tmp.resolve("decoded.ps1");
        assertThat(inventory("decode.sh", Map.of("HVX_STANDIN_OUT", out.toString()), TIMEOUT).list()).isEmpty();
        String sent = PowerShellScripts.oneShot(PowerShellScripts.getVms());
        assertThat(Files.readString(out)).isEqualTo(sent).contains("[Console]::Out.Write(");
        assertThat(Files.readAllLines(Path.of(out + ".args"))).containsExactly("-NoProfile", "-NonInteractive",
                "-ExecutionPolicy", "Bypass", "-EncodedCommand", PowerShellScripts.encode(sent));
    }

    @Test
    void integrationServicesGetTheVmIdOnlyThroughTheEnvironment() throws Exception {
        Path out = tmp.resolve("decoded-is.ps1");
        Guid id = Guid.parse("6F0B7C4E-2D1A-4C8E-9B3F-1A2B3C4D5E6F");
        var query = inventory("decode.sh", Map.of("HVX_STANDIN_OUT", out.toString()), TIMEOUT)
                .integrationServices().orElseThrow();
        assertThat(query.of(id)).isEmpty();
        assertThat(Files.readString(out)).isEqualTo(PowerShellScripts.oneShot(PowerShellScripts.getIntegrationServices()))
                .doesNotContain(id.toString());
        assertThat(Files.readString(Path.of(out + ".env"))).isEqualTo("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f");
    }

    @Test
    void readsIntegrationServicesFromAStandIn() {
        List<IntegrationService> s = inventory("fixture.sh", Map.of("HVX_FIXTURE", "integration-services.json"), TIMEOUT)
                .integrationServices().orElseThrow().of(Guid.random());
        assertThat(s).extracting(IntegrationService::name).contains("Guest Service Interface", "Heartbeat");
    }

    @Test
    void silenceIsExitWithoutJson() {
        assertThatThrownBy(() -> inventory("silent.sh", Map.of(), TIMEOUT).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.noJson"))
                .hasMessageContaining("exit code 0");
    }

    @Test
    void aNonZeroExitWithoutJsonShowsBothStreams() {
        assertThatThrownBy(() -> inventory("fail.sh", Map.of(), TIMEOUT).list())
                .hasMessageContaining("exit code 7")
                .satisfies(e -> assertThat(((HvxException) e).detail())
                        .contains("stdout: usage: fail.sh").contains("stderr: fail.sh: unknown option -NoProfile"));
    }

    @Test
    void detailsKeepOnlyTheFirst200Characters() throws Exception {
        Path big = tmp.resolve("big.txt");
        Files.writeString(big, "x".repeat(5000));
        assertThatThrownBy(() -> inventory("fixture.sh", Map.of("HVX_FIXTURE", big.toString()), TIMEOUT).list())
                .satisfies(e -> assertThat(((HvxException) e).detail())
                        .contains("stdout: " + "x".repeat(200) + "…").doesNotContain("x".repeat(201)));
    }

    @Test
    void clixmlOnStderrIsIgnoredWhenStdoutHasTheDocument() {
        assertThat(inventory("clixml.sh", Map.of("HVX_FIXTURE", "zero-vms.json"), TIMEOUT).list()).isEmpty();
    }

    @Test
    void clixmlOnStderrIsShownAsTextWhenThereIsNoDocument() {
        assertThatThrownBy(() -> inventory("clixml.sh", Map.of(), TIMEOUT).list())
                .satisfies(e -> assertThat(((HvxException) e).detail())
                        .contains("stderr: Get-VM : The term 'Hyper-V\\Get-VM' is not recognized")
                        .doesNotContain("<Objs"));
    }

    @Test
    void errorObjectsFromTheProcessMapToTheirSentence() {
        assertThatThrownBy(() -> inventory("fixture.sh", Map.of("HVX_FIXTURE", "error-access-denied.json",
                "HVX_EXIT", "1"), TIMEOUT).list())
                .satisfies(e -> assertThat(((HvxException) e).exitStatus()).isEqualTo(3));
    }

    @Test
    void aHangingPowerShellIsKilledWithItsChildrenAtTheTimeout() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        long start = System.nanoTime();
        assertThatThrownBy(() -> inventory("sleep.sh", Map.of("HVX_STANDIN_PIDFILE", pidFile.toString()),
                Duration.ofSeconds(1)).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.timeout"))
                .hasMessageContaining("1 seconds");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(running(child)).as("sleep child still running").isFalse();
    }

    /** Whether {@code pid} runs; a killed child whose new parent has not reaped it yet (zombie) does not. */
    static boolean running(long pid) throws Exception {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        if (Files.isDirectory(Path.of("/proc/self"))) {
            if (!Files.exists(stat)) {
                return false;
            }
            String s;
            try {
                s = Files.readString(stat);
            } catch (java.nio.file.NoSuchFileException gone) {
                return false;
            }
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        }
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    @Test
    void aMissingExecutableSaysItCouldNotStart() {
        assertThatThrownBy(() -> PowerShellVmInventory.oneShot(tmp.resolve("no-such-pwsh"), TIMEOUT, Map.of()).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.start"));
    }

    @Test
    void aConfiguredPathThatDoesNotExistIsNamed() {
        String missing = tmp.resolve("nowhere/powershell.exe").toString();
        assertThatThrownBy(() -> PowerShellVmInventory.oneShot(missing, TIMEOUT).list())
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.powershellNotFound"))
                .hasMessageContaining(missing);
    }
}
