package io.hvx.files;

import io.hvx.core.Problem;
import io.hvx.core.VmFormat;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * Reads files that come from outside (stores, journals, import files) without trusting them:
 * only regular files (a FIFO would block the read forever, {@code /dev/zero} would never end),
 * and only up to a size limit checked before the file is opened and again while reading.
 */
public final class SafeFiles {

    private SafeFiles() {
    }

    /**
     * The whole content of {@code file}.
     *
     * @param maxBytes the largest file accepted
     * @throws NoSuchFileException  when the file does not exist
     * @throws RefusedFileException when it is not a regular file or is larger than {@code maxBytes}
     * @throws IOException          when it cannot be read
     */
    public static byte[] read(Path file, long maxBytes) throws IOException {
        BasicFileAttributes a = Files.readAttributes(file, BasicFileAttributes.class);
        if (!a.isRegularFile()) {
            throw new RefusedFileException(Problem.of("error.file.notRegular", file,
                    Problem.of(a.isDirectory() ? "file.kind.directory" : "file.kind.special")));
        }
        if (a.size() > maxBytes) {
            throw tooLarge(file, a.size(), maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (b.length > maxBytes) {
                // it grew between the check and the read
                throw tooLarge(file, b.length, maxBytes);
            }
            return b;
        }
    }

    /** Like {@link #read} but empty when the file does not exist. */
    public static Optional<byte[]> readIfExists(Path file, long maxBytes) throws IOException {
        try {
            return Optional.of(read(file, maxBytes));
        } catch (NoSuchFileException e) {
            // a missing file is the documented empty answer
            return Optional.empty();
        }
    }

    private static RefusedFileException tooLarge(Path file, long size, long max) {
        return new RefusedFileException(Problem.of("error.file.tooLarge", file, VmFormat.memory(size), VmFormat.memory(max)));
    }
}
