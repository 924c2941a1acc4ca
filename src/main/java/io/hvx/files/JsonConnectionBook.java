package io.hvx.files;

import io.hvx.core.Guid;
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

/**
 * {@link ConnectionBook} in {@code connections.json} in the data directory:
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

    record Entry(String vm, String vmId, String serviceName, String serviceId, String serviceText, boolean favourite,
                 String lastUsed) {
    }

    record Document(String format, int version, List<Entry> connections) {
    }

    private final SmallJsonFile<Document> file;
    private final Clock clock;

    public JsonConnectionBook(Path file, Clock clock) {
        this.file = new SmallJsonFile<>(file, Document.class,
                d -> FORMAT.equals(d.format()) && d.version() == 1 && d.connections() != null);
        this.clock = clock;
    }

    /** The book in {@code dataDir/connections.json}. */
    public static JsonConnectionBook inDataDir(Path dataDir, Clock clock) {
        return new JsonConnectionBook(dataDir.resolve("connections.json"), clock);
    }

    @Override
    public List<SavedConnection> list() {
        synchronized (file.lock()) {
            return sorted(load());
        }
    }

    @Override
    public List<SavedConnection> used(SavedConnection connection) {
        synchronized (file.lock()) {
            List<SavedConnection> all = load();
            boolean favourite = connection.favourite()
                    || all.stream().anyMatch(c -> c.sameTarget(connection) && c.favourite());
            all.removeIf(c -> c.sameTarget(connection));
            all.add(connection.withFavourite(favourite).usedAt(clock.instant()));
            return store(all);
        }
    }

    @Override
    public List<SavedConnection> favourite(SavedConnection connection, boolean favourite) {
        synchronized (file.lock()) {
            List<SavedConnection> all = load();
            SavedConnection existing = all.stream().filter(c -> c.sameTarget(connection)).findFirst().orElse(connection);
            all.removeIf(c -> c.sameTarget(connection));
            all.add(existing.withFavourite(favourite));
            return store(all);
        }
    }

    @Override
    public List<SavedConnection> remove(SavedConnection connection) {
        synchronized (file.lock()) {
            List<SavedConnection> all = load();
            all.removeIf(c -> c.sameTarget(connection));
            return store(all);
        }
    }

    private List<SavedConnection> store(List<SavedConnection> all) {
        List<SavedConnection> kept = new ArrayList<>();
        int recent = 0;
        for (SavedConnection c : sorted(all)) {
            if (c.favourite() || recent++ < RECENT_LIMIT) {
                kept.add(c);
            }
        }
        file.write(new Document(FORMAT, 1, kept.stream().map(JsonConnectionBook::entry).toList()));
        return sorted(kept);
    }

    private static List<SavedConnection> sorted(List<SavedConnection> all) {
        List<SavedConnection> out = new ArrayList<>(all);
        out.sort(Comparator.comparing(SavedConnection::favourite).reversed()
                .thenComparing(SavedConnection::lastUsed, Comparator.reverseOrder()));
        return out;
    }

    private List<SavedConnection> load() {
        List<SavedConnection> out = new ArrayList<>();
        file.read().ifPresent(d -> {
            for (Entry e : d.connections()) {
                SavedConnection c = connection(e);
                if (c != null) {
                    out.add(c);
                }
            }
        });
        return out;
    }

    /** An entry read back, or null when it is incomplete (it is then dropped on the next save). */
    private static SavedConnection connection(Entry e) {
        try {
            if (e == null || e.vm() == null || e.lastUsed() == null) {
                return null;
            }
            Guid vmId = e.vmId() == null ? null : Guid.parse(e.vmId());
            ServiceChoice service = e.serviceId() != null ? new ServiceChoice(e.serviceName(), Guid.parse(e.serviceId()), null)
                    : ServiceChoice.typed(e.serviceText());
            return new SavedConnection(SavedConnection.vmChoice(e.vm(), vmId), service, e.favourite(),
                    Instant.parse(e.lastUsed()));
        } catch (IllegalArgumentException | DateTimeParseException ex) {
            return null;
        }
    }

    private static Entry entry(SavedConnection c) {
        ServiceChoice s = c.service();
        return new Entry(c.vm().label(), c.vm().id() == null ? null : c.vm().id().toString(), s.name(),
                s.id() == null ? null : s.id().toString(), s.isTyped() ? s.typed() : null, c.favourite(),
                c.lastUsed().toString());
    }
}
