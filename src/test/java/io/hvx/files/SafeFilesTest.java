package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

class SafeFilesTest {

    @TempDir
    Path dir;

    @Test
    void readsARegularFileWithinTheLimit() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[100]);
        assertThat(SafeFiles.read(f, 100)).hasSize(100);
        assertThat(SafeFiles.readIfExists(dir.resolve("missing"), 10)).isEmpty();
        assertThatThrownBy(() -> SafeFiles.read(dir.resolve("missing"), 10)).isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void refusesALargerFileBeforeReadingIt() throws Exception {
        Path f = dir.resolve("f");
        Files.write(f, new byte[101]);
        assertThatThrownBy(() -> SafeFiles.read(f, 100)).isInstanceOf(RefusedFileException.class)
                .satisfies(e -> assertThat(((RefusedFileException) e).problem().message())
                        .contains(f.toString()).contains("too large"));
    }

    @Test
    void refusesADirectory() {
        assertThatThrownBy(() -> SafeFiles.read(dir, 100)).isInstanceOf(RefusedFileException.class)
                .satisfies(e -> assertThat(((RefusedFileException) e).problem().message()).contains("a directory"));
    }

    @Test
    @EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "FIFOs and /dev/zero are POSIX")
    void refusesAFifoAndADeviceWithoutOpeningThem() throws Exception {
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // opening a FIFO for reading would block until a writer comes: this must return at once
        assertThatThrownBy(() -> SafeFiles.read(fifo, 100)).isInstanceOf(RefusedFileException.class)
                .satisfies(e -> assertThat(((RefusedFileException) e).problem().message()).contains("FIFO"));
        assertThatThrownBy(() -> SafeFiles.read(Path.of("/dev/zero"), 100)).isInstanceOf(RefusedFileException.class);
    }
}
