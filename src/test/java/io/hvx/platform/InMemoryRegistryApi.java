package io.hvx.platform;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A registry in memory with Win32 semantics (case-insensitive names, typed values, error codes,
 * {@code RegDeleteKeyEx} refusing a key that has subkeys with error 5), recording every call with
 * its samDesired flags so tests can check the 64-bit view flag.
 */
final class InMemoryRegistryApi implements RegistryApi {

    record Call(String op, String path, int sam) {
    }

    /** A stored value under its name as written. */
    private record Named(String name, Value value) {
    }

    /** key path (lowercased, with hive) → values (name lowercased → name and value). */
    private final Map<String, Map<String, Named>> keys = new TreeMap<>();
    private final Map<String, String> originalNames = new TreeMap<>();
    final List<Call> calls = new ArrayList<>();
    /** Error code every write call fails with (0 = none): simulates a non-elevated user. */
    int failWritesWith;
    /** Error code every enumeration and value read fails with (0 = none): a key the user may not read. */
    int failReadsWith;

    private static String norm(Hive hive, String path) {
        return (hive.name() + "\\" + path).toLowerCase(Locale.ROOT);
    }

    /** Creates a key (and its parents) directly, as another tool would. */
    void seedKey(Hive hive, String path) {
        String[] parts = path.split("\\\\");
        StringBuilder sb = new StringBuilder();
        for (String p : parts) {
            if (!sb.isEmpty()) {
                sb.append('\\');
            }
            sb.append(p);
            String n = norm(hive, sb.toString());
            if (!keys.containsKey(n)) {
                keys.put(n, new TreeMap<>());
                originalNames.put(n, p);
            }
        }
    }

    void seedValue(Hive hive, String path, String name, String value) {
        seedValue(hive, path, name, Value.ofString(value));
    }

    /** A value of any type, as another tool could have written it. */
    void seedValue(Hive hive, String path, String name, Value value) {
        seedKey(hive, path);
        keys.get(norm(hive, path)).put(name.toLowerCase(Locale.ROOT), new Named(name, value));
    }

    /** The text of a string value, for assertions (null when absent). */
    String string(Hive hive, String path, String name) {
        Value v = getValue(hive, path, name, KEY_WOW64_64KEY);
        return v == null ? null : v.display();
    }

    /** A copy of the whole content, to compare before and after. */
    String snapshot() {
        StringBuilder sb = new StringBuilder();
        keys.forEach((k, v) -> {
            sb.append('[').append(k).append("|").append(originalNames.get(k)).append("]\n");
            v.forEach((n, val) -> sb.append(val.name()).append('=').append(val.value().type()).append(':')
                    .append(java.util.HexFormat.of().formatHex(val.value().data())).append('\n'));
        });
        return sb.toString();
    }

    private void record(String op, String path, int sam) {
        calls.add(new Call(op, path, sam));
    }

    @Override
    public boolean keyExists(Hive hive, String path, int samExtra) {
        record("keyExists", path, samExtra);
        return keys.containsKey(norm(hive, path));
    }

    @Override
    public List<String> keys(Hive hive, String path, int samExtra) {
        record("keys", path, samExtra);
        if (failReadsWith != 0) {
            throw new Failure(failReadsWith, "denied");
        }
        String n = norm(hive, path);
        if (!keys.containsKey(n)) {
            throw new Failure(ERROR_FILE_NOT_FOUND, "not found");
        }
        List<String> out = new ArrayList<>();
        for (String k : keys.keySet()) {
            if (k.startsWith(n + "\\") && k.indexOf('\\', n.length() + 1) < 0) {
                out.add(originalNames.get(k));
            }
        }
        return out;
    }

    @Override
    public Value getValue(Hive hive, String path, String name, int samExtra) {
        record("getValue", path, samExtra);
        if (failReadsWith != 0) {
            throw new Failure(failReadsWith, "denied");
        }
        Map<String, Named> v = keys.get(norm(hive, path));
        if (v == null) {
            throw new Failure(ERROR_FILE_NOT_FOUND, "not found");
        }
        Named val = v.get(name.toLowerCase(Locale.ROOT));
        return val == null ? null : val.value();
    }

    @Override
    public boolean createKey(Hive hive, String fullPath, int samExtra) {
        record("createKey", fullPath, samExtra);
        if (failWritesWith != 0) {
            throw new Failure(failWritesWith, "denied");
        }
        boolean existed = keys.containsKey(norm(hive, fullPath));
        seedKey(hive, fullPath);
        return !existed;
    }

    @Override
    public void setValue(Hive hive, String path, String name, Value value, int samExtra) {
        record("setValue", path, samExtra);
        if (failWritesWith != 0) {
            throw new Failure(failWritesWith, "denied");
        }
        Map<String, Named> v = keys.get(norm(hive, path));
        if (v == null) {
            throw new Failure(ERROR_FILE_NOT_FOUND, "not found");
        }
        v.put(name.toLowerCase(Locale.ROOT), new Named(name, value));
    }

    @Override
    public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
        record("deleteKey", parentPath + "\\" + name, samExtra);
        if (failWritesWith != 0) {
            throw new Failure(failWritesWith, "denied");
        }
        String n = norm(hive, parentPath + "\\" + name);
        if (!keys.containsKey(n)) {
            throw new Failure(ERROR_FILE_NOT_FOUND, "not found");
        }
        for (String k : keys.keySet()) {
            if (k.startsWith(n + "\\")) {
                // RegDeleteKeyEx on a key with subkeys: access denied, elevated or not
                throw new Failure(ERROR_ACCESS_DENIED, "Access is denied.");
            }
        }
        keys.remove(n);
        originalNames.remove(n);
    }
}
