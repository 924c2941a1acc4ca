package io.hvx.ui.services;

import io.hvx.ui.common.TaskRunner;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.HvxException;
import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.registry.ServiceFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and actions of the Services view: the registrations, the filter, the selection (kept
 * across refreshes), whether the store is writable, the last change that can be undone, and
 * the outcome of the last action as a sentence. Blocking calls go through {@link TaskRunner}.
 */
public final class ServicesViewModel {

    /** Ready-to-paste forms offered by the context menu. */
    public enum CopyForm { GUID, POWERSHELL, C, REGISTRY_PATH }

    private final ServiceRegistry registry;
    private final TaskRunner tasks;
    private final ObservableList<ServiceRegistration> all = FXCollections.observableArrayList();
    private final FilteredList<ServiceRegistration> visible = new FilteredList<>(all, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<ServiceRegistration> selected = new SimpleObjectProperty<>();
    private final BooleanProperty writable = new SimpleBooleanProperty(false);
    private final BooleanProperty needsElevation = new SimpleBooleanProperty(false);
    private final StringProperty readOnlyReason = new SimpleStringProperty();
    private final ObjectProperty<ServiceRegistry.UndoableChange> lastChange = new SimpleObjectProperty<>();
    private final BooleanProperty canUndo = new SimpleBooleanProperty(false);
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty();
    private final StringProperty errorDetail = new SimpleStringProperty();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private AutoCloseable watch;
    private Consumer<Guid> reselect;

    public ServicesViewModel(ServiceRegistry registry, TaskRunner tasks) {
        this.registry = registry;
        this.tasks = tasks;
        filter.addListener((o, a, b) -> visible.setPredicate(r -> matches(r, b)));
        lastChange.addListener((o, a, b) -> canUndo.set(b != null && writable.get()));
        writable.addListener((o, a, b) -> canUndo.set(lastChange.get() != null && b));
    }

    /** Whether {@code r} matches the filter text: name, GUID, kind or vsock port. */
    static boolean matches(ServiceRegistration r, String text) {
        if (text == null || text.isBlank()) {
            return true;
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        return (r.name() != null && r.name().toLowerCase(Locale.ROOT).contains(t))
                || r.id().toString().contains(t)
                || r.kind().id().equals(t)
                || Messages.get(r.kind().labelKey()).toLowerCase(Locale.ROOT).equals(t)
                || (r.vsockPort() != null && r.vsockPort().toString().equals(t))
                || (r.createdBy() != null && r.createdBy().toLowerCase(Locale.ROOT).contains(t));
    }

    public ObservableList<ServiceRegistration> all() {
        return all;
    }

    /** The registrations passing the filter (sort them in the view). */
    public FilteredList<ServiceRegistration> visible() {
        return visible;
    }

    public StringProperty filterProperty() {
        return filter;
    }

    public ObjectProperty<ServiceRegistration> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable;
    }

    public ReadOnlyBooleanProperty needsElevationProperty() {
        return needsElevation;
    }

    public StringProperty readOnlyReasonProperty() {
        return readOnlyReason;
    }

    public ReadOnlyBooleanProperty canUndoProperty() {
        return canUndo;
    }

    public ObjectProperty<ServiceRegistry.UndoableChange> lastChangeProperty() {
        return lastChange;
    }

    /** The outcome of the last action, as a sentence. */
    public StringProperty statusProperty() {
        return status;
    }

    /** The last failure as a sentence, or null. */
    public StringProperty errorProperty() {
        return error;
    }

    /** Technical detail of the last failure (error code, file position), or null. */
    public StringProperty errorDetailProperty() {
        return errorDetail;
    }

    public BooleanProperty busyProperty() {
        return busy;
    }

    /** Where the registrations live. */
    public String location() {
        return registry.location();
    }

    /**
     * Called by the view when a refresh replaced the items, to select the same service again
     * in its own (sorted) list.
     */
    public void onReselect(Consumer<Guid> reselect) {
        this.reselect = reselect;
    }

    private record Snapshot(List<ServiceRegistration> list, ServiceRegistry.Writability writability,
                            Optional<ServiceRegistry.UndoableChange> last) {
    }

    /** Reads everything again; the selection stays on the same service when it still exists. */
    public void refresh() {
        refresh(null);
    }

    private void refresh(Guid select) {
        busy.set(true);
        tasks.run(() -> {
            ServiceRegistry.Writability w = registry.writability();
            Optional<ServiceRegistry.UndoableChange> last = registry.lastChange();
            return new Snapshot(registry.list(), w, last);
        }, s -> {
            busy.set(false);
            Guid keep = select != null ? select : selected.get() == null ? null : selected.get().id();
            all.setAll(s.list());
            writable.set(s.writability().writable());
            needsElevation.set(s.writability().needsElevation());
            readOnlyReason.set(s.writability().reason() == null ? null : s.writability().reason().message());
            lastChange.set(s.last().orElse(null));
            ServiceRegistration again = keep == null ? null
                    : all.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null);
            selected.set(again);
            if (reselect != null) {
                reselect.accept(again == null ? null : again.id());
            }
        }, this::fail);
    }

