package io.hvx.registry;

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
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@link ServiceRegistry} rules, once for every store: validation, protection of built-in
 * and other tools' entries, and the undo journal. Every check runs before the store is touched,
 * so a refused operation leaves it byte-identical.
 */
public final class Registrations implements ServiceRegistry {

    private final RegistryStore store;
    private final UndoJournal journal;
    private final String creator;
    private final Clock clock;

    /**
     * @param creator the {@code CreatedBy} value written on new entries (e.g. "hvx 0.1.0")
     */
    public Registrations(RegistryStore store, UndoJournal journal, String creator, Clock clock) {
        this.store = store;
        this.journal = journal;
        this.creator = creator;
        this.clock = clock;
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

    @Override
    public ServiceRegistration add(Guid id, String name) {
        Objects.requireNonNull(id, "id");
        String n = ServiceRules.name(name);
        StoredEntry existing = current().get(id);
        if (existing != null) {
            throw new InvalidInputException(Problem.of("error.services.duplicate", id,
                    existing.name() == null ? "" : existing.name()));
        }
        requireWritable();
        StoredEntry entry = new StoredEntry(id, n, creator, now());
        change("add", List.of(UndoJournal.Before.of(id, null)), List.of(UndoJournal.Before.of(id, entry)),
                () -> store.put(entry));
        return toRegistration(entry);
    }

    @Override
    public ServiceRegistration rename(Guid id, String name, boolean force) {
        String n = ServiceRules.name(name);
        StoredEntry e = existing(id);
        protect(e, force, false);
        requireWritable();
        if (n.equals(e.name())) {
            return toRegistration(e);
        }
        StoredEntry renamed = e.withName(n);
        change("rename", List.of(UndoJournal.Before.of(id, e)), List.of(UndoJournal.Before.of(id, renamed)),
                () -> store.put(renamed));
        return toRegistration(renamed);
    }

    @Override
    public ServiceRegistration remove(Guid id, boolean force) {
        StoredEntry e = existing(id);
        protect(e, force, true);
        requireWritable();
        change("remove", List.of(UndoJournal.Before.of(id, e)), List.of(UndoJournal.Before.of(id, null)),
                () -> store.delete(id));
        return toRegistration(e);
    }

    @Override
    public ServiceRegistration editable(Guid id, boolean force) {
        StoredEntry e = existing(id);
        protect(e, force, true);
        return toRegistration(e);
    }

    private StoredEntry existing(Guid id) {
        StoredEntry e = current().get(id);
        if (e == null) {
            throw new InvalidInputException(Problem.of("error.services.notFound", String.valueOf(id)));
        }
        return e;
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

    /** Records the previous state, then makes the change; a failed change leaves no record. */
    private void change(String action, List<UndoJournal.Before> before, List<UndoJournal.Before> after, Runnable write) {
        UndoJournal.Change c = new UndoJournal.Change(store.journalKey(), action, now(), before, after);
        journal.push(c);
        try {
            write.run();
        } catch (RuntimeException ex) {
            journal.remove(c);
            throw ex;
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
                steps.add(step(ImportPlan.Action.REFUSED, in, curName,
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
        Map<Guid, StoredEntry> now = current();
        List<StoredEntry> puts = new ArrayList<>();
        List<Guid> deletes = new ArrayList<>();
        List<UndoJournal.Before> before = new ArrayList<>();
        List<UndoJournal.Before> after = new ArrayList<>();
        int added = 0;
        int renamed = 0;
        int deleted = 0;
        for (ImportPlan.Step s : plan.changes()) {
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
                    puts.add(cur.withName(in.name().strip()));
                    after.add(UndoJournal.Before.of(in.id(), cur.withName(in.name().strip())));
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
        if (!before.isEmpty()) {
            requireWritable();
            change("import", before, after, () -> store.applyAll(puts, deletes));
        }
        return new ImportPlan.Result(added, renamed, deleted,
                (int) plan.count(ImportPlan.Action.UNCHANGED), (int) plan.count(ImportPlan.Action.REFUSED));
    }

    @Override
    public Optional<UndoableChange> lastChange() {
        return journal.peek(store.journalKey()).map(Registrations::describe);
    }

    private static UndoableChange describe(UndoJournal.Change c) {
        return new UndoableChange(c.action(), c.before().stream().map(UndoJournal.Before::guid).toList(), c.at());
    }

    @Override
    public UndoableChange undo() {
        UndoJournal.Change c = journal.peek(store.journalKey())
                .orElseThrow(() -> new InvalidInputException(Problem.of("error.services.undo.nothing")));
        requireWritable();
        Map<Guid, StoredEntry> now = current();
        if (c.after() != null) {
            // someone changed an entry after us: undoing would silently overwrite their change
            for (UndoJournal.Before a : c.after()) {
                if (!java.util.Objects.equals(a.entry(), now.get(a.guid()))) {
                    // it can never be undone safely now: drop it so older changes stay reachable
                    journal.remove(c);
                    throw new InvalidInputException(Problem.of("error.services.undo.changed", a.guid(),
                            Messages.get(describe(c).labelKey())));
                }
            }
        }
        List<StoredEntry> puts = new ArrayList<>();
        List<Guid> deletes = new ArrayList<>();
        for (UndoJournal.Before b : c.before()) {
            StoredEntry then = b.entry();
            StoredEntry cur = now.get(b.guid());
            if (then == null) {
                if (cur != null) {
                    deletes.add(b.guid());
                }
            } else if (!then.equals(cur)) {
                if (cur != null && then.name() == null && cur.name() != null) {
                    // stores keep values that are not given: recreate the key to drop the name
                    deletes.add(b.guid());
                }
                puts.add(then);
            }
        }
        store.applyAll(puts, deletes);
        journal.remove(c);
        return describe(c);
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
