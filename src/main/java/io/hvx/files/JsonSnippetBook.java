package io.hvx.files;

import io.hvx.core.Guid;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import io.hvx.core.terminal.SnippetBook;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SnippetBook} in {@code snippets.json} in the data directory, the snippets listed under
 * their service's GUID:
 *
 * <pre>{@code
 * { "format": "hvx-snippets", "version": 1,
 *   "services": { "00000007-facb-11e6-bd58-64006a7986d3": [
 *       { "name": "ping", "text": "ping {{counter}}", "format": "text", "ending": "lf", "hotkey": 1 } ] } }
 * }</pre>
 */
public final class JsonSnippetBook implements SnippetBook {

    static final String FORMAT = "hvx-snippets";

    record Entry(String name, String text, String format, String ending, int hotkey) {
    }

    record Document(String format, int version, Map<String, List<Entry>> services) {
    }

    private final SmallJsonFile<Document> file;

    public JsonSnippetBook(Path file) {
        this.file = new SmallJsonFile<>(file, Document.class,
                d -> FORMAT.equals(d.format()) && d.version() == 1 && d.services() != null);
    }

    /** The book in {@code dataDir/snippets.json}. */
    public static JsonSnippetBook inDataDir(Path dataDir) {
        return new JsonSnippetBook(dataDir.resolve("snippets.json"));
    }

    @Override
    public List<Snippet> list(Guid service) {
        synchronized (file.lock()) {
            List<Entry> entries = file.read().map(d -> d.services().get(service.toString())).orElse(null);
            List<Snippet> out = new ArrayList<>();
            if (entries != null) {
                for (Entry e : entries) {
                    if (e != null && e.name() != null && e.text() != null && e.hotkey() >= 0 && e.hotkey() <= 9) {
                        out.add(new Snippet(e.name(), e.text(), SendFormat.byId(e.format()).orElse(SendFormat.TEXT),
                                LineEnding.byId(e.ending()).orElse(LineEnding.NONE), e.hotkey()));
                    }
                }
            }
            return out;
        }
    }

    @Override
    public void save(Guid service, List<Snippet> snippets) {
        synchronized (file.lock()) {
            Map<String, List<Entry>> services = new LinkedHashMap<>(file.read().map(Document::services).orElse(Map.of()));
            if (snippets.isEmpty()) {
                services.remove(service.toString());
            } else {
                services.put(service.toString(), snippets.stream()
                        .map(s -> new Entry(s.name(), s.text(), s.format().id(), s.ending().id(), s.hotkey())).toList());
            }
            file.write(new Document(FORMAT, 1, services));
        }
    }
}
