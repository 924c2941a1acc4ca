package io.hvx.registry;

import io.hvx.files.AtomicFiles;
import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceRegistry.Writability;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.channels.FileLock;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Registrations kept in a JSON file: the sandbox's {@code <sandboxDir>/services.json} (seeded
 * from {@link SandboxSeed#SERVICES} on first use), or, in a Linux guest, a read-only list of the
 * services the user saved.
 *
 * <p>Format: {@code {"version": 1, "services": [{"id", "name", "createdBy", "createdAt"}, …]}}.
 * Writes are atomic. A file that does not parse is never overwritten: the user is told the file,
 * line and column, and where a copy was put aside.
 */
public final class JsonServiceStore implements RegistryStore {

    /** File name of the sandbox store. */
    public static final String SANDBOX_FILE = "services.json";

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting()
            .disableHtmlEscaping().create();
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    /** Longest wait for another writer of the same store. */
    static final Duration LOCK_TIMEOUT = Duration.ofSeconds(10);

    private final Path file;
    private final boolean seed;
    private final Problem readOnlyReason;

    private JsonServiceStore(Path file, boolean seed, Problem readOnlyReason) {
        this.file = file.toAbsolutePath();
        this.seed = seed;
        this.readOnlyReason = readOnlyReason;
    }

    /** The sandbox store {@code <sandboxDir>/services.json}, seeded on first use. */
    public static JsonServiceStore sandbox(Path sandboxDir) {
        return new JsonServiceStore(sandboxDir.resolve(SANDBOX_FILE), true, null);
    }

    /** A read-only list in {@code file} (missing file = no entries). */
    public static JsonServiceStore readOnly(Path file, Problem reason) {
        return new JsonServiceStore(file, false, reason);
    }

    /** A writable store in {@code file} without seed (tests, saved lists). */
    public static JsonServiceStore plain(Path file) {
        return new JsonServiceStore(file, false, null);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized List<StoredEntry> read() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            if (!seed) {
                return List.of();
            }
            List<StoredEntry> seeded = new ArrayList<>();
            String seededAt = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
            for (SandboxSeed.Service s : SandboxSeed.SERVICES) {
                seeded.add(new StoredEntry(s.id(), s.name(), s.createdBy(),
                        s.createdBy() == null ? null : seededAt));
            }
            write(seeded);
            return seeded;
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.store.io", file), e.toString(), e);
        }
        return parse(bytes);
    }

    private List<StoredEntry> parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonElement root;
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r);
        } catch (JsonParseException | StackOverflowError e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage();
            Matcher m = POSITION.matcher(msg);
            boolean found = m.find();
            String line = found ? m.group(1) : "?";
            String col = found ? m.group(2) : "?";
            throw corrupt(bytes, Problem.of("error.services.store.syntax", file, line, col), msg);
        }
        List<StoredEntry> out = new ArrayList<>();
        JsonArray arr;
        if (root.isJsonObject() && root.getAsJsonObject().get("services") instanceof JsonArray a) {
            arr = a;
        } else if (root.isJsonArray()) {
            arr = root.getAsJsonArray();
        } else {
            throw corrupt(bytes, Problem.of("error.services.store.shape", file), null);
        }
        Map<Guid, Integer> seen = new LinkedHashMap<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonElement el = arr.get(i);
            String path = "$.services[" + i + "]";
            if (!el.isJsonObject()) {
                throw corrupt(bytes, Problem.of("error.services.store.entry", file, path, "not an object"), null);
            }
            JsonObject o = el.getAsJsonObject();
            Guid id = Guid.tryParse(string(o, "id"));
            if (id == null) {
                throw corrupt(bytes, Problem.of("error.services.store.entry", file, path, "id is not a GUID"), null);
            }
            if (seen.putIfAbsent(id, i) != null) {
                throw corrupt(bytes, Problem.of("error.services.store.entry", file, path, "duplicate id " + id), null);
            }
            out.add(new StoredEntry(id, string(o, "name"), string(o, "createdBy"), string(o, "createdAt")));
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }

    /** Puts a copy of the unreadable file aside (once per content) and builds the error. */
    private OperationFailedException corrupt(byte[] bytes, Problem what, String detail) {
        Path backup = file.resolveSibling(file.getFileName() + "." + shortHash(bytes) + ".broken");
        try {
            if (!Files.exists(backup)) {
                AtomicFiles.write(backup, bytes);
            }
        } catch (IOException e) {
            return new OperationFailedException(what, (detail == null ? "" : detail + "\n")
                    + "backup failed: " + e, e);
        }
        return new OperationFailedException(Problem.of("error.services.store.corrupt", what.message(), backup),
                detail);
    }

    private static String shortHash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void write(List<StoredEntry> entries) {
        JsonArray arr = new JsonArray();
        for (StoredEntry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", e.id().toString());
            o.addProperty("name", e.name());
            o.addProperty("createdBy", e.createdBy());
            o.addProperty("createdAt", e.createdAt());
            arr.add(o);
        }
        JsonObject root = new JsonObject();
        root.addProperty("version", 1);
        root.add("services", arr);
        try {
            AtomicFiles.write(file, (GSON.toJson(root) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.store.io", file), e.toString(), e);
        }
    }

    @Override
    public void put(StoredEntry entry) {
        applyAll(List.of(entry), List.of());
    }

    @Override
    public void delete(Guid id) {
        applyAll(List.of(), List.of(id));
    }

    @Override
    public synchronized void applyAll(List<StoredEntry> puts, List<Guid> deletes) {
        requireWritable();
        // the GUI and a CLI may write at the same time: read-modify-write under a file lock
        try (FileLock lock = FileLocks.lock(file.resolveSibling("." + file.getFileName() + ".lock"), LOCK_TIMEOUT,
                () -> new OperationFailedException(Problem.of("error.services.store.locked", file, LOCK_TIMEOUT.toSeconds())))) {
            applyLocked(puts, deletes);
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.services.store.io", file), e.toString(), e);
        }
    }

    private void applyLocked(List<StoredEntry> puts, List<Guid> deletes) {
        List<StoredEntry> entries = new ArrayList<>(read());
        entries.removeIf(e -> deletes.contains(e.id()));
        for (StoredEntry p : puts) {
            boolean found = false;
            for (int i = 0; i < entries.size(); i++) {
                StoredEntry e = entries.get(i);
                if (e.id().equals(p.id())) {
                    entries.set(i, new StoredEntry(e.id(), p.name() != null ? p.name() : e.name(),
                            p.createdBy() != null ? p.createdBy() : e.createdBy(),
                            p.createdAt() != null ? p.createdAt() : e.createdAt()));
                    found = true;
                    break;
                }
            }
            if (!found) {
                entries.add(p);
            }
        }
        write(entries);
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
        return file.toString();
    }

    @Override
    public String journalKey() {
        return "file:" + file;
    }

    /** Watches the directory for the store file being replaced or modified. */
    @Override
    public AutoCloseable watch(Runnable onChange) {
        Path dir = file.getParent();
        WatchService ws;
        try {
            Files.createDirectories(dir);
            ws = FileSystems.getDefault().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            return RegistryStore.super.watch(onChange);
        }
        Thread t = Thread.ofVirtual().name("hvx-services-watch").start(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    WatchKey key = ws.poll(500, TimeUnit.MILLISECONDS);
                    if (key == null) {
                        continue;
                    }
                    boolean ours = false;
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.kind() == StandardWatchEventKinds.OVERFLOW
                                || file.getFileName().equals(ev.context())) {
                            ours = true;
                        }
                    }
                    key.reset();
                    if (ours) {
                        onChange.run();
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed
            }
        });
        return () -> {
            t.interrupt();
            ws.close();
        };
    }
}
