package io.hvx.registry;

import io.hvx.core.DuplicateNameException;
import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistration.Kind;
import io.hvx.core.ServiceRegistry;
import io.hvx.files.FileLocks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The {@link ServiceRegistry} rules, once for every store: validation, protection of built-in
 * and other tools' entries, unique names, and the undo journal.
 *
 * <p>Every change runs under the store's lock (between processes: {@link FileLocks}): the state
 * is read, every check is made, the step is recorded in the journal and the store is written,
 * all while no other hvx process can change the store. So a success reported is a change made,
 * two processes adding one id cannot both succeed, and a refused operation leaves the store
 * byte-identical. A store that fails part-way through a multi-entry write (the registry denying
 * one key) is rolled back to the state before; when even that fails, the step stays in the
 * journal recording what was really written, so undo can finish the job.
 *
 * <p>Per-VM policy changes of these services ({@link Policies}) share the journal: undo reverts
 * whichever change is newer, a registration or a policy.
 */
public final class Registrations implements ServiceRegistry {

    private final RegistryStore store;
    private final UndoJournal journal;
    private final String creator;
    private final Clock clock;
    private final Path lockFile;
    private final Policies policies;

    /**
     * @param creator the {@code CreatedBy} value written on new entries (e.g. "hvx 0.1.0")
     */
    public Registrations(RegistryStore store, UndoJournal journal, String creator, Clock clock) {
        this(store, journal, creator, clock, null);
    }

    /**
     * Registrations whose undo also reverts the per-VM policy changes of {@code policies} (kept in
     * the same journal) when one of those is the newer change.
     *
     * @param policies the policies of these services, or null when the mode has none
     */
    public Registrations(RegistryStore store, UndoJournal journal, String creator, Clock clock, Policies policies) {
        this.store = store;
        this.journal = journal;
        this.creator = creator;
        this.clock = clock;
        this.policies = policies;
        this.lockFile = store.lockFile().orElseGet(() -> journal.storeLockFile(store.journalKey()));
    }

    public RegistryStore store() {
        return store;
    }

