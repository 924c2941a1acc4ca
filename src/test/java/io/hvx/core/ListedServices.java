package io.hvx.core;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A read-only stand-in registry that lists fixed registrations and counts how often it was
 * read; every change is refused as a defect of the test. For tests of what reads names.
 */
public final class ListedServices implements ServiceRegistry {

    private final List<ServiceRegistration> entries;
    /** How many times {@link #list()} was called. */
    public final AtomicInteger reads = new AtomicInteger();

    public ListedServices(List<ServiceRegistration> entries) {
        this.entries = List.copyOf(entries);
    }

    /** A registration created by another tool, with {@code name}. */
    public static ServiceRegistration entry(Guid id, String name) {
        return ServiceRegistration.of(id, name, null, null);
    }

    @Override
    public List<ServiceRegistration> list() {
        reads.incrementAndGet();
        return entries;
    }

    private static AssertionError readOnly() {
        return new AssertionError("this stand-in registry is read-only");
    }

    @Override
    public ServiceRegistration add(Guid id, String name, boolean allowDuplicateName) {
        throw readOnly();
    }

    @Override
    public ServiceRegistration rename(Guid id, String name, boolean force, boolean allowDuplicateName) {
        throw readOnly();
    }

    @Override
    public ServiceRegistration remove(Guid id, boolean force) {
        throw readOnly();
    }

    @Override
    public ServiceRegistration editable(Guid id, boolean force) {
        throw readOnly();
    }

    @Override
    public ImportPlan plan(List<ImportPlan.Entry> entries, boolean allowDelete, boolean force) {
        throw readOnly();
    }

    @Override
    public ImportPlan.Result apply(ImportPlan plan) {
        throw readOnly();
    }

    @Override
    public Optional<UndoableChange> lastChange() {
        return Optional.empty();
    }

    @Override
    public UndoableChange undo() {
        throw readOnly();
    }

    @Override
    public Writability writability() {
        return Writability.no(Problem.of("error.services.readOnly.guest", "stand-in"), false);
    }

    @Override
    public String location() {
        return "stand-in";
    }

    @Override
    public AutoCloseable watch(Runnable onChange) {
        return () -> { };
    }
}
