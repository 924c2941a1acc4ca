package io.hvx.registry;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import io.hvx.files.StrictJson;
import java.util.ArrayList;
import java.util.List;

/**
 * The app's own export format: a JSON array of {@code {"id", "name", "createdBy", "createdAt"}}.
 * The reader also takes the sandbox store ({@code {"services": [...]}}).
 */
public final class JsonExport {

    private JsonExport() {
    }

    /** The file as records: a list of these; field names are the format. */
    public static byte[] write(List<ServiceRegistration> entries) {
        return StrictJson.pretty(entries.stream()
                .map(r -> new Entry(r.id().toString(), r.name(), r.createdBy(), r.createdAt())).toList());
    }

    /** One registration; on import, other fields (such as {@code kind} in a list output) are ignored. */
    record Entry(String id, String name, String createdBy, String createdAt) {
    }

    /** The sandbox store's shape, also accepted for import. */
    record ImportFile(List<Entry> services) {
    }

    /**
     * Reads the entries of an exported JSON file (or a sandbox store). Read strictly: syntax
     * errors, data after the document, duplicate keys and values of the wrong type (a number as a
     * name) are refused with their place, so nothing is imported from a file read differently
     * from what it says.
     *
     * @throws InvalidInputException naming the file and what is wrong where
     */
    public static List<ImportPlan.Entry> read(String source, byte[] bytes) {
        List<Entry> entries;
        try {
            JsonElement root = StrictJson.parse(bytes);
            if (root.isJsonArray()) {
                JsonObject o = new JsonObject();
                o.add("services", root);
                entries = StrictJson.map(o, ImportFile.class, true).services();
            } else if (root.isJsonObject() && root.getAsJsonObject().get("services") instanceof JsonArray) {
                entries = StrictJson.map(root, ImportFile.class, true).services();
            } else {
                throw new InvalidInputException(Problem.of("error.services.json.shape", source));
            }
        } catch (StrictJson.Refused e) {
            throw new InvalidInputException(Problem.of("error.services.json.invalid", source, e.problem()));
        }
        List<ImportPlan.Entry> out = new ArrayList<>(entries.size());
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            Guid id = Guid.tryParse(e.id());
            if (id == null) {
                throw new InvalidInputException(Problem.of("error.services.json.id", source, i + 1, String.valueOf(e.id())));
            }
            out.add(new ImportPlan.Entry(id, e.name(), e.createdBy(), e.createdAt(), false, 0));
        }
        return out;
    }
}
