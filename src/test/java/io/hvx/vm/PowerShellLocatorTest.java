package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.HvxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

@DisabledOnOs(value = OS.WINDOWS, disabledReason = "builds POSIX file trees; the Windows search is covered by PowerShellIT")
class PowerShellLocatorTest {

    @TempDir
    Path tmp;

    private Path exe(Path p) throws Exception {
        Files.createDirectories(p.getParent());
        Files.writeString(p, "");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
        return p;
    }

    @Test
    void aConfiguredFileWins() throws Exception {
        Path p = exe(tmp.resolve("custom/pwsh"));
        assertThat(PowerShellLocator.locate(p.toString(), Map.of(), "Linux")).isEqualTo(p);
    }

    @Test
    void aConfiguredBareNameIsSearchedOnThePath() throws Exception {
        Path p = exe(tmp.resolve("bin/pwsh-preview"));
        assertThat(PowerShellLocator.locate("pwsh-preview", Map.of("PATH", tmp.resolve("bin").toString()), "Linux"))
                .isEqualTo(p);
    }

    @Test
    void aConfiguredPathThatIsNotThereIsNamed() {
        assertThatThrownBy(() -> PowerShellLocator.locate(tmp.resolve("x/powershell.exe").toString(), Map.of(), "Linux"))
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.powershellNotFound"));
    }

    @Test
    void windowsUsesSystemRootByAbsolutePath() throws Exception {
        Path root = tmp.resolve("Windows");
        Path ps = exe(root.resolve("System32/WindowsPowerShell/v1.0/powershell.exe"));
        exe(tmp.resolve("bin/pwsh.exe"));
        assertThat(PowerShellLocator.locate(null, Map.of("SystemRoot", root.toString(),
                "PATH", tmp.resolve("bin").toString()), "Windows 11")).isEqualTo(ps);
    }

    @Test
    void windowsFallsBackToPwshOnThePath() throws Exception {
        Path pwsh = exe(tmp.resolve("bin/pwsh.exe"));
        assertThat(PowerShellLocator.locate(null, Map.of("SystemRoot", tmp.resolve("none").toString(),
                "PATH", tmp.resolve("bin").toString()), "Windows Server 2022")).isEqualTo(pwsh);
    }

    @Test
    void elsewherePwshOnThePathOrASentence() throws Exception {
        assertThatThrownBy(() -> PowerShellLocator.locate(null, Map.of("PATH", tmp.toString()), "Linux"))
                .satisfies(e -> assertThat(((HvxException) e).problem().key()).isEqualTo("vms.error.powershellMissing"));
        Path pwsh = exe(tmp.resolve("pwsh"));
        assertThat(PowerShellLocator.locate(null, Map.of("PATH", "/nonexistent:" + tmp), "Linux")).isEqualTo(pwsh);
    }
}
