package io.hvx.files;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.lang.reflect.Constructor;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON files as records, read strictly: a file is accepted only when every byte of it is
 * understood, so a store rewritten from its records never loses anything. Refused are invalid
 * UTF-8, syntax errors (in strict JSON, which also refuses unpaired surrogates: they could not be
 * written back as UTF-8), data after the document, a key that appears twice in an object, nesting
 * deeper than {@value #MAX_DEPTH}, values of the wrong type
 * (a number where a name belongs is not quietly turned into text) and, unless allowed, fields the
 * record does not have. Each refusal names the place ({@code $.vms[1].name}) or line and column.
 */
public final class StrictJson {

    /** Deepest nesting accepted; our files need four levels. */
    public static final int MAX_DEPTH = 64;

    private static final Pattern POSITION = Pattern.compile("line (\\d+) column (\\d+)");
    private static final Gson PRETTY = new GsonBuilder().serializeNulls().setPrettyPrinting().disableHtmlEscaping().create();
    private static final Gson COMPACT = new GsonBuilder().serializeNulls().disableHtmlEscaping().create();

    private StrictJson() {
    }

    /** Why a JSON text was refused. */
    public static final class Refused extends Exception {
        private final transient Problem problem;

        public Refused(Problem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        /** What is wrong and where (message keys {@code json.problem.*}). */
        public Problem problem() {
            return problem;
        }
    }

    /** Parses and maps in one step, refusing unknown fields. */
    public static <T> T read(byte[] utf8, Class<T> type) throws Refused {
        return map(parse(utf8), type, false);
    }

    /**
     * The JSON tree of {@code utf8} (UTF-8, or UTF-16 with a byte-order mark), checked as
     * described above.
     */
    public static JsonElement parse(byte[] utf8) throws Refused {
        Charset cs = StandardCharsets.UTF_8;
        int start = 0;
        if (utf8.length >= 3 && (utf8[0] & 0xff) == 0xEF && (utf8[1] & 0xff) == 0xBB && (utf8[2] & 0xff) == 0xBF) {
            start = 3;
        } else if (utf8.length >= 2 && (utf8[0] & 0xff) == 0xFF && (utf8[1] & 0xff) == 0xFE) {
            cs = StandardCharsets.UTF_16LE;
            start = 2;
        } else if (utf8.length >= 2 && (utf8[0] & 0xff) == 0xFE && (utf8[1] & 0xff) == 0xFF) {
            cs = StandardCharsets.UTF_16BE;
            start = 2;
        }
        // decoded while parsing (no copy of the whole text); a bad byte ends the read
        Reader in = new InputStreamReader(new ByteArrayInputStream(utf8, start, utf8.length - start),
                cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        JsonReader r = new JsonReader(in);
        r.setStrictness(Strictness.STRICT);
        JsonElement root;
        try {
            root = value(r, 0);
        } catch (CharacterCodingException e) {
            throw new Refused(Problem.of("json.problem.encoding", cs.name()));
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new Refused(Problem.of("json.problem.syntax", line(e), column(e)));
        }
        try {
            if (r.peek() != JsonToken.END_DOCUMENT) {
                throw new Refused(Problem.of("json.problem.trailing", "?", "?"));
            }
        } catch (CharacterCodingException e) {
            throw new Refused(Problem.of("json.problem.encoding", cs.name()));
        } catch (IOException e) {
            throw new Refused(Problem.of("json.problem.trailing", line(e), column(e)));
        }
        return root;
    }

    private static JsonElement value(JsonReader r, int depth) throws IOException, Refused {
        if (depth > MAX_DEPTH) {
            throw new Refused(Problem.of("json.problem.depth", MAX_DEPTH, r.getPath()));
        }
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                JsonObject o = new JsonObject();
                r.beginObject();
                while (r.hasNext()) {
                    String name = r.nextName();
                    if (o.has(name)) {
                        throw new Refused(Problem.of("json.problem.duplicateKey", name, r.getPath()));
                    }
                    o.add(name, value(r, depth + 1));
                }
                r.endObject();
                return o;
            }
            case BEGIN_ARRAY -> {
                JsonArray a = new JsonArray();
                r.beginArray();
                while (r.hasNext()) {
                    a.add(value(r, depth + 1));
                }
                r.endArray();
                return a;
            }
            case STRING -> {
                return new JsonPrimitive(r.nextString());
            }
            case NUMBER -> {
                return new JsonPrimitive(new BigDecimal(r.nextString()));
            }
            case BOOLEAN -> {
                return new JsonPrimitive(r.nextBoolean());
            }
            case NULL -> {
                r.nextNull();
                return JsonNull.INSTANCE;
            }
            default -> throw new IOException("unexpected " + r.peek() + " " + r);
        }
    }

    private static String line(Exception e) {
        Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(1) : "?";
    }

    private static String column(Exception e) {
        Matcher m = POSITION.matcher(String.valueOf(e.getMessage()));
        return m.find() ? m.group(2) : "?";
    }

    /**
     * Maps {@code e} onto {@code type} (a record, list, string, number or boolean type), checking
     * every value's JSON type. A missing field is null (0 or false for primitives).
     *
     * @param allowUnknown whether fields the record does not have are ignored (input files) or
     *                     refused (files hvx rewrites)
     */
    public static <T> T map(JsonElement e, Class<T> type, boolean allowUnknown) throws Refused {
        return type.cast(convert(e, type, Where.ROOT, allowUnknown));
    }

    /** Where a value is ({@code $.vms[1].name}), built as text only for a message. */
    private record Where(Where parent, String name, int index) {
        static final Where ROOT = new Where(null, null, -1);

        Where field(String n) {
            return new Where(this, n, -1);
        }

        Where element(int i) {
            return new Where(this, null, i);
        }

        @Override
        public String toString() {
            if (parent == null) {
                return "$";
            }
            return parent + (name != null ? "." + name : "[" + index + "]");
        }
    }

    private static Object convert(JsonElement e, Type type, Where path, boolean allowUnknown) throws Refused {
        Class<?> raw = type instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) type;
        if (e == null || e.isJsonNull()) {
            if (raw.isPrimitive()) {
                if (e == null) {
                    return raw == boolean.class ? Boolean.FALSE : raw == int.class ? (Object) 0 : (Object) 0L;
                }
                throw typeError(path, raw, e);
            }
            return null;
        }
        if (raw == String.class) {
            if (e instanceof JsonPrimitive p && p.isString()) {
                return p.getAsString();
            }
            throw typeError(path, raw, e);
        }
        if (raw == int.class || raw == Integer.class || raw == long.class || raw == Long.class) {
            if (!(e instanceof JsonPrimitive p) || !p.isNumber()) {
                throw typeError(path, raw, e);
            }
            BigDecimal d = (BigDecimal) p.getAsNumber();
            boolean intType = raw == int.class || raw == Integer.class;
            BigDecimal min = BigDecimal.valueOf(intType ? Integer.MIN_VALUE : Long.MIN_VALUE);
            BigDecimal max = BigDecimal.valueOf(intType ? Integer.MAX_VALUE : Long.MAX_VALUE);
            if (d.compareTo(min) < 0 || d.compareTo(max) > 0 || d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
                throw typeError(path, raw, e);
            }
            long v = d.longValueExact();
            return intType ? (Object) (int) v : (Object) v;
        }
        if (raw == boolean.class || raw == Boolean.class) {
            if (e instanceof JsonPrimitive p && p.isBoolean()) {
                return p.getAsBoolean();
            }
            throw typeError(path, raw, e);
        }
        if (raw == List.class) {
            if (!(e instanceof JsonArray a)) {
                throw typeError(path, raw, e);
            }
            Type element = ((ParameterizedType) type).getActualTypeArguments()[0];
            List<Object> out = new ArrayList<>(a.size());
            for (int i = 0; i < a.size(); i++) {
                Where p = path.element(i);
                if (a.get(i).isJsonNull()) {
                    throw typeError(p, element instanceof Class<?> c ? c : List.class, a.get(i));
                }
                out.add(convert(a.get(i), element, p, allowUnknown));
            }
            return List.copyOf(out);
        }
        if (raw.isRecord()) {
            if (!(e instanceof JsonObject o)) {
                throw typeError(path, raw, e);
            }
            RecordShape shape = SHAPES.get(raw);
            Object[] args = new Object[shape.names.length];
            for (int i = 0; i < args.length; i++) {
                args[i] = convert(o.get(shape.names[i]), shape.types[i], path.field(shape.names[i]), allowUnknown);
            }
            if (!allowUnknown) {
                for (String k : o.keySet()) {
                    if (!shape.known.contains(k)) {
                        throw new Refused(Problem.of("json.problem.unknown", path.field(k).toString()));
                    }
                }
            }
            try {
                return shape.constructor.newInstance(args);
            } catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("cannot build " + raw, ex);
            }
        }
        throw new IllegalArgumentException("no JSON mapping for " + type);
    }

    /** A record's components and canonical constructor, looked up once per class. */
    private record RecordShape(String[] names, Type[] types, Set<String> known, Constructor<?> constructor) {
    }

    private static final ClassValue<RecordShape> SHAPES = new ClassValue<>() {
        @Override
        protected RecordShape computeValue(Class<?> type) {
            RecordComponent[] cs = type.getRecordComponents();
            String[] names = new String[cs.length];
            Type[] types = new Type[cs.length];
            Class<?>[] raw = new Class<?>[cs.length];
            for (int i = 0; i < cs.length; i++) {
                names[i] = cs[i].getName();
                types[i] = cs[i].getGenericType();
                raw[i] = cs[i].getType();
            }
            try {
                Constructor<?> c = type.getDeclaredConstructor(raw);
                c.setAccessible(true);
                return new RecordShape(names, types, Set.of(names), c);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("no canonical constructor in " + type, e);
            }
        }
    };

    private static Refused typeError(Where path, Class<?> expected, JsonElement actual) {
        String want = expected == String.class ? Messages.key("json.type.string")
                : expected == boolean.class || expected == Boolean.class ? Messages.key("json.type.boolean")
                : expected == List.class ? Messages.key("json.type.array")
                : expected.isRecord() ? Messages.key("json.type.object") : Messages.key("json.type.wholeNumber");
        String got = actual == null || actual.isJsonNull() ? Messages.key("json.type.null")
                : actual.isJsonObject() ? Messages.key("json.type.object")
                : actual.isJsonArray() ? Messages.key("json.type.array")
                : actual.getAsJsonPrimitive().isString() ? Messages.key("json.type.string")
                : actual.getAsJsonPrimitive().isBoolean() ? Messages.key("json.type.boolean") : Messages.key("json.type.number");
        return new Refused(Problem.of("json.problem.type", path.toString(), Problem.of(want), Problem.of(got)));
    }

    /**
     * {@code value} as a JSON tree (nulls kept), for a codec that leaves out fields a file must
     * not have before writing it with {@link #pretty}.
     */
    public static JsonElement tree(Object value) {
        return PRETTY.toJsonTree(value);
    }

    /** {@code value} as indented JSON (nulls kept) and a final newline, for files people read. */
    public static byte[] pretty(Object value) {
        return (PRETTY.toJson(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    /** {@code value} as compact JSON (nulls kept) and a final newline, for large machine files. */
    public static byte[] compact(Object value) {
        return (COMPACT.toJson(value) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
