package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.vm.PowerShellVmInventory;
import io.hvx.vm.SandboxVmInventory;
import io.hvx.vm.StandIns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class AppVmsWiringTest {

    @TempDir
    Path tmp;

    @Test
    void theSandboxInventoryIsUsedAsItIs() {
        VmInventory sandbox = new SandboxVmInventory(tmp);
        assertThat(App.guiInventory(sandbox, Settings.inMemory())).isSameAs(sandbox);
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @Test
    void powershellInTheGuiIsTheLongLivedOneAndTheSettingChoosesIt() {
        Settings settings = Settings.inMemory();
        settings.put(Settings.Key.VMS_POWERSHELL, StandIns.script("warm-loop.sh").toString());
        PowerShellVmInventory oneShot = PowerShellVmInventory.oneShot(tmp.resolve("unused"), Duration.ofSeconds(5), Map.of());
        VmInventory gui = App.guiInventory(oneShot, settings);
        assertThat(gui).isNotSameAs(oneShot).isInstanceOf(PowerShellVmInventory.class);
        try {
            // Only the warm loop stand-in answers line requests: the list proves which process runs.
            assertThat(gui.list()).extracting(VirtualMachine::name).containsExactly("ubuntu-dev", "win11-test");
            assertThat(gui.list()).hasSize(2);
        } finally {
            ((PowerShellVmInventory) gui).close();
        }
    }

    @Test
    void theGuiSpeaksTheSavedLanguageElseTheSystemsElseEnglish() {
        Settings settings = Settings.inMemory();
        assertThat(App.language(settings, java.util.Locale.SIMPLIFIED_CHINESE)).isEqualTo(io.hvx.ui.shell.Language.SIMPLIFIED_CHINESE);
        assertThat(App.language(settings, java.util.Locale.forLanguageTag("zh-TW"))).isEqualTo(io.hvx.ui.shell.Language.SIMPLIFIED_CHINESE);
        assertThat(App.language(settings, java.util.Locale.GERMANY)).isEqualTo(io.hvx.ui.shell.Language.ENGLISH);
        settings.put(Settings.Key.LANGUAGE, "en");
        assertThat(App.language(settings, java.util.Locale.SIMPLIFIED_CHINESE)).as("a saved choice wins").isEqualTo(io.hvx.ui.shell.Language.ENGLISH);
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
    @Test
    void theSettingsPowerShellTestRunsTheInventoryThroughThePowerShellGiven() throws Exception {
        Path standIn = StandIns.fixtureWrapper(tmp, "ps51-contract.json");
        var outcome = App.testPowerShell(standIn.toString());
        assertThat(outcome.executable()).isEqualTo(standIn.toAbsolutePath().toString());
        assertThat(outcome.listing().vms()).isNotEmpty();
        assertThatThrownBy(() -> App.testPowerShell(tmp.resolve("missing").toString()))
                .isInstanceOf(io.hvx.core.OperationFailedException.class);
    }
}
