package io.hvx.vm;

import com.google.gson.JsonElement;
import io.hvx.core.Guid;
import io.hvx.core.Problem;
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
 */
final class SandboxVmFile {

    /** The format version this code reads and writes. */
    static final int VERSION = 1;
    /** Largest file read: thousands of VMs. */
    static final long MAX_BYTES = 16L << 20;
    private static final Set<String> RESPONDER_KINDS = Set.of("echo", "sink", "source");

    // Field names are the file format.
    record ResponderEntry(String service, String kind) {
    }

    record VmEntry(String id, String name, String state, int generation, String version, long memoryBytes,
                   String startedAt, List<ResponderEntry> responders) {
        Guid guid() {
            return Guid.parse(id);
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
            }
            return f;
        }

        @Override
        public byte[] encode(VmFile value) {
            return StrictJson.pretty(value);
        }
    }
}
