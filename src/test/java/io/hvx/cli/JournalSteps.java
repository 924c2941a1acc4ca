package io.hvx.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Reads the undo journal's steps straight from the files (docs/services.md, "Undo"), oldest
 * first, so tests check what was recorded without going through the code under test.
 */
final class JournalSteps {

    /** One recorded step: the ids it touched and their names right after it (null = absent). */
    record Step(String store, String action, List<String> ids, List<String> afterNames) {
    }

    private JournalSteps() {
    }

    /** The steps recorded for the sandbox store of {@code sandboxDir}. */
    static List<Step> of(Path dataDir, Path sandboxDir) {
        String key = "file:" + sandboxDir.resolve("services.json").toAbsolutePath();
        return all(dataDir).stream().filter(s -> s.store().equals(key)).toList();
    }

    static List<Step> all(Path dataDir) {
        List<Step> out = new ArrayList<>();
        Path dir = dataDir.resolve("services-undo");
        try {
            if (Files.isDirectory(dir)) {
                List<Path> files;
                try (Stream<Path> s = Files.list(dir)) {
                    files = s.filter(p -> p.getFileName().toString().matches("\\d+-[0-9a-f]+\\.json")).sorted().toList();
                }
                for (Path f : files) {
                    out.add(step(JsonParser.parseString(Files.readString(f, StandardCharsets.UTF_8)).getAsJsonObject()));
                }
            }
            Path legacy = dataDir.resolve("services-undo.json");
            if (Files.exists(legacy)) {
                JsonArray changes = JsonParser.parseString(Files.readString(legacy)).getAsJsonObject().getAsJsonArray("changes");
                for (JsonElement c : changes) {
                    out.add(step(c.getAsJsonObject()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    private static Step step(JsonObject o) {
        List<String> ids = new ArrayList<>();
        for (JsonElement b : o.getAsJsonArray("before")) {
            ids.add(b.getAsJsonObject().get("id").getAsString());
        }
        List<String> names = new ArrayList<>();
        if (o.get("after") instanceof JsonArray after) {
            for (JsonElement a : after) {
                JsonObject x = a.getAsJsonObject();
                names.add(x.get("present").getAsBoolean() && !x.get("name").isJsonNull() ? x.get("name").getAsString() : null);
            }
        }
        return new Step(o.get("store").getAsString(), o.get("action").getAsString(), ids, names);
    }
}