    private void fail(Throwable t) {
        busy.set(false);
        if (t instanceof HvxException h) {
            error.set(h.getMessage());
            errorDetail.set(h.detail());
        } else {
            error.set(Messages.get("cli.error.unexpected", String.valueOf(t)));
            errorDetail.set(String.valueOf(t));
        }
    }

    private void succeed(String message, Guid select) {
        error.set(null);
        errorDetail.set(null);
        status.set(message);
        refresh(select);
    }

    /** Starts following changes made outside the app; {@link #dispose()} stops it. */
    public void startWatching() {
        if (watch == null) {
            // the watcher calls from its own thread: hop to the UI thread before touching state
            watch = registry.watch(() -> tasks.later(this::refresh));
        }
    }

    public void dispose() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                // stopping a watcher cannot fail in a way the user could act on
            }
            watch = null;
        }
    }

    /** A fresh Add form over the current list. */
    public AddServiceForm newAddForm() {
        return new AddServiceForm(List.copyOf(all));
    }

    public void add(Guid id, String name) {
        busy.set(true);
        tasks.run(() -> registry.add(id, name),
                r -> succeed(Messages.get("services.status.added", r.name(), r.id()), r.id()), this::fail);
    }

    public void rename(Guid id, String name, boolean force) {
        busy.set(true);
        tasks.run(() -> registry.rename(id, name, force),
                r -> succeed(Messages.get("services.status.renamed", r.name(), r.id()), r.id()), this::fail);
    }

    public void remove(Guid id, boolean force) {
        busy.set(true);
        tasks.run(() -> registry.remove(id, force),
                r -> succeed(Messages.get("services.status.removed", r.name() == null ? "—" : r.name(), r.id()), null),
                this::fail);
    }

    public void undo() {
        if (!canUndo.get()) {
            return;
        }
        busy.set(true);
        tasks.run(registry::undo, c -> succeed(Messages.get("services.status.undone", Messages.get(c.labelKey()),
                c.ids().size()), c.ids().size() == 1 ? c.ids().getFirst() : null), this::fail);
    }

    /** Exports {@code entries} (all when empty) to {@code file} in {@code format}. */
    public void export(List<ServiceRegistration> entries, ServiceFiles.Format format, Path file) {
        List<ServiceRegistration> chosen = entries.isEmpty() ? List.copyOf(all) : List.copyOf(entries);
        busy.set(true);
        tasks.run(() -> {
            ServiceFiles.export(format, chosen, file);
            return chosen.size();
        }, n -> {
            busy.set(false);
            error.set(null);
            status.set(Messages.get("services.exported", n, file));
        }, this::fail);
    }

    /** Reads {@code file} and computes its import plan, handing it to {@code onPlan}. */
    public void planImport(Path file, boolean allowDelete, boolean force, Consumer<ImportPlan> onPlan) {
        busy.set(true);
        tasks.run(() -> registry.plan(ServiceFiles.read(file), allowDelete, force), p -> {
            busy.set(false);
            error.set(null);
            onPlan.accept(p);
        }, this::fail);
    }

    public void applyImport(ImportPlan plan) {
        busy.set(true);
        tasks.run(() -> registry.apply(plan), r -> succeed(Messages.get("services.status.imported",
                r.added(), r.renamed(), r.deleted()), null), this::fail);
    }

    /** The text the context menu copies. */
    public static String copyText(ServiceRegistration r, CopyForm form) {
        GuidFacts f = GuidFacts.of(r.id());
        return switch (form) {
            case GUID -> r.id().toString();
            case POWERSHELL -> f.powerShell();
            case C -> f.cDefineGuid(f.suggestedSymbol());
            case REGISTRY_PATH -> f.registryPath();
        };
    }

    /** Clears the error banner. */
    public void dismissError() {
        error.set(null);
        errorDetail.set(null);
    }
}
