package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @TempDir
    Path dir;

    /** Writes half of every buffer, then fails as a full disk does. */
    static final AtomicFiles.ChunkWriter DISK_FULL = (ch, buf) -> {
        ch.write(ByteBuffer.wrap(buf.array(), 0, buf.remaining() / 2));
        throw new IOException("No space left on device");
    };

    @Test
    void aWriteThatFailsLeavesTheOldFileAndNoTemporaryFile() throws Exception {
        Path f = dir.resolve("store.json");
        Files.writeString(f, "old content");
        assertThatThrownBy(() -> AtomicFiles.write(f, "new content, much longer".getBytes(StandardCharsets.UTF_8), DISK_FULL))
                .isInstanceOf(IOException.class).hasMessageContaining("No space left");
        assertThat(Files.readString(f)).isEqualTo("old content");
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s).containsExactly(f);
        }
    }

    @Test
    void replacesTheTargetAndCreatesParents() throws Exception {
        Path f = dir.resolve("a/b/c.json");
        AtomicFiles.write(f, "1".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(f, "22".getBytes(StandardCharsets.UTF_8));
        assertThat(Files.readString(f)).isEqualTo("22");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = {org.junit.jupiter.api.condition.OS.LINUX,
            org.junit.jupiter.api.condition.OS.MAC}, disabledReason = "POSIX permissions")
    void aNewFileGetsOrdinaryPermissionsAndAnExistingOneKeepsItsOwn() throws Exception {
        Path f = dir.resolve("export.reg");
        AtomicFiles.write(f, "1".getBytes(StandardCharsets.UTF_8));
        // like any new file (0644 under the usual umask 022), not the 0600 of a temporary file
        Path plain = Files.createFile(dir.resolve("plain"));
        assertThat(Files.getPosixFilePermissions(f)).isEqualTo(Files.getPosixFilePermissions(plain));
        Files.setPosixFilePermissions(f, java.nio.file.attribute.PosixFilePermissions.fromString("rw-r-----"));
        AtomicFiles.write(f, "2".getBytes(StandardCharsets.UTF_8));
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(f))).isEqualTo("rw-r-----");
    }
}
