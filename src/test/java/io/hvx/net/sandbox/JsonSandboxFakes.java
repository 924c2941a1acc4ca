package io.hvx.net.sandbox;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.hvx.core.Guid;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServicePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Small file-backed stand-ins for the VM inventory and the service registry: they read
 * {@code vms.json} and {@code services.json} from a sandbox directory on every call, so a test
 * changes the sandbox by rewriting a file, as the real stores do.
 */
final class JsonSandboxFakes {

    private JsonSandboxFakes() {
    }

    /** Writes the seed: demo-linux running with its responders, demo-windows off, seeded services. */
    static void writeSeed(Path dir) throws IOException {
        writeVms(dir, "Running", "Off");
        JsonArray services = new JsonArray();
        for (SandboxSeed.Service s : SandboxSeed.SERVICES) {
            JsonObject o = new JsonObject();
            o.addProperty("id", s.id().toString());
            o.addProperty("name", s.name());
            services.add(o);
        }
        Files.writeString(dir.resolve("services.json"), new Gson().toJson(services));
    }

    static void writeVms(Path dir, String linuxState, String windowsState) throws IOException {
        JsonArray vms = new JsonArray();
        vms.add(vm(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.DEMO_LINUX_NAME, linuxState, SandboxSeed.RESPONDERS));
        vms.add(vm(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.DEMO_WINDOWS_NAME, windowsState, List.of()));
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("vms.json"), new Gson().toJson(vms));
    }

    /** Gives {@code vmId} its own policy for {@code serviceId} ({@code "policies"} of the real file). */
    static void writePolicy(Path dir, Guid vmId, Guid serviceId, String policy) throws IOException {
        JsonArray vms = read(dir.resolve("vms.json"));
        for (JsonElement e : vms) {
            JsonObject o = e.getAsJsonObject();
            if (Guid.parse(o.get("id").getAsString()).equals(vmId)) {
                JsonArray ps = new JsonArray();
                JsonObject p = new JsonObject();
                p.addProperty("service", serviceId.toString());
                p.addProperty("policy", policy);
                ps.add(p);
                o.add("policies", ps);
            }
        }
        Files.writeString(dir.resolve("vms.json"), new Gson().toJson(vms));
    }

    private static JsonObject vm(Guid id, String name, String state, List<SandboxSeed.Responder> responders) {
        JsonObject o = new JsonObject();
        o.addProperty("id", id.toString());
        o.addProperty("name", name);
        o.addProperty("state", state);
        JsonArray rs = new JsonArray();
        for (SandboxSeed.Responder r : responders) {
            JsonObject x = new JsonObject();
            x.addProperty("service", r.serviceId().toString());
            x.addProperty("kind", r.kind());
            rs.add(x);
        }
        o.add("responders", rs);
        return o;
    }

    static SandboxVms vms(Path dir) {
        return new SandboxVms() {
            @Override
            public Optional<Vm> find(Guid vmId) {
                return all().stream().filter(v -> v.id().equals(vmId)).findFirst();
            }

            @Override
            public List<SandboxSeed.Responder> responders(Guid vmId) {
                List<SandboxSeed.Responder> out = new ArrayList<>();
                for (JsonElement e : read(dir.resolve("vms.json"))) {
                    JsonObject o = e.getAsJsonObject();
                    if (Guid.parse(o.get("id").getAsString()).equals(vmId)) {
                        for (JsonElement r : o.getAsJsonArray("responders")) {
                            out.add(new SandboxSeed.Responder(vmId, Guid.parse(r.getAsJsonObject().get("service").getAsString()),
                                    r.getAsJsonObject().get("kind").getAsString()));
                        }
                    }
                }
                return out;
            }

            @Override
            public List<Vm> all() {
                List<Vm> out = new ArrayList<>();
                for (JsonElement e : read(dir.resolve("vms.json"))) {
                    JsonObject o = e.getAsJsonObject();
                    String state = o.get("state").getAsString();
                    out.add(new Vm(Guid.parse(o.get("id").getAsString()), o.get("name").getAsString(),
                            state.equals("Running"), state));
                }
                return out;
            }

            @Override
            public ServicePolicy policy(Guid vmId, Guid serviceId) {
                for (JsonElement e : read(dir.resolve("vms.json"))) {
                    JsonObject o = e.getAsJsonObject();
                    if (Guid.parse(o.get("id").getAsString()).equals(vmId) && o.has("policies")) {
                        for (JsonElement p : o.getAsJsonArray("policies")) {
                            if (Guid.parse(p.getAsJsonObject().get("service").getAsString()).equals(serviceId)) {
                                return ServicePolicy.byId(p.getAsJsonObject().get("policy").getAsString()).orElseThrow();
                            }
                        }
                    }
                }
                return ServicePolicy.DEFERRED;
            }
        };
    }

    static RegisteredServices services(Path dir) {
        return id -> {
            for (JsonElement e : read(dir.resolve("services.json"))) {
                if (Guid.parse(e.getAsJsonObject().get("id").getAsString()).equals(id)) {
                    return true;
                }
            }
            return false;
        };
    }

    private static JsonArray read(Path file) {
        try {
            return new Gson().fromJson(Files.readString(file), JsonArray.class);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
