package io.hvx.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes files so that a reader sees either the old or the new content, never a torn one: a
 * temporary file in the same directory, flushed and synced, then moved over the target. When
 * anything fails (disk full, permissions) the temporary file is removed and the target is left
 * as it was.
 */
public final class AtomicFiles {

    /** Writes a buffer to the temporary file's channel: the seam where tests simulate a full disk. */
    @FunctionalInterface
    public interface ChunkWriter {
        void write(FileChannel channel, ByteBuffer bytes) throws IOException;
    }

    private static final ChunkWriter PLAIN = (ch, buf) -> {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    };

    private AtomicFiles() {
    }

    /** Replaces {@code target} with {@code bytes} atomically, creating parent directories. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, PLAIN);
    }

    /** {@link #write(Path, byte[])} writing the temporary file through {@code writer}. */
    public static void write(Path target, byte[] bytes, ChunkWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                writer.write(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
