package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.TextSafety;
import io.hvx.core.VmAlias;
import io.hvx.vm.SandboxVmFile.VmEntry;
import java.util.List;

/** What a sandbox VM's name and ID may be. */
final class SandboxVmRules {

    static final int MAX_NAME = 100;

    private SandboxVmRules() {
    }

    /**
     * The trimmed name.
     *
     * @throws InvalidInputException when it is empty, too long, holds a control character, reads
     *                               as a GUID or an alias
     */
    static String name(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty() || n.length() > MAX_NAME || TextSafety.hasControls(n)) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.name", n, String.valueOf(MAX_NAME)));
        }
        if (Guid.tryParse(n) != null || VmAlias.byName(n).isPresent()) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.nameReserved", n));
        }
        return n;
    }

    /** Refuses an ID that is a well-known alias. */
    static void id(Guid id) {
        if (VmAlias.byGuid(id).isPresent()) {
            throw new InvalidInputException(Problem.of("vms.sandbox.error.aliasId", id, VmAlias.byGuid(id).get().alias()));
        }
    }

    /** Refuses a name or an ID another VM of {@code vms} has (names ignoring case). */
    static void free(String name, Guid id, List<VmEntry> vms) {
        for (VmEntry e : vms) {
            if (e.name().equalsIgnoreCase(name)) {
                throw new InvalidInputException(Problem.of("vms.sandbox.error.nameTaken", name, e.id()));
            }
            if (id.equals(e.guid())) {
                throw new InvalidInputException(Problem.of("vms.sandbox.error.idTaken", id, e.name()));
            }
        }
    }
}
