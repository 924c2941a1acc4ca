package io.hvx.vm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads what the scripts print. Tolerant of everything PowerShell versions and hosts do to the
 * document: a leading BOM, stray lines before it, trailing whitespace, {@code vms} as a bare
 * object instead of an array (or the whole document being a naive {@code Get-VM | ConvertTo-Json}
 * array or object), property names in any case, missing optional fields, {@code State} as a
 * number ({@link VmStateCodes}), a number as text or a name in any case, {@code Uptime} as a
 * TimeSpan object, {@code Id} as a
 * wrapped Guid, and fields it does not know. Entries without a usable ID are left out: a VM
 * without an ID cannot be connected to.
 */
public final class PowerShellOutputParser {

    private PowerShellOutputParser() {
    }

    /**
     * The VMs in {@code output}.
     *
     * @throws OperationFailedException the mapped error ({@link PowerShellErrors}) for an error
     *                                  object, or "no JSON" with the first 200 characters of
     *                                  both streams in the details
     */
    public static List<VirtualMachine> parseVms(PowerShellOutput output) {
        return parseListing(output).vms();
    }

    /**
     * The VMs in {@code output}, with a note when the list is empty and the script reported an
     * account that is neither elevated nor in Hyper-V Administrators: {@code Get-VM} then lists
     * nothing without an error, which reads like "no VMs" unless someone says why.
     *
     * @throws OperationFailedException as {@link #parseVms}
     */
    public static VmInventory.Listing parseListing(PowerShellOutput output) {
        JsonElement doc = document(output);
        JsonElement vms;
        Map<String, JsonElement> top = Map.of();
        if (doc.isJsonObject()) {
            top = lower(doc.getAsJsonObject());
            failIfError(top, output);
            vms = top.containsKey("vms") ? top.get("vms") : looksLikeVm(top) ? doc : null;
            if (vms == null && !top.containsKey("ok")) {
                throw noJson(output);
            }
        } else if (doc.isJsonArray()) {
            vms = doc;
        } else {
            throw noJson(output);
        }
        List<VirtualMachine> result = new ArrayList<>();
        for (JsonObject o : objects(vms)) {
            VirtualMachine vm = vm(lower(o));
            if (vm != null) {
                result.add(vm);
            }
        }
        return new VmInventory.Listing(result, result.isEmpty() && mayNotSeeVms(top.get("rights"))
                ? Problem.of("vms.note.noRights") : null);
    }

    /** Whether the script said the account is neither elevated nor in Hyper-V Administrators. */
    static boolean mayNotSeeVms(JsonElement rights) {
        if (rights == null || !rights.isJsonObject()) {
            return false; // an older script or a stand-in that does not say: no claim either way
        }
        Map<String, JsonElement> r = lower(rights.getAsJsonObject());
        return r.containsKey("elevated") && r.containsKey("hypervadministrators")
                && !bool(r, "elevated") && !bool(r, "hypervadministrators");
    }

    /** The integration services in {@code output} (the shape of {@code get-integration-services.ps1}). */
    public static List<IntegrationService> parseIntegrationServices(PowerShellOutput output) {
        JsonElement doc = document(output);
        JsonElement services;
        if (doc.isJsonObject()) {
            Map<String, JsonElement> top = lower(doc.getAsJsonObject());
            failIfError(top, output);
            services = top.containsKey("services") ? top.get("services") : top.containsKey("name") ? doc : null;
            if (services == null && !top.containsKey("ok")) {
                throw noJson(output);
            }
        } else if (doc.isJsonArray()) {
            services = doc;
        } else {
            throw noJson(output);
        }
        List<IntegrationService> result = new ArrayList<>();
        for (JsonObject o : objects(services)) {
            Map<String, JsonElement> m = lower(o);
            String name = string(m, "name");
            if (name == null || name.isBlank()) {
                continue;
            }
            result.add(new IntegrationService(name, bool(m, "enabled"),
                    firstString(m, "primary", "primarystatusdescription"),
                    firstString(m, "secondary", "secondarystatusdescription")));
        }
        return result;
    }

    static JsonElement document(PowerShellOutput output) {
        String text = output.stdout() == null ? "" : output.stdout();
        if (!text.isEmpty() && text.charAt(0) == '\uFEFF') {
            text = text.substring(1);
        }
        text = text.strip();
        if (text.isEmpty()) {
            throw noJson(output);
        }
        JsonElement e = tryParse(text);
        if (e == null) {
            // Warnings or a banner may precede the document: take the last line that parses.
            String[] lines = text.split("\r?\n");
            for (int i = lines.length - 1; i >= 0 && e == null; i--) {
                String line = lines[i].strip();
                if (line.startsWith("{") || line.startsWith("[")) {
                    e = tryParse(line);
                }
            }
        }
        if (e == null || !(e.isJsonObject() || e.isJsonArray())) {
            throw noJson(output);
        }
        return e;
    }

    private static JsonElement tryParse(String text) {
        try {
            return JsonParser.parseString(text);
        } catch (JsonParseException | IllegalStateException e) {
            // not JSON: the caller reports the output as unreadable, with the text in the detail
            return null;
        }
    }

