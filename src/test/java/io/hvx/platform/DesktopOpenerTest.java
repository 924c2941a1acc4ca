package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.OperationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** About → Open log's opener, with stand-in programs instead of the desktop's own. */
class DesktopOpenerTest {

    @TempDir
    Path tmp;

    @Test
    void eachSystemHasItsOwnOpener() {
        assertThat(DesktopOpener.program("Windows 11")).isEqualTo("explorer.exe");
        assertThat(DesktopOpener.program("Mac OS X")).isEqualTo("open");
        assertThat(DesktopOpener.program("Linux")).isEqualTo("xdg-open");
    }

    @Test
    void aFileNotWrittenYetOpensItsNearestExistingFolder() throws Exception {
        Path logs = Files.createDirectories(tmp.resolve("data"));
        assertThat(DesktopOpener.existing(logs.resolve("logs/hvx-0.log"))).isEqualTo(logs.toAbsolutePath());
        Path file = Files.writeString(logs.resolve("hvx-0.log"), "x");
        assertThat(DesktopOpener.existing(file)).isEqualTo(file.toAbsolutePath());
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are the POSIX true and false programs")
    @Test
    void anOpenerThatSucceedsReturnsWhatItOpened() throws Exception {
        Path file = Files.writeString(tmp.resolve("hvx-0.log"), "x");
        assertThat(new DesktopOpener("true").open(file)).isEqualTo(file.toAbsolutePath());
    }

    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are the POSIX true and false programs")
    @Test
    void anOpenerThatFailsOrIsMissingSaysSo() throws Exception {
        Path file = Files.writeString(tmp.resolve("hvx-0.log"), "x");
        assertThatThrownBy(() -> new DesktopOpener("false").open(file)).isInstanceOf(OperationFailedException.class)
                .hasMessage("Could not open " + file.toAbsolutePath() + ": false ended with code 1. Open it from your file manager.");
        assertThatThrownBy(() -> new DesktopOpener(tmp.resolve("no-such-opener").toString()).open(file))
                .isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("no program to open it was found");
    }
}
