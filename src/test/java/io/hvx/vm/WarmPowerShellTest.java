package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.VirtualMachine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
class WarmPowerShellTest {

    @TempDir
    Path tmp;

    private WarmPowerShell warm(Map<String, String> env, Duration timeout) {
        return new WarmPowerShell(() -> StandIns.script("warm-loop.sh"), timeout, env);
    }

    @Test
    void answersManyRequestsFromOneProcess() throws Exception {
        Path starts = tmp.resolve("starts");
        try (WarmPowerShell ps = warm(Map.of("HVX_STANDIN_STARTS", starts.toString()), Duration.ofSeconds(10));
             PowerShellVmInventory inv = new PowerShellVmInventory(ps)) {
            for (int i = 0; i < 3; i++) {
                assertThat(inv.list()).extracting(VirtualMachine::name).containsExactly("ubuntu-dev", "win11-test");
            }
            assertThat(inv.integrationServices().orElseThrow().of(Guid.random())).hasSize(6);
            assertThat(ps.starts()).isEqualTo(1);
            assertThat(Files.readAllLines(starts)).hasSize(1);
        }
    }

    @Test
    void theProcessStartsWithTheBootstrapAndReceivesTheLoopScriptOnStdin() throws Exception {
        String boot = PowerShellScripts.warmBootstrap();
        assertThat(PowerShellScripts.decode(PowerShellScripts.arguments(boot).get(5))).isEqualTo(boot);
        assertThat(boot).contains("[Console]::In.ReadLine()").contains("'" + PowerShellScripts.SCRIPT_END + "'")
                .contains("[scriptblock]::Create(");
        Path script = tmp.resolve("script.ps1");
        try (WarmPowerShell ps = warm(Map.of("HVX_STANDIN_SCRIPT", script.toString()), Duration.ofSeconds(10));
             PowerShellVmInventory inv = new PowerShellVmInventory(ps)) {
            assertThat(inv.list()).hasSize(2);
        }
        assertThat(Files.readString(script)).isEqualTo(PowerShellScripts.warmLoop() + "\n");
    }

    @Test
    void aProcessThatDiedIsRestartedAndTheRequestRetried() {
        try (WarmPowerShell ps = warm(Map.of("HVX_WARM_MODE", "die-after-1"), Duration.ofSeconds(10));
             PowerShellVmInventory inv = new PowerShellVmInventory(ps)) {
            assertThat(inv.list()).hasSize(2);
            assertThat(inv.list()).hasSize(2);
            assertThat(ps.starts()).isEqualTo(2);
        }
    }

    @Test
    void aHangingProcessIsKilledAtTheTimeoutAndReplacedOnTheNextRequest() {
        try (WarmPowerShell ps = warm(Map.of("HVX_WARM_MODE", "hang"), Duration.ofMillis(800))) {
            PowerShellVmInventory inv = new PowerShellVmInventory(ps);
            assertThatThrownBy(inv::list)
                    .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.timeout"));
            assertThat(ps.currentProcess()).isNull();
            assertThatThrownBy(inv::list)
                    .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.timeout"));
            assertThat(ps.starts()).isEqualTo(2);
        }
    }

    @Test
    void errorAnswersMapLikeOneShotAnswers() {
        try (WarmPowerShell ps = warm(Map.of("HVX_FIXTURE", "error-module-missing.json"), Duration.ofSeconds(10))) {
            assertThatThrownBy(() -> new PowerShellVmInventory(ps).list())
                    .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.moduleMissing"));
            assertThat(ps.starts()).isEqualTo(1);
            assertThat(ps.currentProcess()).isNotNull();
        }
    }

    @Test
    void closeEndsTheProcess() {
        WarmPowerShell ps = warm(Map.of(), Duration.ofSeconds(10));
        new PowerShellVmInventory(ps).list();
        ProcessHandle h = ps.currentProcess();
        assertThat(h).isNotNull();
        ps.close();
        assertThat(h.isAlive()).isFalse();
    }

    @Test
    void aMissingExecutableIsReportedAsNotStartable() {
        try (WarmPowerShell ps = new WarmPowerShell(() -> tmp.resolve("nope"), Duration.ofSeconds(2), Map.of())) {
            assertThatThrownBy(ps::vms)
                    .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.start"));
        }
    }
}
