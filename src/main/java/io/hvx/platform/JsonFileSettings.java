package io.hvx.platform;

import io.hvx.files.AtomicFiles;
import io.hvx.files.SafeFiles;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.Settings;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * {@link Settings} kept in a JSON object file ({@code AppDirs.dataDir()/settings.json}).
 *
 * <p>Saving happens on a background thread so callers on the FX thread never wait for the disk;
 * each save writes a temporary file next to the target, forces it to disk and moves it over the
 * old file atomically, so a crash leaves either the old or the new settings. A file that cannot
 * be read is never overwritten: it is renamed to {@code settings.json.bad-<timestamp>} (so the
 * user can look at it) and the defaults are used. That includes a file that is not a regular file
 * (a FIFO would block the start forever) or larger than {@link #MAX_BYTES}.
 */
public final class JsonFileSettings implements Settings {

    private static final System.Logger LOG = System.getLogger(JsonFileSettings.class.getName());
    /** Far above what the app writes (a few hundred bytes); a larger file is not ours. */
    static final long MAX_BYTES = 1024 * 1024;
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    private final Map<String, String> values = new TreeMap<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "hvx-settings-writer");
        t.setDaemon(true);
        return t;
    });
    private volatile Future<?> lastWrite;
    private boolean saveScheduled;

    /** Loads {@code file}; a missing file means defaults. */
    public JsonFileSettings(Path file) {
        this(file, Clock.systemUTC());
    }

    JsonFileSettings(Path file, Clock clock) {
        this.file = file;
        load(clock);
    }

    /** The settings file in the per-user data directory. */
    public static JsonFileSettings inDataDir(Path dataDir) {
        return new JsonFileSettings(dataDir.resolve("settings.json"));
    }

    public Path file() {
        return file;
    }

    private void load(Clock clock) {
        String text;
        try {
            text = new String(SafeFiles.read(file, MAX_BYTES), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            // no settings saved yet: the defaults are the answer
            return;
        } catch (IOException e) {
            keepAside(clock, e);
            return;
        }
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new IllegalStateException("settings.json does not hold a JSON object");
            }
            for (Map.Entry<String, JsonElement> e : root.getAsJsonObject().entrySet()) {
                if (e.getValue().isJsonPrimitive()) {
                    values.put(e.getKey(), e.getValue().getAsString());
                }
            }
        } catch (RuntimeException e) {
            values.clear();
            keepAside(clock, e);
        }
    }

    private void keepAside(Clock clock, Exception why) {
        Path bad = file.resolveSibling(file.getFileName() + ".bad-"
                + STAMP.format(clock.instant().atZone(ZoneOffset.UTC)));
        try {
            Files.move(file, bad, StandardCopyOption.REPLACE_EXISTING);
            LOG.log(System.Logger.Level.WARNING, "Unreadable settings kept aside as " + bad + "; using defaults", why);
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "Unreadable settings " + file + " (could not rename it); using defaults", e);
        }
    }

    @Override
    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    @Override
    public synchronized void put(String key, String value) {
        boolean changed = value == null ? values.remove(key) != null : !value.equals(values.put(key, value));
        // a burst of puts (window moved, section switched) becomes one write
        if (changed && !saveScheduled) {
            saveScheduled = true;
            lastWrite = writer.submit(this::save);
        }
    }

    private void save() {
        String json;
        synchronized (this) {
            saveScheduled = false;
            JsonObject o = new JsonObject();
            values.forEach(o::addProperty);
            json = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
        }
        write(json);
    }

    @Override
    public void flush() {
        Future<?> f = lastWrite;
        if (f == null) {
            return;
        }
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.WARNING, "Could not save settings to " + file, e);
        }
    }

    private void write(String json) {
        try {
            AtomicFiles.write(file, json.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // Preferences are a convenience: losing one must not disturb the user's work.
            LOG.log(System.Logger.Level.WARNING, "Could not save settings to " + file, e);
        }
    }
}
