package io.hvx.files;

import com.google.gson.JsonElement;
import io.hvx.core.Guid;
import io.hvx.core.Problem;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link SnippetBook} in {@code snippets.json} in the data directory, the snippets listed under
 * their service's GUID, through the stores' toolkit ({@link JsonStoreFile}):
 *
 * <pre>{@code
 * { "format": "hvx-snippets", "version": 1,
 *   "services": [ { "service": "00000007-facb-11e6-bd58-64006a7986d3", "snippets": [
 *       { "name": "ping", "text": "ping {{counter}}", "format": "text", "ending": "lf", "hotkey": 1 } ] } ] }
 * }</pre>
 */
public final class JsonSnippetBook implements io.hvx.core.terminal.SnippetBook {

    static final String FORMAT = "hvx-snippets";
    static final int VERSION = 1;
    static final long MAX_BYTES = 4L * 1024 * 1024;

    record Entry(String name, String text, String format, String ending, int hotkey) {
    }

    record Service(String service, List<Entry> snippets) {
    }

    record Document(String format, int version, List<Service> services) {
    }

    private final JsonStoreFile<Map<Guid, List<Snippet>>> file;

    public JsonSnippetBook(Path file) {
        this.file = new JsonStoreFile<>(file, MAX_BYTES, new Codec());
    }

    /** The book in {@code dataDir/snippets.json}. */
    public static JsonSnippetBook inDataDir(Path dataDir) {
        return new JsonSnippetBook(dataDir.resolve("snippets.json"));
    }

    @Override
    public List<Snippet> list(Guid service) {
        return file.read().map(m -> m.getOrDefault(service, List.of())).orElse(List.of());
    }

    @Override
    public void save(Guid service, List<Snippet> snippets) {
        try (FileLocks.Held l = file.lock()) {
            Map<Guid, List<Snippet>> all = new LinkedHashMap<>(file.read().orElse(Map.of()));
            if (snippets.isEmpty()) {
                all.remove(service);
            } else {
                all.put(service, List.copyOf(snippets));
            }
            file.write(all);
        }
    }

    private static final class Codec implements JsonStoreFile.Codec<Map<Guid, List<Snippet>>> {
        @Override
        public Map<Guid, List<Snippet>> decode(JsonElement root) throws StrictJson.Refused {
            JsonStoreFile.checkVersion(root, VERSION);
            Document d = StrictJson.map(root, Document.class, false);
            if (!FORMAT.equals(d.format())) {
                throw new StrictJson.Refused(Problem.of("store.problem.value", "$.format", String.valueOf(d.format()), FORMAT));
            }
            if (d.services() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", "$.services"));
            }
            Map<Guid, List<Snippet>> out = new LinkedHashMap<>();
            for (int k = 0; k < d.services().size(); k++) {
                Service s = d.services().get(k);
                String at = "$.services[" + k + "]";
                Guid id = s == null ? null : Guid.tryParse(s.service());
                if (id == null) {
                    throw new StrictJson.Refused(Problem.of("store.problem.notGuid", at + ".service",
                            s == null ? "null" : String.valueOf(s.service())));
                }
                if (out.containsKey(id)) {
                    throw new StrictJson.Refused(Problem.of("store.problem.duplicateId", at, id));
                }
                List<Snippet> list = new ArrayList<>();
                List<Entry> entries = s.snippets() == null ? List.of() : s.snippets();
                for (int i = 0; i < entries.size(); i++) {
                    list.add(snippet(entries.get(i), at + ".snippets[" + i + "]"));
                }
                out.put(id, list);
            }
            return out;
        }

        private static Snippet snippet(Entry e, String at) throws StrictJson.Refused {
            if (e == null || e.name() == null || e.text() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", at + (e == null || e.name() == null ? ".name" : ".text")));
            }
            SendFormat format = SendFormat.byId(e.format()).orElseThrow(() -> new StrictJson.Refused(
                    Problem.of("store.problem.value", at + ".format", String.valueOf(e.format()), "text, hex, escapes")));
            LineEnding ending = LineEnding.byId(e.ending()).orElseThrow(() -> new StrictJson.Refused(
                    Problem.of("store.problem.value", at + ".ending", String.valueOf(e.ending()), "none, lf, cr, crlf")));
            if (e.hotkey() < 0 || e.hotkey() > 9) {
                throw new StrictJson.Refused(Problem.of("store.problem.value", at + ".hotkey", e.hotkey(), "0 … 9"));
            }
            return new Snippet(e.name(), e.text(), format, ending, e.hotkey());
        }

        @Override
        public byte[] encode(Map<Guid, List<Snippet>> value) {
            List<Service> services = new ArrayList<>();
            value.forEach((id, list) -> services.add(new Service(id.toString(), list.stream()
                    .map(s -> new Entry(s.name(), s.text(), s.format().id(), s.ending().id(), s.hotkey())).toList())));
            return StrictJson.pretty(new Document(FORMAT, VERSION, services));
        }
    }
}
