package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Mode;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

class ModeAndDirsTest {

    @Test
    void modeFollowsTheOperatingSystemAndVmbus() {
        assertThat(ModeDetection.detect("Windows 11", false)).isEqualTo(Mode.WINDOWS);
        assertThat(ModeDetection.detect("Windows Server 2022", true)).isEqualTo(Mode.WINDOWS);
        assertThat(ModeDetection.detect("Linux", true)).isEqualTo(Mode.LINUX_GUEST);
        assertThat(ModeDetection.detect("Linux", false)).isEqualTo(Mode.SANDBOX);
        assertThat(ModeDetection.detect("Mac OS X", false)).isEqualTo(Mode.SANDBOX);
    }

    @Test
    void sandboxDirPrefersOptionThenEnvironmentThenDefault() {
        Path opt = Path.of("/tmp/opt");
        Map<String, String> env = Map.of("HVX_SANDBOX_DIR", "/tmp/env-sb");
        assertThat(AppDirs.sandboxDir(opt, env, "Linux", "/home/u")).isEqualTo(opt);
        assertThat(AppDirs.sandboxDir(null, env, "Linux", "/home/u")).isEqualTo(Path.of("/tmp/env-sb"));
        assertThat(AppDirs.sandboxDir(null, Map.of(), "Linux", "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/hvx/sandbox"));
        assertThat(AppDirs.sandboxDir(null, Map.of("HVX_SANDBOX_DIR", " "), "Linux", "/home/u"))
                .isEqualTo(Path.of("/home/u/.local/share/hvx/sandbox"));
    }

    @Test
    void dataDirFollowsPlatformConventions() {
        assertThat(AppDirs.dataDir(Map.of("LOCALAPPDATA", "C:/Users/u/AppData/Local"), "Windows 11", "C:/Users/u"))
                .isEqualTo(Path.of("C:/Users/u/AppData/Local", "HvSocketExplorer"));
        assertThat(AppDirs.dataDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", "/home/u")).isEqualTo(Path.of("/x/hvx"));
        assertThat(AppDirs.dataDir(Map.of("HVX_DATA_DIR", "/d"), "Linux", "/home/u")).isEqualTo(Path.of("/d"));
    }

    @Test
    void aChosenSandboxHoldsTheDataOfItsRuns() {
        Map<String, String> none = Map.of();
        Path sb = Path.of("/tmp/sb").toAbsolutePath();
        assertThat(AppDirs.dataDir(Mode.SANDBOX, sb, none, "Linux", "/home/u")).isEqualTo(sb);
        assertThat(AppDirs.dataDir(Mode.SANDBOX, null, Map.of("HVX_SANDBOX_DIR", "/tmp/env-sb"), "Linux", "/home/u"))
                .isEqualTo(Path.of("/tmp/env-sb").toAbsolutePath());
        // HVX_DATA_DIR wins; the default sandbox and the other modes keep the per-user directory
        assertThat(AppDirs.dataDir(Mode.SANDBOX, sb, Map.of("HVX_DATA_DIR", "/d"), "Linux", "/home/u")).isEqualTo(Path.of("/d"));
        assertThat(AppDirs.dataDir(Mode.SANDBOX, null, none, "Linux", "/home/u")).isEqualTo(Path.of("/home/u/.local/share/hvx"));
        assertThat(AppDirs.dataDir(Mode.LINUX_GUEST, sb, none, "Linux", "/home/u")).isEqualTo(Path.of("/home/u/.local/share/hvx"));
    }

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "elevation is a property of the Windows token there")
    void elevationIsFalseOffWindows() {
        assertThat(Elevation.isElevated()).isFalse();
    }
}
