package io.hvx.files;

import com.google.gson.JsonElement;
import com.google.gson.JsonPrimitive;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;

/**
 * One store kept in one JSON file, read and written through records. Reads accept only what
 * {@link StrictJson} and the store's {@link Codec} fully understand; anything else is refused
 * with a sentence, the file is left byte-identical and a copy is put aside as
 * {@code <name>.<hash>.broken} (once per content). Writes are atomic ({@link AtomicFiles}) and
 * made under the store's lock ({@link FileLocks}, file {@code .<name>.lock}); a write that fails
 * leaves the old file as it was.
 *
 * @param <T> the record of the whole file
 */
public final class JsonStoreFile<T> {

    /** How a store's file maps to its record; {@code decode} refuses what it does not understand. */
    public interface Codec<T> {
        T decode(JsonElement root) throws StrictJson.Refused;

        byte[] encode(T value);
    }

    /** Writes a file's bytes; production uses {@link AtomicFiles#write(Path, byte[])}, tests a failing one. */
    @FunctionalInterface
    public interface Writer {
        void write(Path file, byte[] bytes) throws IOException;
    }

    private final Path file;
    private final long maxBytes;
    private final Codec<T> codec;
    private final Writer writer;

    /**
     * @param maxBytes the largest file read; larger ones are refused unread
     */
    public JsonStoreFile(Path file, long maxBytes, Codec<T> codec, Writer writer) {
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.codec = codec;
        this.writer = writer;
    }

    public JsonStoreFile(Path file, long maxBytes, Codec<T> codec) {
        this(file, maxBytes, codec, AtomicFiles::write);
    }

    public Path file() {
        return file;
    }

    /** The lock file ({@code .<name>.lock} beside the store). */
    public Path lockFile() {
        return FileLocks.lockFileOf(file);
    }

    /** Takes the store's lock (see {@link FileLocks}). */
    public FileLocks.Held lock() {
        return FileLocks.lock(lockFile(), file);
    }

    /**
     * The file's content, or empty when it does not exist. Safe without the lock: writes replace
     * the file atomically.
     *
     * @throws OperationFailedException when it cannot be read or is refused (see class comment)
     */
    public Optional<T> read() {
        Optional<byte[]> bytes;
        try {
            bytes = SafeFiles.readIfExists(file, maxBytes);
        } catch (RefusedFileException e) {
            throw new OperationFailedException(e.problem());
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.file.read", file), e.toString(), e);
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(codec.decode(StrictJson.parse(bytes.get())));
        } catch (StrictJson.Refused e) {
            throw refused(bytes.get(), e.problem());
        }
    }

    /**
     * Replaces the file with {@code value}. Call it holding {@link #lock()}, after reading the
     * current content under the same lock.
     *
     * @throws OperationFailedException when writing fails; the old file is then unchanged
     */
    public void write(T value) {
        try {
            writer.write(file, codec.encode(value));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.file.write", file, String.valueOf(e.getMessage())),
                    e.toString(), e);
        }
    }

    /** Puts a copy of the refused file aside and builds the error. */
    private OperationFailedException refused(byte[] bytes, Problem why) {
        Path copy = file.resolveSibling(file.getFileName() + "." + shortHash(bytes) + ".broken");
        try {
            if (!Files.exists(copy)) {
                AtomicFiles.write(copy, bytes);
            }
        } catch (IOException e) {
            return new OperationFailedException(Problem.of("error.store.refusedNoCopy", file, why), "copy failed: " + e, e);
        }
        return new OperationFailedException(Problem.of("error.store.refused", file, why, copy));
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Refuses a file written by a newer hvx before its fields are looked at, so it is reported
     * as newer rather than as having unknown fields. A file without {@code version} is version 1.
     */
    public static void checkVersion(JsonElement root, int supported) throws StrictJson.Refused {
        if (root.isJsonObject() && root.getAsJsonObject().get("version") instanceof JsonPrimitive p && p.isNumber()) {
            BigDecimal v = new BigDecimal(p.getAsString());
            if (v.compareTo(BigDecimal.valueOf(supported)) > 0) {
                throw new StrictJson.Refused(Problem.of("store.problem.newer", v.toPlainString(), supported));
            }
        }
    }
}
