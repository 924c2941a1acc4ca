package io.hvx.files;

import com.google.gson.JsonElement;
import io.hvx.core.Guid;
import io.hvx.core.Problem;
import io.hvx.core.ServiceChoice;
import io.hvx.core.terminal.ConnectionBook;
import io.hvx.core.terminal.SavedConnection;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * {@link ConnectionBook} in {@code connections.json} in the data directory, through the stores'
 * toolkit ({@link JsonStoreFile}: strict reading, one lock, atomic writes; a file it does not
 * fully understand is refused and left as it is):
 *
 * <pre>{@code
 * { "format": "hvx-connections", "version": 1,
 *   "connections": [ { "vm": "demo-linux", "vmId": "3f6a9c21-…", "serviceName": "Demo echo",
 *                      "serviceId": "00000007-facb-…", "serviceText": null,
 *                      "favourite": true, "lastUsed": "2025-03-01T13:03:07.123Z" } ] }
 * }</pre>
 *
 * A picked entry keeps its ID; typed text keeps the text ({@code vmId} or {@code serviceId} null).
 */
public final class JsonConnectionBook implements ConnectionBook {

    static final String FORMAT = "hvx-connections";
    static final int VERSION = 1;
    static final long MAX_BYTES = 1024 * 1024;

    record Entry(String vm, String vmId, String serviceName, String serviceId, String serviceText, boolean favourite,
                 String lastUsed) {
    }

    record Document(String format, int version, List<Entry> connections) {
    }

    private final JsonStoreFile<List<SavedConnection>> file;
    private final Clock clock;

    public JsonConnectionBook(Path file, Clock clock) {
        this.file = new JsonStoreFile<>(file, MAX_BYTES, new Codec());
        this.clock = clock;
    }

    /** The book in {@code dataDir/connections.json}. */
    public static JsonConnectionBook inDataDir(Path dataDir, Clock clock) {
        return new JsonConnectionBook(dataDir.resolve("connections.json"), clock);
    }

    @Override
    public List<SavedConnection> list() {
        return sorted(file.read().orElse(List.of()));
    }

    @Override
    public List<SavedConnection> used(SavedConnection connection) {
        return change(all -> {
            boolean favourite = connection.favourite()
                    || all.stream().anyMatch(c -> c.sameTarget(connection) && c.favourite());
            all.removeIf(c -> c.sameTarget(connection));
            all.add(connection.withFavourite(favourite).usedAt(clock.instant()));
            return all;
        });
    }

    @Override
    public List<SavedConnection> favourite(SavedConnection connection, boolean favourite) {
        return change(all -> {
            SavedConnection existing = all.stream().filter(c -> c.sameTarget(connection)).findFirst().orElse(connection);
            all.removeIf(c -> c.sameTarget(connection));
            all.add(existing.withFavourite(favourite));
            return all;
        });
    }

    @Override
    public List<SavedConnection> remove(SavedConnection connection) {
        return change(all -> {
            all.removeIf(c -> c.sameTarget(connection));
            return all;
        });
    }

    /** Reads, changes and writes under the store's lock; keeps the favourites and the newest recents. */
    private List<SavedConnection> change(UnaryOperator<List<SavedConnection>> edit) {
        try (FileLocks.Held l = file.lock()) {
            List<SavedConnection> all = edit.apply(new ArrayList<>(file.read().orElse(List.of())));
            List<SavedConnection> kept = new ArrayList<>();
            int recent = 0;
            for (SavedConnection c : sorted(all)) {
                if (c.favourite() || recent++ < RECENT_LIMIT) {
                    kept.add(c);
                }
            }
            file.write(kept);
            return kept;
        }
    }

    private static List<SavedConnection> sorted(List<SavedConnection> all) {
        List<SavedConnection> out = new ArrayList<>(all);
        out.sort(Comparator.comparing(SavedConnection::favourite).reversed()
                .thenComparing(SavedConnection::lastUsed, Comparator.reverseOrder()));
        return out;
    }

    private static final class Codec implements JsonStoreFile.Codec<List<SavedConnection>> {
        @Override
        public List<SavedConnection> decode(JsonElement root) throws StrictJson.Refused {
            JsonStoreFile.checkVersion(root, VERSION);
            Document d = StrictJson.map(root, Document.class, false);
            if (!FORMAT.equals(d.format())) {
                throw new StrictJson.Refused(Problem.of("store.problem.value", "$.format", String.valueOf(d.format()), FORMAT));
            }
            if (d.connections() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", "$.connections"));
            }
            List<SavedConnection> out = new ArrayList<>();
            for (int i = 0; i < d.connections().size(); i++) {
                out.add(connection(d.connections().get(i), "$.connections[" + i + "]"));
            }
            return out;
        }

        private static SavedConnection connection(Entry e, String at) throws StrictJson.Refused {
            if (e == null || e.vm() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", at + ".vm"));
            }
            Guid vmId = guid(e.vmId(), at + ".vmId");
            Guid serviceId = guid(e.serviceId(), at + ".serviceId");
            if (serviceId == null && e.serviceText() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", at + ".serviceText"));
            }
            Instant used;
            try {
                used = Instant.parse(String.valueOf(e.lastUsed()));
            } catch (DateTimeParseException x) {
                throw new StrictJson.Refused(Problem.of("store.problem.value", at + ".lastUsed", String.valueOf(e.lastUsed()),
                        "2025-03-01T12:00:00Z"));
            }
            ServiceChoice service = serviceId != null ? new ServiceChoice(e.serviceName(), serviceId, null)
                    : ServiceChoice.typed(e.serviceText());
            return new SavedConnection(SavedConnection.vmChoice(e.vm(), vmId), service, e.favourite(), used);
        }

        private static Guid guid(String text, String at) throws StrictJson.Refused {
            if (text == null) {
                return null;
            }
            Guid g = Guid.tryParse(text);
            if (g == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.notGuid", at, text));
            }
            return g;
        }

        @Override
        public byte[] encode(List<SavedConnection> value) {
            List<Entry> entries = new ArrayList<>();
            for (SavedConnection c : value) {
                ServiceChoice s = c.service();
                entries.add(new Entry(c.vm().label(), c.vm().id() == null ? null : c.vm().id().toString(), s.name(),
                        s.id() == null ? null : s.id().toString(), s.isTyped() ? s.typed() : null, c.favourite(),
                        c.lastUsed().toString()));
            }
            return StrictJson.pretty(new Document(FORMAT, VERSION, entries));
        }
    }
}
