package io.hvx.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A small JSON document of the app's own (recent connections, snippets) mapped to a record: read
 * only when it is a regular file of a sane size that parses and says it is what we expect,
 * written atomically. A file that fails those checks is refused with a sentence naming it and
 * left as it is: saving over it would drop what this version does not understand.
 *
 * <p>Reads and the writes they lead to are made under one lock per file in this process.
 */
final class SmallJsonFile<T> {

    /** Larger than any list a user keeps by hand; anything bigger is not ours. */
    static final long MAX_BYTES = 4L * 1024 * 1024;

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;
    private final Class<T> type;
    private final Predicate<T> understood;

    /**
     * @param understood whether a parsed document is one this version understands (format and version fields)
     */
    SmallJsonFile(Path file, Class<T> type, Predicate<T> understood) {
        this.file = file;
        this.type = type;
        this.understood = understood;
    }

    Path path() {
        return file;
    }

    /** The document, or empty when the file does not exist yet. Call with the lock held. */
    Optional<T> read() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            if (!Files.isRegularFile(file) || Files.size(file) > MAX_BYTES) {
                throw refused("not a regular file of at most " + MAX_BYTES + " bytes");
            }
            T doc = GSON.fromJson(Files.readString(file, StandardCharsets.UTF_8), type);
            if (doc == null || !understood.test(doc)) {
                throw refused("not a document of this kind or version");
            }
            return Optional.of(doc);
        } catch (JsonParseException e) {
            throw refused(e.getMessage());
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("term.store.readFailed", file.toString(), e.getMessage()),
                    e.toString(), e);
        }
    }

    /** Replaces the file with {@code doc}. Call with the lock held. */
    void write(T doc) {
        try {
            AtomicFiles.write(file, (GSON.toJson(doc) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("term.store.writeFailed", file.toString(), e.getMessage()),
                    e.toString(), e);
        }
    }

    /** The lock of this file within the process. */
    Object lock() {
        return LOCKS.computeIfAbsent(file.toAbsolutePath().normalize(), p -> new Object());
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS = new java.util.concurrent.ConcurrentHashMap<>();

    private OperationFailedException refused(String why) {
        return new OperationFailedException(Problem.of("term.store.unreadable", file.toString()), why);
    }
}
