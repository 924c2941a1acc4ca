package io.hvx.vm;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicy;
import io.hvx.registry.PolicyStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads what {@code get-service-policies.ps1} and {@code set-service-policies.ps1} print (the
 * contract is in the scripts' heads and in {@code docs/per-vm-services.md}), with the tolerance of
 * {@link PowerShellOutputParser}: a BOM, stray lines before the document, names in any case, a
 * single object where a list belongs, numbers as text. A VM without a usable ID is left out; a
 * setting whose {@code Name} is not a GUID or whose policy is not 2, 3 or 8 is left out (and
 * logged); a reported service state other than Enabled (2) or Disabled (3) counts as not reported.
 */
final class PolicyOutputParser {

    private static final System.Logger LOG = System.getLogger(PolicyOutputParser.class.getName());

    private PolicyOutputParser() {
    }

    /** Which path of associations found a VM's settings, per VM ID (for diagnostics and the Windows IT). */
    record Read(PolicyStore.Snapshot snapshot, Map<Guid, String> settingsFrom) {
    }

    /**
     * The policies in {@code output}.
     *
     * @throws io.hvx.core.HvxException the mapped error ({@link PowerShellErrors#toPolicyException})
     *                                  for an error object, or "no JSON" with both streams' start
     */
    static Read parseRead(PowerShellOutput output) {
        Map<String, JsonElement> top = top(output);
        List<PolicyStore.VmSettings> vms = new ArrayList<>();
        Map<Guid, String> from = new LinkedHashMap<>();
        for (JsonObject o : PowerShellOutputParser.objects(top.get("vms"))) {
            Map<String, JsonElement> m = PowerShellOutputParser.lower(o);
            Guid id = PowerShellOutputParser.guid(m.get("id"));
            if (id == null) {
                LOG.log(System.Logger.Level.DEBUG, "A VM without a usable Id was left out: {0}", o);
                continue;
            }
            Map<Guid, ServicePolicy> policies = new LinkedHashMap<>();
            for (JsonObject so : PowerShellOutputParser.objects(m.get("settings"))) {
                Map<String, JsonElement> sm = PowerShellOutputParser.lower(so);
                Guid service = PowerShellOutputParser.guid(sm.get("name"));
                ServicePolicy p = code(sm.get("policy")).flatMap(ServicePolicy::byCode).orElse(null);
                if (service == null || p == null) {
                    LOG.log(System.Logger.Level.DEBUG, "A service setting that is not understood was left out: {0}", so);
                    continue;
                }
                policies.put(service, p);
            }
            Map<Guid, Boolean> reported = new LinkedHashMap<>();
            for (JsonObject so : PowerShellOutputParser.objects(m.get("services"))) {
                Map<String, JsonElement> sm = PowerShellOutputParser.lower(so);
                Guid service = PowerShellOutputParser.guid(sm.get("name"));
                Optional<Integer> state = code(sm.get("enabledstate"));
                if (service != null && state.isPresent() && (state.get() == 2 || state.get() == 3)) {
                    reported.put(service, state.get() == 2);
                }
            }
            ServicePolicy def = code(m.get("defaultpolicy")).flatMap(ServicePolicy::byCode)
                    .filter(p -> p != ServicePolicy.DEFERRED).orElse(null);
            String name = PowerShellOutputParser.string(m, "name");
            vms.add(new PolicyStore.VmSettings(id, name, def, policies, reported));
            String settingsFrom = PowerShellOutputParser.string(m, "settingsfrom");
            from.put(id, settingsFrom == null ? "?" : settingsFrom);
        }
        Problem note = vms.isEmpty() && PowerShellOutputParser.mayNotSeeVms(top.get("rights"))
                ? Problem.of("vms.note.noRights") : null;
        return new Read(new PolicyStore.Snapshot(vms, note), from);
    }

    /**
     * What a set applied: one line per change ({@code vm,service,policy,via}).
     *
     * @throws io.hvx.core.HvxException the mapped error; its detail names what was applied before
     */
    static List<String> parseSet(PowerShellOutput output) {
        Map<String, JsonElement> top = top(output);
        return applied(top);
    }

    private static List<String> applied(Map<String, JsonElement> top) {
        List<String> out = new ArrayList<>();
        for (JsonObject o : PowerShellOutputParser.objects(top.get("applied"))) {
            Map<String, JsonElement> m = PowerShellOutputParser.lower(o);
            out.add(PowerShellOutputParser.string(m, "vm") + "," + PowerShellOutputParser.string(m, "service") + ","
                    + PowerShellOutputParser.string(m, "policy") + "," + PowerShellOutputParser.string(m, "via"));
        }
        return out;
    }

    private static Map<String, JsonElement> top(PowerShellOutput output) {
        JsonElement doc;
        try {
            doc = PowerShellOutputParser.document(output);
        } catch (OperationFailedException e) {
            throw noJson(output);
        }
        if (!doc.isJsonObject()) {
            throw noJson(output);
        }
        Map<String, JsonElement> top = PowerShellOutputParser.lower(doc.getAsJsonObject());
        JsonElement ok = top.get("ok");
        boolean failed = ok != null && ok.isJsonPrimitive()
                && (ok.getAsJsonPrimitive().isBoolean() ? !ok.getAsBoolean() : "false".equalsIgnoreCase(ok.getAsString()));
        if (failed || ok == null && top.containsKey("errorid")) {
            List<String> done = applied(top);
            throw PowerShellErrors.toPolicyException(new PowerShellError(PowerShellOutputParser.string(top, "errorid"),
                    PowerShellOutputParser.string(top, "category"), PowerShellOutputParser.string(top, "exception"),
                    PowerShellOutputParser.string(top, "message")), output.stderr(),
                    done.isEmpty() ? "" : "\napplied before the failure: " + String.join("; ", done));
        }
        if (ok == null) {
            throw noJson(output);
        }
        return top;
    }

    private static Optional<Integer> code(JsonElement e) {
        if (e == null || !e.isJsonPrimitive() || ((JsonPrimitive) e).isBoolean()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Integer.parseInt(e.getAsString().strip()));
        } catch (NumberFormatException notANumber) {
            // a value PowerShell printed as text we do not know: treated as absent
            return Optional.empty();
        }
    }

    private static OperationFailedException noJson(PowerShellOutput output) {
        return new OperationFailedException(Problem.of("error.policy.noJson", String.valueOf(output.exitCode())),
                PowerShellProcess.detail(output.stdout(), output.stderr()));
    }
}
