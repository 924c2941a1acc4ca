package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.HvxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Runs the real Windows PowerShell. CI runners have no Hyper-V module, so the expected outcome
 * there is the module-missing sentence; a machine with Hyper-V (and the rights) lists its VMs,
 * and one without the rights gets the elevation sentence. The test prints which it saw.
 */
@EnabledOnOs(OS.WINDOWS)
class PowerShellIT {

    private static final Set<String> ACCEPTED_FAILURES =
            Set.of("vms.error.moduleMissing", "vms.error.moduleNotLoadable", "vms.error.permission");

    @Test
    void windowsPowerShellIsFoundBySystemRoot() {
        Path ps = PowerShellLocator.locate(null);
        assertThat(ps.toString().toLowerCase()).endsWith("\\system32\\windowspowershell\\v1.0\\powershell.exe");
        assertThat(Files.isRegularFile(ps)).isTrue();
    }

    @Test
    void oneShotListsVmsOrSaysTheModuleIsMissing() {
        PowerShellVmInventory inv = PowerShellVmInventory.oneShot((String) null, Duration.ofSeconds(60));
        Throwable t = catchThrowable(inv::list);
        report("one-shot", t);
    }

    @Test
    void warmProcessAnswersTwiceFromOneStart() {
        Path ps = PowerShellLocator.locate(null);
        WarmPowerShell warm = new WarmPowerShell(() -> ps, Duration.ofSeconds(60), Map.of());
        try (PowerShellVmInventory inv = new PowerShellVmInventory(warm)) {
            Throwable first = catchThrowable(inv::list);
            Throwable second = catchThrowable(inv::list);
            report("warm #1", first);
            report("warm #2", second);
            assertThat(warm.starts()).isEqualTo(1);
        }
    }

    @Test
    void theEncodedScriptRunsUnderRealPowerShell() {
        // A tiny script through the same -EncodedCommand path proves encoding and argument order.
        PowerShellOutput out = PowerShellProcess.run(PowerShellLocator.locate(null),
                "[Console]::Out.Write('{\"ok\":true,\"psVersion\":\"' + $PSVersionTable.PSVersion + '\",\"vms\":[]}')",
                Map.of(), Duration.ofSeconds(60));
        assertThat(PowerShellOutputParser.parseVms(out)).isEmpty();
        assertThat(out.exitCode()).isZero();
    }

    private static void report(String what, Throwable t) {
        if (t == null) {
            System.out.println("PowerShellIT " + what + ": Hyper-V listed the VMs");
            return;
        }
        assertThat(t).isInstanceOf(HvxException.class);
        HvxException h = (HvxException) t;
        System.out.println("PowerShellIT " + what + ": " + h.problem().key() + " — " + h.getMessage()
                + "\n  " + h.detail());
        assertThat(h.problem().key()).isIn(ACCEPTED_FAILURES);
        if (h.problem().key().equals("vms.error.permission")) {
            assertThat(h).isInstanceOf(ElevationRequiredException.class);
        }
    }
}
