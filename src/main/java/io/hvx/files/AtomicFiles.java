package io.hvx.files;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.SecureRandom;
import java.util.Set;

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

    private static final SecureRandom RANDOM = new SecureRandom();

    private AtomicFiles() {
    }

    private static void keepPermissions(Path target, Path tmp) throws IOException {
        try {
            Set<PosixFilePermission> p = Files.getPosixFilePermissions(target);
            Files.setPosixFilePermissions(tmp, p);
        } catch (NoSuchFileException | UnsupportedOperationException e) {
            // a new file, or a file system without POSIX permissions: the defaults apply
        }
    }

    /** Replaces {@code target} with {@code bytes} atomically, creating parent directories. */
    public static void write(Path target, byte[] bytes) throws IOException {
        write(target, bytes, PLAIN);
    }

    /** {@link #write(Path, byte[])} writing the temporary file through {@code writer}. */
    public static void write(Path target, byte[] bytes, ChunkWriter writer) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        // created like any new file (permissions from the umask, not createTempFile's 0600);
        // a file that exists keeps its permissions
        Path tmp = dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(RANDOM.nextLong(), 36) + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW)) {
                keepPermissions(target, tmp);
                writer.write(ch, ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                // a file system without atomic rename: the plain move is the best it offers
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
