package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogsTest {

    @Test
    void recordsGoToTheRollingFileOpenedOnTheFirstRecord(@TempDir Path dir) throws Exception {
        Path logs = dir.resolve("logs");
        Logs.init(logs);
        assertThat(logs).doesNotExist();
        System.Logger log = System.getLogger("io.hvx.test.LogsTest");
        log.log(System.Logger.Level.WARNING, "store write failed", new IllegalStateException("disk full"));
        Path file = Logs.currentFile();
        assertThat(file).isEqualTo(logs.resolve("hvx-0.log"));
        String text = Files.readString(file);
        assertThat(text).contains("WARNING", "io.hvx.test.LogsTest", "store write failed",
                "java.lang.IllegalStateException: disk full");
        log.log(System.Logger.Level.DEBUG, "not at the default level");
        assertThat(Files.readString(file)).doesNotContain("not at the default level");
    }

    @Test
    void levelNamesAreRead() {
        assertThat(Logs.level(null)).isEqualTo(Level.INFO);
        assertThat(Logs.level("DEBUG")).isEqualTo(Level.FINE);
        assertThat(Logs.level(" warn ")).isEqualTo(Level.WARNING);
        assertThat(Logs.level("error")).isEqualTo(Level.SEVERE);
        assertThat(Logs.level("off")).isEqualTo(Level.OFF);
        assertThat(Logs.level("nonsense")).isEqualTo(Level.INFO);
    }
}
