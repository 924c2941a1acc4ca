package io.hvx.vm;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import io.hvx.core.Guid;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicy;
import io.hvx.files.FileLocks;
import io.hvx.files.JsonStoreFile;
import io.hvx.files.StrictJson;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The sandbox's VM file {@code <sandboxDir>/vms.json} as records: reads it strictly, and changes
 * it by read-modify-write under its lock, creating it from the seed when it is missing. Values
 * are kept as the file has them (a missing state stays missing); what hvx does not understand
 * (an invalid or duplicate ID, a number as a name, an unknown field, a newer version, trailing
 * data) makes the whole file refused, left as it is and copied aside (see {@link JsonStoreFile}).
 *
 * <p>Version 2 adds per-VM service policies ({@code "policies":[{"service","policy"}]}). A file is
 * written as version 1, without the field, as long as no VM has a policy of its own, so an hvx of
 * before policies keeps reading it; version 1 files are read as they are.
 */
final class SandboxVmFile {

    /** The newest format version this code reads and writes. */
    static final int VERSION = 2;
    /** The version of a file without per-VM policies. */
    static final int VERSION_WITHOUT_POLICIES = 1;
    /** Largest file read: thousands of VMs. */
    static final long MAX_BYTES = 16L << 20;
    private static final Set<String> RESPONDER_KINDS = Set.of("echo", "sink", "source");

    // Field names are the file format.
    record ResponderEntry(String service, String kind) {
    }

    /** A VM's own policy for a service (version 2): {@code enabled}, {@code disabled} or {@code deferred}. */
    record PolicyEntry(String service, String policy) {
        Guid serviceId() {
            return Guid.parse(service);
        }

        ServicePolicy value() {
            return ServicePolicy.byId(policy).orElseThrow();
        }
    }

    /** One VM; {@code policies} is null (left out of the file) when the VM has none. */
    record VmEntry(String id, String name, String state, int generation, String version, long memoryBytes,
                   String startedAt, List<ResponderEntry> responders, List<PolicyEntry> policies) {
        Guid guid() {
            return Guid.parse(id);
        }

        VmEntry withPolicies(List<PolicyEntry> newPolicies) {
            return new VmEntry(id, name, state, generation, version, memoryBytes, startedAt, responders,
                    newPolicies == null || newPolicies.isEmpty() ? null : List.copyOf(newPolicies));
        }
    }

    record VmFile(int version, List<VmEntry> vms) {
    }

    private final JsonStoreFile<VmFile> file;
    private final Supplier<VmFile> seed;

    SandboxVmFile(Path file, Supplier<VmFile> seed, JsonStoreFile.Writer writer) {
        this.file = new JsonStoreFile<>(file, MAX_BYTES, new Codec(), writer);
        this.seed = seed;
    }

    Path path() {
        return file.file();
    }

    /** The lock file every writer of the VM file takes. */
    Path lockFile() {
        return file.lockFile();
    }

    /** The content, creating the file from the seed (under the lock) on first use. */
    VmFile load() {
        return file.read().orElseGet(() -> update(f -> new Change<>(f, null)).file());
    }

    /** A new content (or the same object for no change) and what the caller returns. */
    record Change<R>(VmFile file, R result) {
    }

    /**
     * Reads, changes and writes the file under its lock; a missing file is seeded first. The
     * function may throw to refuse the change: nothing is written then.
     */
    <R> Change<R> update(Function<VmFile, Change<R>> change) {
        try (FileLocks.Held l = file.lock()) {
            VmFile current = file.read().orElse(null);
            boolean seeded = current == null;
            if (seeded) {
                current = seed.get();
            }
            Change<R> next = change.apply(current);
            if (seeded || next.file() != current) {
                file.write(next.file());
            }
            return next;
        }
    }

    /** Maps the file, refusing what it cannot keep. */
    private static final class Codec implements JsonStoreFile.Codec<VmFile> {
        @Override
        public VmFile decode(JsonElement root) throws StrictJson.Refused {
            JsonStoreFile.checkVersion(root, VERSION);
            VmFile f = StrictJson.map(root, VmFile.class, false);
            if (f.vms() == null) {
                throw new StrictJson.Refused(Problem.of("store.problem.missing", "$.vms"));
            }
            Set<Guid> ids = new HashSet<>();
            for (int i = 0; i < f.vms().size(); i++) {
                VmEntry e = f.vms().get(i);
                String at = "$.vms[" + i + "]";
                Guid id = Guid.tryParse(e.id());
                if (id == null) {
                    throw new StrictJson.Refused(Problem.of("store.problem.notGuid", at + ".id", String.valueOf(e.id())));
                }
                if (!ids.add(id)) {
                    throw new StrictJson.Refused(Problem.of("store.problem.duplicateId", at, id));
                }
                if (e.name() == null) {
                    throw new StrictJson.Refused(Problem.of("store.problem.missing", at + ".name"));
                }
                List<ResponderEntry> rs = e.responders() == null ? List.of() : e.responders();
                for (int j = 0; j < rs.size(); j++) {
                    ResponderEntry r = rs.get(j);
                    if (Guid.tryParse(r.service()) == null) {
                        throw new StrictJson.Refused(Problem.of("store.problem.notGuid",
                                at + ".responders[" + j + "].service", String.valueOf(r.service())));
                    }
                    if (r.kind() == null || !RESPONDER_KINDS.contains(r.kind().toLowerCase(Locale.ROOT))) {
                        throw new StrictJson.Refused(Problem.of("store.problem.value",
                                at + ".responders[" + j + "].kind", String.valueOf(r.kind()), "echo, sink, source"));
                    }
                }
                checkPolicies(e.policies() == null ? List.of() : e.policies(), at);
            }
            return f;
        }

        private static void checkPolicies(List<PolicyEntry> ps, String at) throws StrictJson.Refused {
            Set<Guid> seen = new HashSet<>();
            for (int j = 0; j < ps.size(); j++) {
                PolicyEntry p = ps.get(j);
                String here = at + ".policies[" + j + "]";
                Guid service = Guid.tryParse(p.service());
                if (service == null) {
                    throw new StrictJson.Refused(Problem.of("store.problem.notGuid", here + ".service", String.valueOf(p.service())));
                }
                if (!seen.add(service)) {
                    throw new StrictJson.Refused(Problem.of("store.problem.duplicateId", here, service));
                }
                if (ServicePolicy.byId(p.policy()).isEmpty()) {
                    throw new StrictJson.Refused(Problem.of("store.problem.value", here + ".policy",
                            String.valueOf(p.policy()), "enabled, disabled, deferred"));
                }
            }
        }

        /**
         * The file's bytes: version 1 without any {@code policies} field while no VM has one, so
         * older hvx builds keep reading the file; version 2 once one does.
         */
        @Override
        public byte[] encode(VmFile value) {
            boolean any = value.vms().stream().anyMatch(v -> v.policies() != null);
            JsonObject tree = StrictJson.tree(new VmFile(any ? VERSION : VERSION_WITHOUT_POLICIES, value.vms()))
                    .getAsJsonObject();
            for (JsonElement vm : tree.getAsJsonArray("vms")) {
                if (vm.getAsJsonObject().get("policies") instanceof JsonNull) {
                    vm.getAsJsonObject().remove("policies");
                }
            }
            return StrictJson.pretty(tree);
        }
    }
}
