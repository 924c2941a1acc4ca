package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

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
}
