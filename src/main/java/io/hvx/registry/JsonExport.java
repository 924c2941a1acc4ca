package io.hvx.registry;

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
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The app's own export format: a JSON array of {@code {"id", "name", "createdBy", "createdAt"}}.
 * The reader also takes the sandbox store ({@code {"services": [...]}}).
 */
public final class JsonExport {

    private static final Gson GSON = new GsonBuilder().serializeNulls().setPrettyPrinting()
            .disableHtmlEscaping().create();
    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private JsonExport() {
    }

    public static byte[] write(List<ServiceRegistration> entries) {
        JsonArray arr = new JsonArray();
        for (ServiceRegistration r : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("id", r.id().toString());
            o.addProperty("name", r.name());
            o.addProperty("createdBy", r.createdBy());
            o.addProperty("createdAt", r.createdAt());
            arr.add(o);
        }
        return (GSON.toJson(arr) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads the entries of an exported JSON file.
     *
     * @throws InvalidInputException with line and column when it does not parse, or naming the
     *                               entry that is not a registration
     */
    public static List<ImportPlan.Entry> read(String source, byte[] bytes) {
        String text = RegFile.decode(bytes);
        JsonElement root;
        try {
            JsonReader r = new JsonReader(new StringReader(text));
            r.setStrictness(Strictness.STRICT);
            root = JsonParser.parseReader(r);
        } catch (JsonParseException | StackOverflowError e) {
            String msg = String.valueOf(e.getMessage());
            Matcher m = POSITION.matcher(msg);
            boolean found = m.find();
            throw new InvalidInputException(Problem.of("error.services.json.syntax", source,
                    found ? m.group(1) : "?", found ? m.group(2) : "?"), msg);
        }
        JsonArray arr;
        if (root.isJsonArray()) {
            arr = root.getAsJsonArray();
        } else if (root.isJsonObject() && root.getAsJsonObject().get("services") instanceof JsonArray a) {
            arr = a;
        } else {
            throw new InvalidInputException(Problem.of("error.services.json.shape", source));
        }
        List<ImportPlan.Entry> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonElement el = arr.get(i);
            if (!el.isJsonObject()) {
                throw new InvalidInputException(Problem.of("error.services.json.entry", source, i + 1));
            }
            JsonObject o = el.getAsJsonObject();
            Guid id = Guid.tryParse(string(o, "id"));
            if (id == null) {
                throw new InvalidInputException(Problem.of("error.services.json.id", source, i + 1,
                        String.valueOf(string(o, "id"))));
            }
            out.add(new ImportPlan.Entry(id, string(o, "name"), string(o, "createdBy"), string(o, "createdAt"),
                    false, 0));
        }
        return out;
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() || !e.isJsonPrimitive() ? null : e.getAsString();
    }
}