    private static void failIfError(Map<String, JsonElement> top, PowerShellOutput output) {
        JsonElement ok = top.get("ok");
        boolean failed = ok != null && ok.isJsonPrimitive()
                && (ok.getAsJsonPrimitive().isBoolean() ? !ok.getAsBoolean() : "false".equalsIgnoreCase(ok.getAsString()));
        if (failed || ok == null && top.containsKey("errorid")) {
            throw PowerShellErrors.toException(new PowerShellError(string(top, "errorid"), string(top, "category"),
                    string(top, "exception"), string(top, "message")), output.stderr());
        }
    }

    private static boolean looksLikeVm(Map<String, JsonElement> m) {
        return m.containsKey("id") || m.containsKey("vmid");
    }

    static OperationFailedException noJson(PowerShellOutput output) {
        return new OperationFailedException(Problem.of("vms.error.noJson", String.valueOf(output.exitCode())),
                PowerShellProcess.detail(output.stdout(), output.stderr()));
    }

    static List<JsonObject> objects(JsonElement e) {
        List<JsonObject> list = new ArrayList<>();
        if (e == null || e.isJsonNull()) {
            return list;
        }
        if (e.isJsonObject()) {
            list.add(e.getAsJsonObject());
        } else if (e.isJsonArray()) {
            JsonArray a = e.getAsJsonArray();
            for (JsonElement x : a) {
                if (x.isJsonObject()) {
                    list.add(x.getAsJsonObject());
                }
            }
        }
        return list;
    }

    static Map<String, JsonElement> lower(JsonObject o) {
        Map<String, JsonElement> m = new java.util.HashMap<>(o.size() * 2);
        for (Map.Entry<String, JsonElement> en : o.entrySet()) {
            m.putIfAbsent(en.getKey().toLowerCase(Locale.ROOT), en.getValue());
        }
        return m;
    }

    private static VirtualMachine vm(Map<String, JsonElement> m) {
        Guid id = guid(m.containsKey("id") ? m.get("id") : m.get("vmid"));
        if (id == null) {
            return null;
        }
        String name = firstString(m, "name", "vmname");
        return new VirtualMachine(id, name, state(m), uptime(m.get("uptimeseconds"), m.get("uptime")),
                (int) number(m.get("generation")), string(m, "version"),
                number(m.get("memoryassigned")), (int) number(m.get("cpuusage")));
    }

    static Guid guid(JsonElement e) {
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (e.isJsonObject()) {
            Map<String, JsonElement> w = lower(e.getAsJsonObject());
            e = w.containsKey("guid") ? w.get("guid") : w.get("value");
            if (e == null || !e.isJsonPrimitive()) {
                return null;
            }
        }
        return e.isJsonPrimitive() ? Guid.tryParse(e.getAsString()) : null;
    }

    private static String state(Map<String, JsonElement> m) {
        JsonElement s = m.get("state");
        if (s != null && s.isJsonPrimitive()) {
            JsonPrimitive p = s.getAsJsonPrimitive();
            if (p.isNumber()) {
                return VmStateCodes.name(p.getAsInt());
            }
            String text = p.getAsString().strip();
            if (!text.isEmpty()) {
                // a number as text ("2"), or the name: PowerShell 7 with Hyper-V loaded through
                // Windows PowerShell compatibility hands the enum over as its name
                if (text.chars().allMatch(Character::isDigit) && text.length() < 10) {
                    return VmStateCodes.name(Integer.parseInt(text));
                }
                return VmStateCodes.canonical(text);
            }
        }
        JsonElement code = m.get("statecode");
        if (code != null && code.isJsonPrimitive() && code.getAsJsonPrimitive().isNumber()) {
            return VmStateCodes.name(code.getAsInt());
        }
        return "Unknown";
    }

    private static long uptime(JsonElement seconds, JsonElement timeSpan) {
        if (seconds != null && seconds.isJsonPrimitive()) {
            return number(seconds);
        }
        if (timeSpan != null && timeSpan.isJsonObject()) {
            Map<String, JsonElement> t = lower(timeSpan.getAsJsonObject());
            if (t.containsKey("totalseconds")) {
                return number(t.get("totalseconds"));
            }
            if (t.containsKey("ticks")) {
                return number(t.get("ticks")) / 10_000_000L;
            }
        }
        return 0;
    }

    static long number(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || e.getAsJsonPrimitive().isBoolean()) {
            return 0;
        }
        String t = e.getAsString().strip();
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException notIntegral) {
            // PowerShell may print a whole number as 1.0E9: read it as a double instead
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? (long) d : 0;
            } catch (NumberFormatException notNumber) {
                // a field PowerShell left empty or textual: shown as 0, the VM is still listed
                return 0;
            }
        }
    }

    static boolean bool(Map<String, JsonElement> m, String key) {
        JsonElement e = m.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            return false;
        }
        JsonPrimitive p = e.getAsJsonPrimitive();
        if (p.isBoolean()) {
            return p.getAsBoolean();
        }
        return "true".equalsIgnoreCase(p.getAsString().strip()) || "1".equals(p.getAsString().strip());
    }

    static String string(Map<String, JsonElement> m, String key) {
        JsonElement e = m.get(key);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return e.isJsonPrimitive() ? e.getAsString() : e.toString();
    }

    private static String firstString(Map<String, JsonElement> m, String... keys) {
        for (String k : keys) {
            String s = string(m, k);
            if (s != null) {
                return s;
            }
        }
        return null;
    }
}
