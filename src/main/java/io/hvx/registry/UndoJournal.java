package io.hvx.registry;

import io.hvx.files.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The undo journal: before each change the previous state of every touched entry is appended
 * to {@code <dataDir>/services-undo.json} (written atomically), so the change can be reverted
 * even after the app was closed. Entries of several stores (sandbox, registry) live side by
 * side, told apart by the store's journal key.
 */
public final class UndoJournal {

    /** Oldest changes are dropped beyond this many. */
    static final int LIMIT = 100;

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create();

    private final Path file;

    public UndoJournal(Path dataDir) {
        this.file = dataDir.resolve("services-undo.json");
    }

    public Path file() {
        return file;
    }

    /**
     * The state of one entry before a change.
     *
     * @param id      the service
     * @param present whether it existed
     * @param name    its ElementName then
     * @param createdBy its CreatedBy then
     * @param createdAt its CreatedAt then
     */
    public record Before(String id, boolean present, String name, String createdBy, String createdAt) {
        static Before of(Guid id, StoredEntry e) {
            return e == null ? new Before(id.toString(), false, null, null, null)
                    : new Before(id.toString(), true, e.name(), e.createdBy(), e.createdAt());
        }

        Guid guid() {
            return Guid.parse(id);
        }

        StoredEntry entry() {
            return present ? new StoredEntry(guid(), name, createdBy, createdAt) : null;
        }
    }

    /**
     * One recorded change.
     *
     * @param before the touched entries before the change
     * @param after  the same entries right after it, so undo can tell when someone changed them
     *               since (null in journals written before this was recorded)
     */
    public record Change(String store, String action, String at, List<Before> before, List<Before> after) {
    }

    private record Doc(int version, List<Change> changes) {
    }

    /** Appends {@code change}; called before the change is made. */
    public synchronized void push(Change change) {
        locked(() -> {
            List<Change> all = new ArrayList<>(load());
            all.add(change);
            while (all.size() > LIMIT) {
                all.removeFirst();
            }
            save(all);
        });
    }

    /** Read-modify-write under a file lock: another process may be recording its own change. */
    private void locked(Runnable body) {
        try (FileLock lock = FileLocks.lock(file.resolveSibling("." + file.getFileName() + ".lock"),
                Duration.ofSeconds(10), () -> new OperationFailedException(Problem.of("error.services.journal.io", file)))) {
            body.run();
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.journal.io", file), e.toString(), e);
        }
    }

    /** The last change recorded for {@code store}. */
    public synchronized Optional<Change> peek(String store) {
        List<Change> all = load();
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).store().equals(store)) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    /** Drops {@code change} (after it was undone, or when the change it recorded failed). */
    public synchronized void remove(Change change) {
        locked(() -> {
            List<Change> all = new ArrayList<>(load());
            for (int i = all.size() - 1; i >= 0; i--) {
                if (all.get(i).equals(change)) {
                    all.remove(i);
                    save(all);
                    return;
                }
            }
        });
    }

    private List<Change> load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.journal.io", file), e.toString(), e);
        }
        try {
            Doc d = GSON.fromJson(text, Doc.class);
            return d == null || d.changes() == null ? List.of() : d.changes();
        } catch (JsonParseException e) {
            throw new OperationFailedException(Problem.of("error.services.journal.corrupt", file), e.getMessage(), e);
        }
    }

    private void save(List<Change> all) {
        try {
            AtomicFiles.write(file, (GSON.toJson(new Doc(1, all)) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.journal.io", file), e.toString(), e);
        }
    }
}
