package io.hvx.registry;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceRegistry.Writability;
import io.hvx.files.DirectoryWatcher;
import io.hvx.files.FileLocks;
import io.hvx.files.JsonStoreFile;
import io.hvx.files.StrictJson;
import java.nio.file.Path;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Registrations kept in a JSON file: the sandbox's {@code <sandboxDir>/services.json} (seeded
 * from {@link SandboxSeed#SERVICES} on first use, under the store's lock), or, in a Linux guest,
 * a read-only list of the services the user saved (an export file is accepted as it is).
 *
 * <p>Format: {@code {"version": 1, "services": [{"id", "name", "createdBy", "createdAt"}, …]}}.
 * Read, locked and written through {@link JsonStoreFile}: a file with anything hvx does not
 * understand (a newer version, an unknown field, a number as a name, trailing data, a duplicate
 * id) is refused, left as it is and copied aside, never rewritten with parts dropped.
 */
public final class JsonServiceStore implements RegistryStore {

    /** File name of the sandbox store. */
    public static final String SANDBOX_FILE = "services.json";
    /** The format version this code reads and writes. */
    static final int VERSION = 1;
    /** Largest store read: about 400,000 registrations. */
    static final long MAX_BYTES = 64L << 20;

    /** The file as records; field names are the file format. */
    record ServicesFile(int version, List<Entry> services) {
    }

    record Entry(String id, String name, String createdBy, String createdAt) {
    }

    private final JsonStoreFile<ServicesFile> store;
    private final boolean seed;
    private final Problem readOnlyReason;
    private final Clock clock;

    JsonServiceStore(Path file, boolean seed, Problem readOnlyReason, Clock clock, JsonStoreFile.Writer writer) {
        this.store = new JsonStoreFile<>(file, MAX_BYTES, new Codec(), writer);
        this.seed = seed;
        this.readOnlyReason = readOnlyReason;
        this.clock = clock;
    }

    /** The sandbox store {@code <sandboxDir>/services.json}, seeded on first use. */
    public static JsonServiceStore sandbox(Path sandboxDir, Clock clock) {
        return new JsonServiceStore(sandboxDir.resolve(SANDBOX_FILE), true, null, clock, io.hvx.files.AtomicFiles::write);
    }

    /** {@link #sandbox(Path, Clock)} on the system clock. */
    public static JsonServiceStore sandbox(Path sandboxDir) {
        return sandbox(sandboxDir, Clock.systemUTC());
    }

    /** A read-only list in {@code file} (missing file = no entries). */
    public static JsonServiceStore readOnly(Path file, Problem reason) {
        return new JsonServiceStore(file, false, reason, Clock.systemUTC(), io.hvx.files.AtomicFiles::write);
    }

    /** A writable store in {@code file} without seed (tests, saved lists). */
    public static JsonServiceStore plain(Path file) {
        return new JsonServiceStore(file, false, null, Clock.systemUTC(), io.hvx.files.AtomicFiles::write);
    }

    public Path file() {
        return store.file();
    }

    @Override
    public List<StoredEntry> read() {
        Optional<ServicesFile> f = store.read();
        if (f.isPresent() || !seed) {
            return f.map(JsonServiceStore::entries).orElse(List.of());
        }
        // seed under the lock: an add made meanwhile by another process must not be overwritten
        try (FileLocks.Held l = store.lock()) {
            return entries(readOrSeed());
        }
    }

    /** The content, writing the seed first when the file is missing; call under the lock. */
    private ServicesFile readOrSeed() {
        Optional<ServicesFile> f = store.read();
        if (f.isPresent()) {
            return f.get();
        }
        if (!seed) {
            return new ServicesFile(VERSION, List.of());
        }
        String seededAt = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        List<Entry> seeded = new ArrayList<>();
        for (SandboxSeed.Service s : SandboxSeed.SERVICES) {
            seeded.add(new Entry(s.id().toString(), s.name(), s.createdBy(), s.createdBy() == null ? null : seededAt));
        }
        ServicesFile file = new ServicesFile(VERSION, seeded);
        store.write(file);
        return file;
    }

    private static List<StoredEntry> entries(ServicesFile f) {
        List<StoredEntry> out = new ArrayList<>(f.services().size());
        for (Entry e : f.services()) {
            out.add(new StoredEntry(Guid.parse(e.id()), e.name(), e.createdBy(), e.createdAt()));
        }
        return out;
    }

    @Override
    public void put(StoredEntry entry) {
        applyAll(List.of(entry), List.of());
    }

    @Override
    public void delete(Guid id) {
        applyAll(List.of(), List.of(id));
    }

    /** One read-modify-write under the lock, linear in the number of entries and changes. */
    @Override
    public void applyAll(List<StoredEntry> puts, List<Guid> deletes) {
        requireWritable();
        try (FileLocks.Held l = store.lock()) {
            Map<Guid, StoredEntry> entries = new LinkedHashMap<>();
            for (StoredEntry e : entries(readOrSeed())) {
                entries.put(e.id(), e);
            }
            for (Guid id : deletes) {
                entries.remove(id);
            }
            for (StoredEntry p : puts) {
                // like a registry key: values not given are left as they are
                entries.merge(p.id(), p, (old, given) -> new StoredEntry(old.id(),
                        given.name() != null ? given.name() : old.name(),
                        given.createdBy() != null ? given.createdBy() : old.createdBy(),
                        given.createdAt() != null ? given.createdAt() : old.createdAt()));
            }
            List<Entry> out = new ArrayList<>(entries.size());
            for (StoredEntry e : entries.values()) {
                out.add(new Entry(e.id().toString(), e.name(), e.createdBy(), e.createdAt()));
            }
            store.write(new ServicesFile(VERSION, out));
        }
    }

    private void requireWritable() {
        if (readOnlyReason != null) {
            throw new OperationFailedException(readOnlyReason);
        }
    }

    @Override
    public Writability writability() {
        return readOnlyReason == null ? Writability.yes() : Writability.no(readOnlyReason, false);
    }

    @Override
    public String location() {
        return store.file().toString();
    }

    @Override
    public String journalKey() {
        return "file:" + store.file();
    }

    @Override
    public Optional<Path> lockFile() {
        return Optional.of(store.lockFile());
    }

    /** Watches the directory for the store file being replaced, modified or removed. */
    @Override
    public AutoCloseable watch(Runnable onChange) {
        return DirectoryWatcher.watch(store.file().getParent(), Set.of(store.file().getFileName().toString()), onChange);
    }

    /** Maps the file, refusing what it cannot keep. */
    private static final class Codec implements JsonStoreFile.Codec<ServicesFile> {
        @Override
        public ServicesFile decode(JsonElement root) throws StrictJson.Refused {
            if (root.isJsonArray()) {
                // an export file saved as the list (the guest's saved-services.json)
                JsonObject o = new JsonObject();
                o.add("version", new JsonPrimitive(VERSION));
                o.add("services", root);
                root = o;
            }
            JsonStoreFile.checkVersion(root, VERSION);
            ServicesFile f = StrictJson.map(root, ServicesFile.class, false);
            if (f.services() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", "$.services"));
            }
            Set<Guid> seen = new HashSet<>();
            for (int i = 0; i < f.services().size(); i++) {
                Entry e = f.services().get(i);
                Guid id = Guid.tryParse(e.id());
                if (id == null) {
                    throw new StrictJson.Refused(Problem.of("store.problem.notGuid", "$.services[" + i + "].id", String.valueOf(e.id())));
                }
                if (!seen.add(id)) {
                    throw new StrictJson.Refused(Problem.of("store.problem.duplicateId", "$.services[" + i + "]", id));
                }
            }
            return f;
        }

        @Override
        public byte[] encode(ServicesFile value) {
            return StrictJson.pretty(value);
        }
    }
}
