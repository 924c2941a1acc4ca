package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.NameResolver;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.ServiceRegistry.UndoableChange;
import io.hvx.files.FileLocks;
import io.hvx.registry.PolicyStore.Setting;
import io.hvx.registry.PolicyStore.Snapshot;
import io.hvx.registry.PolicyStore.VmSettings;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The {@link ServicePolicies} rules, once for every store: a policy is set only for a registered
 * service, a change that changes nothing writes nothing, and every change is one step of the undo
 * journal (shared with the registrations, so {@code hvx services undo} reverts whichever changed
 * last; see {@link Registrations#undo()}).
 *
 * <p>Each change runs under the store's lock: the current policies are read, the step is recorded
 * and the store written, while no other hvx process changes them. A write that fails part-way (a
 * Hyper-V job failing for the third of five VMs) leaves the step recording what really changed,
 * so undo reverts exactly that; a write that changed nothing leaves no step.
 */
public final class Policies implements ServicePolicies {

    private static final Comparator<Row> SERVICE_ORDER = Comparator
            .comparing((Row r) -> r.serviceName() == null ? null : r.serviceName().toLowerCase(Locale.ROOT),
                    Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(Row::serviceId);

    private final PolicyStore store;
    private final RegistryStore services;
    private final UndoJournal journal;
    private final Clock clock;
    private final Path lockFile;

    /**
     * @param services the registrations: which services may get a policy, and their names
     */
    public Policies(PolicyStore store, RegistryStore services, UndoJournal journal, Clock clock) {
        this.store = store;
        this.services = services;
        this.journal = journal;
        this.clock = clock;
        this.lockFile = store.lockFile().orElseGet(() -> journal.storeLockFile(store.journalKey()));
    }

    /**
     * The same rules and journal over another store of the same policies (the GUI's long-lived
     * PowerShell instead of one process per request): steps of either are undone by either.
     */
    public Policies over(PolicyStore other) {
        return new Policies(other, services, journal, clock);
    }

    /** The key of this store's steps in the undo journal. */
    public String journalKey() {
        return store.journalKey();
    }

    @Override
    public Table table() {
        return tableOf(store.read());
    }

    @Override
    public Table of(Guid vmId) {
        return tableOf(store.read(vmId));
    }

    @Override
    public Result set(Guid vmId, Guid serviceId, ServicePolicy policy) {
        Map<Guid, String> names = registered(serviceId);
        return locked(() -> {
            VmSettings vm = store.read(vmId).vm(vmId)
                    .orElseThrow(() -> new InvalidInputException(Problem.of("vms.error.unknownId", vmId)));
            return change(List.of(vm), serviceId, policy, names);
        });
    }

    @Override
    public Result setOnAllVms(Guid serviceId, ServicePolicy policy) {
        Map<Guid, String> names = registered(serviceId);
        return locked(() -> change(store.read().vms(), serviceId, policy, names));
    }

    /** The registered services with their names; refuses {@code serviceId} when it is not one. */
    private Map<Guid, String> registered(Guid serviceId) {
        Map<Guid, String> names = registeredNames();
        if (!names.containsKey(serviceId)) {
            throw new InvalidInputException(Problem.of("error.policy.notRegistered", serviceId));
        }
        return names;
    }

    private Map<Guid, String> registeredNames() {
        Map<Guid, String> names = new LinkedHashMap<>();
        for (StoredEntry e : services.read()) {
            names.put(e.id(), e.name());
        }
        return names;
    }

    private Result change(List<VmSettings> vms, Guid serviceId, ServicePolicy policy, Map<Guid, String> names) {
        List<UndoJournal.PolicyState> before = new ArrayList<>();
        List<UndoJournal.PolicyState> after = new ArrayList<>();
        List<Setting> writes = new ArrayList<>();
        List<Row> changed = new ArrayList<>();
        int unchanged = 0;
        for (VmSettings v : vms) {
            ServicePolicy current = v.policy(serviceId);
            if (current == policy) {
                unchanged++;
                continue;
            }
            before.add(state(v.vmId(), serviceId, current));
            after.add(state(v.vmId(), serviceId, policy));
            writes.add(new Setting(v.vmId(), serviceId, policy));
            changed.add(row(v, serviceId, policy, null, names));
        }
        if (!writes.isEmpty()) {
            record(before, after, writes);
        }
        return new Result(changed, unchanged);
    }

    /**
     * Records the step, then writes. When the write fails, the step is made to record what the
     * store really holds now (or dropped when nothing changed), then the failure is thrown. Call
     * under the lock.
     */
    private void record(List<UndoJournal.PolicyState> before, List<UndoJournal.PolicyState> after, List<Setting> writes) {
        UndoJournal.PolicyChange step = new UndoJournal.PolicyChange(store.journalKey(), now(), before, after);
        long seq = journal.push(step);
        try {
            store.write(writes);
        } catch (RuntimeException ex) {
            settle(seq, step, ex);
            throw ex;
        }
    }

    /** After a failed write: the step records the state the store really has, or goes. */
    private void settle(long seq, UndoJournal.PolicyChange step, RuntimeException cause) {
        try {
            List<UndoJournal.PolicyState> actual = current(step.before(), store.read());
            if (actual.equals(step.before())) {
                journal.remove(seq);
            } else {
                journal.replace(seq, step.withAfter(actual));
            }
        } catch (RuntimeException unreadable) {
            // the step keeps the intended "after": undo then refuses rather than guess
            cause.addSuppressed(unreadable);
        }
    }

    /** The current policies of the pairs {@code states} names (a VM that is gone reads as absent). */
    private static List<UndoJournal.PolicyState> current(List<UndoJournal.PolicyState> states, Snapshot now) {
        List<UndoJournal.PolicyState> out = new ArrayList<>();
        for (UndoJournal.PolicyState s : states) {
            Guid vm = Guid.parse(s.vm());
            Guid service = Guid.parse(s.service());
            out.add(now.vm(vm).map(v -> state(vm, service, v.policy(service)))
                    .orElse(new UndoJournal.PolicyState(vm.toString(), service.toString(), null)));
        }
        return out;
    }

    /** The newest policy change that {@link #undo()} would revert, if any. */
    public Optional<UndoableChange> lastChange() {
        return journal.newestPolicy(store.journalKey()).map(s -> describe(s.change()));
    }

    /** The sequence number of the newest policy step, for telling it from a registration step. */
    OptionalLong newestSeq() {
        return journal.newestSeq(store.journalKey());
    }

    /**
     * Reverts the newest policy change under the store's lock. When a policy was changed since
     * (by hvx or Hyper-V Manager), undo refuses instead of overwriting that change, and drops the
     * step so older ones stay reachable.
     *
     * @throws InvalidInputException when there is nothing to undo or the policies changed since
     */
    public UndoableChange undo() {
        return locked(() -> {
            UndoJournal.PolicyStep step = journal.newestPolicy(store.journalKey())
                    .orElseThrow(() -> new InvalidInputException(Problem.of("error.services.undo.nothing")));
            UndoJournal.PolicyChange c = step.change();
            Snapshot now = store.read();
            List<UndoJournal.PolicyState> actual = current(c.after(), now);
            for (int i = 0; i < actual.size(); i++) {
                if (!sameState(actual.get(i), c.after().get(i))) {
                    journal.remove(step.seq());
                    UndoJournal.PolicyState a = c.after().get(i);
                    throw new InvalidInputException(Problem.of("error.policy.undo.changed", a.service(), a.vm()));
                }
            }
            List<Setting> writes = new ArrayList<>();
            for (UndoJournal.PolicyState b : c.before()) {
                writes.add(new Setting(Guid.parse(b.vm()), Guid.parse(b.service()),
                        ServicePolicy.byId(b.policy()).orElseThrow()));
            }
            store.write(writes);
            journal.remove(step.seq());
            return describe(c);
        });
    }

    private static boolean sameState(UndoJournal.PolicyState a, UndoJournal.PolicyState b) {
        return a.policy() != null && b.policy() != null
                && ServicePolicy.byId(a.policy()).equals(ServicePolicy.byId(b.policy()));
    }

    private static UndoableChange describe(UndoJournal.PolicyChange c) {
        Set<Guid> ids = new LinkedHashSet<>();
        for (UndoJournal.PolicyState s : c.before()) {
            ids.add(Guid.parse(s.service()));
        }
        return new UndoableChange(UndoJournal.POLICY_ACTION, List.copyOf(ids), c.at());
    }

    private Table tableOf(Snapshot snapshot) {
        Map<Guid, String> names = registeredNames();
        List<NameResolver.Named> vms = new ArrayList<>();
        List<Row> rows = new ArrayList<>();
        for (VmSettings v : snapshot.vms()) {
            vms.add(new NameResolver.Named(v.vmId(), v.vmName()));
            Set<Guid> ids = new LinkedHashSet<>(names.keySet());
            ids.addAll(v.policies().keySet());
            ids.addAll(v.reported().keySet());
            List<Row> mine = new ArrayList<>();
            for (Guid id : ids) {
                mine.add(row(v, id, v.policy(id), v.reported().get(id), names));
            }
            mine.sort(SERVICE_ORDER);
            rows.addAll(mine);
        }
        return new Table(vms, rows, snapshot.note());
    }

    /**
     * A row: the effective state is what Hyper-V reported when it did, else what the policy (and
     * for a deferred one, the VM's default) says.
     */
    private static Row row(VmSettings v, Guid serviceId, ServicePolicy policy, Boolean reported, Map<Guid, String> names) {
        Effective effective;
        if (reported != null) {
            effective = reported ? Effective.ENABLED : Effective.DISABLED;
        } else {
            ServicePolicy decides = policy == ServicePolicy.DEFERRED ? v.defaultPolicy() : policy;
            effective = decides == ServicePolicy.ENABLED ? Effective.ENABLED
                    : decides == ServicePolicy.DISABLED ? Effective.DISABLED : Effective.UNKNOWN;
        }
        return new Row(v.vmId(), v.vmName(), serviceId, names.get(serviceId), policy, effective, reported != null,
                names.containsKey(serviceId));
    }

    private static UndoJournal.PolicyState state(Guid vm, Guid service, ServicePolicy p) {
        return new UndoJournal.PolicyState(vm.toString(), service.toString(), p.id());
    }

    private String now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** Runs {@code body} holding the store's lock. */
    <T> T locked(Supplier<T> body) {
        try (FileLocks.Held l = FileLocks.lock(lockFile, store.location())) {
            return body.get();
        }
    }

    /** Where the policies live. */
    public String location() {
        return store.location();
    }
}