    /** Orders entries by name (case-insensitive, nameless last), then id. */
    public static final Comparator<ServiceRegistration> ORDER = Comparator
            .comparing((ServiceRegistration r) -> r.name() == null ? null : r.name().toLowerCase(Locale.ROOT),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(ServiceRegistration::id);

    @Override
    public List<ServiceRegistration> list() {
        return store.read().stream().map(Registrations::toRegistration).sorted(ORDER).toList();
    }

    static ServiceRegistration toRegistration(StoredEntry e) {
        return ServiceRegistration.of(e.id(), e.name(), e.createdBy(), e.createdAt());
    }

    private Map<Guid, StoredEntry> current() {
        Map<Guid, StoredEntry> m = new LinkedHashMap<>();
        for (StoredEntry e : store.read()) {
            m.put(e.id(), e);
        }
        return m;
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Runs {@code body} holding the store's lock: no other hvx process changes the store meanwhile. */
    private <T> T locked(Supplier<T> body) {
        try (FileLocks.Held l = FileLocks.lock(lockFile, store.location())) {
            return body.get();
        }
    }

    @Override
    public ServiceRegistration add(Guid id, String name, boolean allowDuplicateName) {
        Objects.requireNonNull(id, "id");
        String n = ServiceRules.name(name);
        return locked(() -> {
            Map<Guid, StoredEntry> now = current();
            StoredEntry existing = now.get(id);
            if (existing != null) {
                throw new InvalidInputException(Problem.of("error.services.duplicate", id,
                        existing.name() == null ? "" : existing.name()));
            }
            if (!allowDuplicateName) {
                refuseTakenName(n, id, now.values());
            }
            requireWritable();
            StoredEntry entry = new StoredEntry(id, n, creator, now());
            change("add", List.of(UndoJournal.Before.of(id, null)), List.of(UndoJournal.Before.of(id, entry)),
                    List.of(entry), List.of());
            return toRegistration(entry);
        });
    }

    @Override
    public ServiceRegistration rename(Guid id, String name, boolean force, boolean allowDuplicateName) {
        String n = ServiceRules.name(name);
        return locked(() -> {
            Map<Guid, StoredEntry> now = current();
            StoredEntry e = existing(id, now);
            protect(e, force, false);
            if (n.equals(e.name())) {
                return toRegistration(e);
            }
            if (!allowDuplicateName) {
                refuseTakenName(n, id, now.values());
            }
            requireWritable();
            StoredEntry renamed = e.withName(n);
            change("rename", List.of(UndoJournal.Before.of(id, e)), List.of(UndoJournal.Before.of(id, renamed)),
                    List.of(renamed), List.of());
            return toRegistration(renamed);
        });
    }

    @Override
    public ServiceRegistration remove(Guid id, boolean force) {
        return locked(() -> {
            StoredEntry e = existing(id, current());
            protect(e, force, true);
            requireWritable();
            change("remove", List.of(UndoJournal.Before.of(id, e)), List.of(UndoJournal.Before.of(id, null)),
                    List.of(), List.of(id));
            return toRegistration(e);
        });
    }

    @Override
    public ServiceRegistration editable(Guid id, boolean force) {
        StoredEntry e = existing(id, current());
        protect(e, force, true);
        return toRegistration(e);
    }

    private static StoredEntry existing(Guid id, Map<Guid, StoredEntry> now) {
        StoredEntry e = now.get(id);
        if (e == null) {
            throw new InvalidInputException(Problem.of("error.services.notFound", String.valueOf(id)));
        }
        return e;
    }

    /** Refuses {@code name} when another registration than {@code self} has it, ignoring case. */
    private static void refuseTakenName(String name, Guid self, Collection<StoredEntry> entries) {
        List<ServiceRegistration> holders = entries.stream()
                .filter(e -> !e.id().equals(self) && e.name() != null && e.name().strip().equalsIgnoreCase(name))
                .map(Registrations::toRegistration).toList();
        if (!holders.isEmpty()) {
            throw new DuplicateNameException(name, holders);
        }
    }

    /** Refuses changes to built-in entries, and to other tools' entries without force. */
    private static void protect(StoredEntry e, boolean force, boolean removing) {
        Kind kind = ServiceRegistration.kindOf(e.id(), e.createdBy());
        if (kind == Kind.BUILTIN) {
            throw new InvalidInputException(Problem.of(removing
                    ? "error.services.builtin.remove" : "error.services.builtin.rename", e.id(), e.name()));
        }
        if (kind == Kind.OTHER && !force) {
            throw new InvalidInputException(Problem.of(removing
                    ? "error.services.other.remove" : "error.services.other.rename",
                    e.id(), ownerValues(e)));
        }
    }

    /** The values that tell who owns an entry, for confirmations. */
    public static String ownerValues(StoredEntry e) {
        return "ElementName=" + (e.name() == null ? "—" : "\"" + e.name() + "\"")
                + ", CreatedBy=" + (e.createdBy() == null ? "—" : "\"" + e.createdBy() + "\"")
                + ", CreatedAt=" + (e.createdAt() == null ? "—" : "\"" + e.createdAt() + "\"");
    }

    /** {@link #ownerValues(StoredEntry)} of a registration. */
    public static String ownerValues(ServiceRegistration r) {
        return ownerValues(new StoredEntry(r.id(), r.name(), r.createdBy(), r.createdAt()));
    }

    private void requireWritable() {
        Writability w = store.writability();
        if (!w.writable()) {
            if (w.needsElevation()) {
                throw new ElevationRequiredException(w.reason(), null);
            }
            throw new OperationFailedException(w.reason());
        }
    }

    /**
     * Records the step, then writes; a write that fails is rolled back and leaves no step. Call
     * under the lock.
     */
    private void change(String action, List<UndoJournal.Before> before, List<UndoJournal.Before> after,
                        List<StoredEntry> puts, List<Guid> deletes) {
        UndoJournal.Change c = new UndoJournal.Change(store.journalKey(), action, now(), before, after);
        long seq = journal.push(c);
        try {
            store.applyAll(puts, deletes);
        } catch (RuntimeException ex) {
            restoreOrRecord(seq, c, before, ex);
            journal.remove(seq);
            throw ex;
        }
    }

    /**
     * After a write failed part-way: puts every entry of {@code c} back as {@code target} says.
     * When that fails too, rewrites step {@code seq} so its "after" is what the store really holds
     * now (so undo reverts exactly what was written) and throws the partial-change error.
     */
    private void restoreOrRecord(long seq, UndoJournal.Change c, List<UndoJournal.Before> target, RuntimeException cause) {
        try {
            Revert r = revert(target, current());
            if (!r.isEmpty()) {
                store.applyAll(r.puts(), r.deletes());
            }
        } catch (RuntimeException rollback) {
            cause.addSuppressed(rollback);
            try {
                Map<Guid, StoredEntry> now = current();
                List<UndoJournal.Before> states = new ArrayList<>();
                for (UndoJournal.Before b : c.before()) {
                    states.add(UndoJournal.Before.of(b.guid(), now.get(b.guid())));
                }
                journal.replace(seq, c.withAfter(states));
            } catch (RuntimeException unreadable) {
                // the step keeps the intended "after": undo will then refuse rather than guess
                cause.addSuppressed(unreadable);
            }
            throw new OperationFailedException(Problem.of("error.services.partial", store.location(),
                    cause instanceof io.hvx.core.HvxException h ? h.problem() : String.valueOf(cause)),
                    String.valueOf(rollback), cause);
        }
    }

    @Override
    public ImportPlan plan(List<ImportPlan.Entry> entries, boolean allowDelete, boolean force) {
        Map<Guid, StoredEntry> now = current();
        // later entries for the same id win, as when regedit imports a file
        Map<Guid, Integer> lastIndex = new LinkedHashMap<>();
        for (int i = 0; i < entries.size(); i++) {
            lastIndex.put(entries.get(i).id(), i);
        }
        List<ImportPlan.Step> steps = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            ImportPlan.Entry in = entries.get(i);
            StoredEntry cur = now.get(in.id());
            String curName = cur == null ? null : cur.name();
            if (lastIndex.get(in.id()) != i) {
                steps.add(step(ImportPlan.Action.UNCHANGED, in, curName,
                        Problem.of("services.plan.reason.superseded", lastLine(entries, lastIndex.get(in.id())))));
                continue;
            }
            steps.add(planOne(in, cur, allowDelete, force));
        }
        return new ImportPlan(steps);
    }

    private static int lastLine(List<ImportPlan.Entry> entries, int index) {
        return entries.get(index).line();
    }

    private static ImportPlan.Step step(ImportPlan.Action a, ImportPlan.Entry in, String cur, Problem reason) {
        return new ImportPlan.Step(a, in, cur, reason);
    }

    private ImportPlan.Step planOne(ImportPlan.Entry in, StoredEntry cur, boolean allowDelete, boolean force) {
        String curName = cur == null ? null : cur.name();
        Kind kind = cur == null ? null : ServiceRegistration.kindOf(cur.id(), cur.createdBy());
        if (in.delete()) {
            if (cur == null) {
                return step(ImportPlan.Action.UNCHANGED, in, null, Problem.of("services.plan.reason.alreadyAbsent"));
            }
            if (!allowDelete) {
                return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.deleteNotAllowed"));
            }
            if (kind == Kind.BUILTIN) {
                return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.builtin"));
            }
            if (kind == Kind.OTHER && !force) {
                return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.other", ownerValues(cur)));
            }
            return step(ImportPlan.Action.DELETE, in, curName, Problem.of("services.plan.reason.delete"));
        }
        if (in.name() == null) {
            return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.noName"));
        }
        Problem bad = ServiceRules.nameProblem(in.name());
        if (bad != null) {
            return step(ImportPlan.Action.REFUSED, in, curName, bad);
        }
        String name = in.name().strip();
        if (cur == null) {
            return step(ImportPlan.Action.ADD, in, null, Problem.of("services.plan.reason.new"));
        }
        if (name.equals(curName)) {
            return step(ImportPlan.Action.UNCHANGED, in, curName, Problem.of("services.plan.reason.same"));
        }
        if (kind == Kind.BUILTIN) {
            return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.builtin"));
        }
        if (kind == Kind.OTHER && !force) {
            return step(ImportPlan.Action.REFUSED, in, curName, Problem.of("services.plan.reason.other", ownerValues(cur)));
        }
        return step(ImportPlan.Action.UPDATE_NAME, in, curName, Problem.of("services.plan.reason.rename", curName == null ? "—" : curName));
    }

    @Override
    public ImportPlan.Result apply(ImportPlan plan) {
        Optional<Problem> refused = plan.refusal();
        if (refused.isPresent()) {
            throw new InvalidInputException(refused.get());
        }
        ImportPlan.Result result = new ImportPlan.Result(0, 0, 0,
                (int) plan.count(ImportPlan.Action.UNCHANGED), 0);
        List<ImportPlan.Step> changes = plan.changes();
        if (changes.isEmpty()) {
            return result;
        }
        return locked(() -> {
            Map<Guid, StoredEntry> now = current();
            List<StoredEntry> puts = new ArrayList<>();
            List<Guid> deletes = new ArrayList<>();
            List<UndoJournal.Before> before = new ArrayList<>();
            List<UndoJournal.Before> after = new ArrayList<>();
            int added = 0;
            int renamed = 0;
            int deleted = 0;
            for (ImportPlan.Step s : changes) {
                ImportPlan.Entry in = s.entry();
                StoredEntry cur = now.get(in.id());
                // the plan was computed against an earlier state: refuse to apply a stale plan
                if (!Objects.equals(cur == null ? null : cur.name(), s.currentName())
                        || (s.action() == ImportPlan.Action.ADD) != (cur == null)) {
                    throw new InvalidInputException(Problem.of("error.services.plan.stale", in.id()));
                }
                before.add(UndoJournal.Before.of(in.id(), cur));
                switch (s.action()) {
                    case ADD -> {
                        // the file's values, as regedit would write them: an entry another tool made
                        // stays another tool's entry after an export and import
                        StoredEntry e = new StoredEntry(in.id(), in.name().strip(), in.createdBy(), in.createdAt());
                        puts.add(e);
                        after.add(UndoJournal.Before.of(in.id(), e));
                        added++;
                    }
                    case UPDATE_NAME -> {
                        StoredEntry e = cur.withName(in.name().strip());
                        puts.add(e);
                        after.add(UndoJournal.Before.of(in.id(), e));
                        renamed++;
                    }
                    case DELETE -> {
                        deletes.add(in.id());
                        after.add(UndoJournal.Before.of(in.id(), null));
                        deleted++;
                    }
                    default -> throw new IllegalStateException(s.action().name());
                }
            }
            requireWritable();
            change("import", before, after, puts, deletes);
            return new ImportPlan.Result(added, renamed, deleted, result.unchanged(), 0);
        });
    }

    @Override
    public Optional<UndoableChange> lastChange() {
        if (policyStepIsNewer()) {
            return policies.lastChange();
        }
        return journal.peek(store.journalKey()).map(Registrations::describe);
    }

    /** Whether the newest step of the journal for these services is a policy change. */
    private boolean policyStepIsNewer() {
        if (policies == null) {
            return false;
        }
        OptionalLong theirs = policies.newestSeq();
        OptionalLong mine = journal.newestSeq(store.journalKey());
        return theirs.isPresent() && (mine.isEmpty() || theirs.getAsLong() > mine.getAsLong());
    }

    private static UndoableChange describe(UndoJournal.Change c) {
        return new UndoableChange(c.action(), c.before().stream().map(UndoJournal.Before::guid).toList(), c.at());
    }

    /**
     * Reverts the newest step under the store's lock, so parallel undos revert one step each:
     * the second one finds the step before it, or nothing.
     */
    @Override
    public UndoableChange undo() {
        return locked(() -> {
            if (policyStepIsNewer()) {
                // a policy change needs Hyper-V rights, not a writable registry: the policies check those
                return policies.undo();
            }
            UndoJournal.Step step = journal.newest(store.journalKey())
                    .orElseThrow(() -> new InvalidInputException(Problem.of("error.services.undo.nothing")));
            UndoJournal.Change c = step.change();
            requireWritable();
            Map<Guid, StoredEntry> now = current();
            if (c.after() != null) {
                // someone changed an entry after us: undoing would silently overwrite their change
                for (UndoJournal.Before a : c.after()) {
                    if (!Objects.equals(a.entry(), now.get(a.guid()))) {
                        // it can never be undone safely now: drop it so older changes stay reachable
                        journal.remove(step.seq());
                        throw new InvalidInputException(Problem.of("error.services.undo.changed", a.guid(),
                                Messages.get(describe(c).labelKey())));
                    }
                }
            }
            Revert r = revert(c.before(), now);
            try {
                store.applyAll(r.puts(), r.deletes());
            } catch (RuntimeException ex) {
                // back to the state the step records as "after", so the step stays undoable
                if (c.after() != null) {
                    restoreOrRecord(step.seq(), c, c.after(), ex);
                }
                throw ex;
            }
            journal.remove(step.seq());
            return describe(c);
        });
    }

    /** The writes that bring the entries back to {@code target}. */
    private record Revert(List<StoredEntry> puts, List<Guid> deletes) {
        boolean isEmpty() {
            return puts.isEmpty() && deletes.isEmpty();
        }
    }

    private static Revert revert(List<UndoJournal.Before> target, Map<Guid, StoredEntry> now) {
        List<StoredEntry> puts = new ArrayList<>();
        List<Guid> deletes = new ArrayList<>();
        for (UndoJournal.Before b : target) {
            StoredEntry then = b.entry();
            StoredEntry cur = now.get(b.guid());
            if (then == null) {
                if (cur != null) {
                    deletes.add(b.guid());
                }
            } else if (!then.equals(cur)) {
                if (cur != null && (then.name() == null && cur.name() != null
                        || then.createdBy() == null && cur.createdBy() != null
                        || then.createdAt() == null && cur.createdAt() != null)) {
                    // stores keep values that are not given: recreate the key to drop them
                    deletes.add(b.guid());
                }
                puts.add(then);
            }
        }
        return new Revert(puts, deletes);
    }

    @Override
    public Writability writability() {
        return store.writability();
    }

    @Override
    public String location() {
        return store.location();
    }

    @Override
    public AutoCloseable watch(Runnable onChange) {
        return store.watch(onChange);
    }
}
