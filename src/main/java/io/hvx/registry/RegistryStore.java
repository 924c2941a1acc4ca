package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.ServiceRegistry;
import io.hvx.files.Polling;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The low-level storage under a {@link ServiceRegistry}: the Windows registry key or a JSON file.
 * It stores what it is told; all rules (validation, protection of built-in entries, the undo
 * journal) live in {@link Registrations}, once for every store.
 *
 * <p>Failures are {@link io.hvx.core.HvxException}s with a sentence for the user
 * (access denied maps to {@link io.hvx.core.ElevationRequiredException}).
 */
public interface RegistryStore {

    /** All entries, in store order. */
    List<StoredEntry> read();

    /**
     * Creates the subkey of {@code entry.id()} when missing and writes its non-null values.
     * Values that are null are left as they are.
     */
    void put(StoredEntry entry);

    /** Deletes the subkey of {@code id}; nothing happens when it does not exist. */
    void delete(Guid id);

    /**
     * Applies several changes: the deletions, then the puts. Stores that can do it in one write
     * override this; for others a failure part-way leaves the earlier changes made, and
     * {@link Registrations} rolls them back.
     */
    default void applyAll(List<StoredEntry> puts, List<Guid> deletes) {
        for (Guid id : deletes) {
            delete(id);
        }
        for (StoredEntry e : puts) {
            put(e);
        }
    }

    /** Whether writes can succeed now and, if not, why. */
    ServiceRegistry.Writability writability();

    /** Where the entries live, for display. */
    String location();

    /** A stable identity of this store, so the undo journal never mixes two stores. */
    String journalKey();

    /**
     * The lock file that serializes hvx's writers of this store between processes, or empty to
     * let {@link Registrations} use one in the data directory (the registry has no file of its own).
     */
    default Optional<Path> lockFile() {
        return Optional.empty();
    }

    /**
     * Calls {@code onChange} when the entries change outside this process. The default polls
     * {@link #read()} every two seconds on a virtual thread.
     */
    default AutoCloseable watch(Runnable onChange) {
        return Polling.start(this::read, onChange, Duration.ofSeconds(2));
    }
}
