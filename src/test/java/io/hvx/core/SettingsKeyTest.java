package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SettingsKeyTest {

    @Test
    void theStoredKeysStayWhatSettingsFilesAlreadyHold() {
        // renaming one would silently forget every user's saved choice
        assertThat(Arrays.stream(Settings.Key.values()).map(Settings.Key::id)).containsExactly(
                "language", "theme", "window.section", "window.x", "window.y", "window.width", "window.height",
                "window.maximized", "vms.autoRefreshSeconds", "vms.powershell", "terminal.scrollback", "terminal.timestamps",
                "terminal.charset", "terminal.localEcho", "terminal.ansi", "terminal.lineEnding", "terminal.sendFormat",
                "terminal.autoReconnect");
    }

    @Test
    void typedAccessReadsAndWritesTheStoredKey() {
        Settings s = Settings.inMemory();
        s.put("window.width", "1000");
        assertThat(s.getDouble(Settings.Key.WINDOW_WIDTH)).contains(1000.0);
        s.put(Settings.Key.WINDOW_MAXIMIZED, "true");
        assertThat(s.get("window.maximized")).contains("true");
        assertThat(s.getBoolean(Settings.Key.WINDOW_MAXIMIZED, false)).isTrue();
        s.put(Settings.Key.WINDOW_MAXIMIZED, null);
        assertThat(s.get(Settings.Key.WINDOW_MAXIMIZED)).isEmpty();
    }
}
