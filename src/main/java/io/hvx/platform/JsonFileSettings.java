package io.hvx.platform;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.Settings;
import io.hvx.files.AtomicFiles;
import io.hvx.files.FileLocks;
import io.hvx.files.RefusedFileException;
import io.hvx.files.SafeFiles;
import io.hvx.files.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link Settings} kept in a JSON object file ({@code AppDirs.dataDir()/settings.json}) whose
 * values are strings, numbers or booleans:
 *
 * <pre>{@code
 * { "connect.timeoutMs": "5000", "language": "zh-CN", "theme": "system", "window.width": "1200" }
 * }</pre>
 *
 * <p>Reading takes only a regular file of at most {@value #MAX_BYTES} bytes, parsed strictly
 * ({@link StrictJson}: no duplicate keys, valid UTF-8). A file it does not fully understand (not
 * JSON, not an object, a value that is an object, array or null) is never rewritten with parts
 * dropped: it is moved aside whole as {@code settings.json.bad-<timestamp>}, the defaults apply,
 * and {@link #loadProblem()} says so for the user. Keys this version does not know are kept and
 * written back as they were.
 *
 * <p>Saving happens on a background thread so callers on the FX thread never wait for the disk.
 * Each save takes the file's lock ({@link FileLocks}), reads the file again, puts only the keys
 * this process changed over it and writes it atomically ({@link AtomicFiles}), so two running
 * copies of the app never undo each other's changes and a crash leaves the old or the new file.
 */
public final class JsonFileSettings implements Settings {

    /** The largest settings file read; ours are a few hundred bytes. */
    static final long MAX_BYTES = 256 * 1024;

    private static final System.Logger LOG = System.getLogger(JsonFileSettings.class.getName());
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Clock clock;
    private final Map<String, String> values = new TreeMap<>();
    /** The keys put since the last save, with their new value (null: removed). */
    private final Map<String, String> changed = new HashMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hvx-settings-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> lastWrite;
    private boolean saveScheduled;
    private final Problem loadProblem;

    /** Loads {@code file}; a missing file means defaults. */
    public JsonFileSettings(Path file) {
        this(file, Clock.systemUTC());
    }

    JsonFileSettings(Path file, Clock clock) {
        this.file = file.toAbsolutePath();
        this.clock = clock;
        Read r = read();
        values.putAll(r.values());
        loadProblem = r.keptAside();
    }

    /** The settings file in the per-user data directory. */
    public static JsonFileSettings inDataDir(Path dataDir) {
        return new JsonFileSettings(dataDir.resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    @Override
    public Optional<Problem> loadProblem() {
        return Optional.ofNullable(loadProblem);
    }

    /** What a read found: the values, and why the file was moved aside (null when it was not). */
    private record Read(Map<String, String> values, Problem keptAside) {
    }

    /** Reads the file; one it does not fully understand is moved aside and reads as empty. */
    private Read read() {
        Optional<byte[]> bytes;
        Problem why;
        try {
            bytes = SafeFiles.readIfExists(file, MAX_BYTES);
            if (bytes.isEmpty()) {
                return new Read(Map.of(), null);
            }
            return new Read(decode(StrictJson.parse(bytes.get())), null);
        } catch (RefusedFileException e) {
            why = e.problem();
        } catch (StrictJson.Refused e) {
            why = e.problem();
        } catch (IOException e) {
            // cannot even be read (permissions): nothing to move aside, and nothing is overwritten
            // unless the user changes a setting, which then replaces what could not be read
            LOG.log(System.Logger.Level.WARNING, "Cannot read settings " + file + "; using defaults", e);
            return new Read(Map.of(), Problem.of("settings.problem.unreadable", file, String.valueOf(e.getMessage())));
        }
        return new Read(Map.of(), keepAside(why));
    }

    private static Map<String, String> decode(JsonElement root) throws StrictJson.Refused {
        if (!root.isJsonObject()) {
            throw new StrictJson.Refused(Problem.of("json.problem.type", "$", Problem.of("json.type.object"), typeOf(root)));
        }
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
            if (!(e.getValue() instanceof JsonPrimitive p)) {
                throw new StrictJson.Refused(Problem.of("json.problem.type", "$." + e.getKey(),
                        Problem.of("settings.type.value"), typeOf(e.getValue())));
            }
            out.put(e.getKey(), p.getAsString());
        }
        return out;
    }

    private static Problem typeOf(JsonElement e) {
        if (e instanceof JsonPrimitive p) {
            return Problem.of(p.isBoolean() ? "json.type.boolean" : p.isNumber() ? "json.type.number" : "json.type.string");
        }
        return Problem.of(e.isJsonNull() ? "json.type.null" : e.isJsonArray() ? "json.type.array" : "json.type.object");
    }

    private Problem keepAside(Problem why) {
        Path bad = file.resolveSibling(file.getFileName() + ".bad-" + STAMP.format(clock.instant().atZone(ZoneOffset.UTC)));
        try {
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.WARNING, "Settings " + file + " not understood (" + why.message()
                    + "); kept aside as " + bad + "; using defaults");
            return Problem.of("settings.problem.keptAside", file, why, bad);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Settings " + file + " not understood (" + why.message()
                    + ") and could not be moved aside; using defaults", e);
            return Problem.of("settings.problem.notMoved", file, why);
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        boolean differs = value == null ? values.remove(key) != null : !value.equals(values.put(key, value));
        if (!differs) {
            return;
        }
        changed.put(key, value);
        // a burst of puts (window moved, section switched) becomes one write
        if (!saveScheduled) {
            saveScheduled = true;
            lastWrite = writer.submit(this::save);
        }
    }

    private void save() {
        Map<String, String> mine;
        synchronized (this) {
            saveScheduled = false;
            mine = new HashMap<>(changed);
            changed.clear();
        }
        try (FileLocks.Held l = FileLocks.lock(FileLocks.lockFileOf(file), file)) {
            // another copy of the app may have saved since: keep its keys, put ours over them
            Map<String, String> merged = new TreeMap<>(read().values());
            mine.forEach((k, v) -> {
                if (v == null) {
                    merged.remove(k);
                } else {
                    merged.put(k, v);
                }
            });
            JsonObject o = new JsonObject();
            merged.forEach(o::addProperty);
            String json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
            AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException | OperationFailedException e) {
            // Preferences are a convenience: losing one must not disturb the user's work.
            LOG.log(System.Logger.Level.WARNING, "Could not save settings to " + file, e);
        }
    }

    @Override
    public void flush() {
        Future<?> f = lastWrite;
        if (f == null) {
            return;
        }
        try {
            f.get(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Could not save settings to " + file, e);
        }
    }
}
