package io.hvx.ui.services;

import io.hvx.core.DuplicateNameException;
import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.core.ServiceFormats;
import io.hvx.core.ServiceFormats.FileFormat;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.TextSafety;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DialogService.ChosenFile;
import io.hvx.ui.common.DialogService.Confirmation;
import io.hvx.ui.common.DialogService.FileFilter;
import io.hvx.ui.common.DialogService.FileQuestion;
import io.hvx.ui.common.DialogService.TextQuestion;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * State and actions of the Services view: the registrations, the filter, the selection (kept
 * across refreshes), whether the store is writable, the last change that can be undone, the
 * outcome of the last action as a sentence and the last failure as an {@link ErrorText}.
 *
 * <p>Every action is one method the view's button calls; it asks the user through the
 * {@link DialogService}, runs the blocking call through the {@link TaskRunner}, and leaves its
 * outcome in {@link #statusProperty()} or {@link #errorProperty()}. The view only binds.
 */
public final class ServicesViewModel {

    /** Ready-to-paste forms offered by the context menu. */
    public enum CopyForm { GUID, POWERSHELL, C, REGISTRY_PATH }

    private static final System.Logger LOG = System.getLogger(ServicesViewModel.class.getName());

    private final ServiceRegistry registry;
    private final ServiceFormats formats;
    private final ElevatedRestart restart;
    private final Runnable closeApp;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ObservableList<ServiceRegistration> all = FXCollections.observableArrayList();
    private final FilteredList<ServiceRegistration> visible = new FilteredList<>(all, r -> true);
    private final StringProperty filter = new SimpleStringProperty("");
    private final ObjectProperty<ServiceRegistration> selected = new SimpleObjectProperty<>();
    private final BooleanProperty writable = new SimpleBooleanProperty(false);
    private final BooleanProperty needsElevation = new SimpleBooleanProperty(false);
    private final StringProperty readOnlyReason = new SimpleStringProperty();
    private final ObjectProperty<ServiceRegistry.UndoableChange> lastChange = new SimpleObjectProperty<>();
    private final BooleanBinding canUndo = lastChange.isNotNull().and(writable);
    private final BooleanBinding canEdit = Bindings.createBooleanBinding(() -> writable.get()
            && selected.get() != null && selected.get().kind() != ServiceRegistration.Kind.BUILTIN, writable, selected);
    private final StringProperty status = new SimpleStringProperty("");
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    private final BooleanProperty busy = new SimpleBooleanProperty(false);
    private AutoCloseable watch;
    private boolean replacingList;

    /**
     * @param restart  restarts the app elevated from the read-only banner (null: not offered)
     * @param closeApp closes the app once the elevated instance has started
     */
    public ServicesViewModel(ServiceRegistry registry, ServiceFormats formats, ElevatedRestart restart,
                             Runnable closeApp, TaskRunner tasks, DialogService dialogs) {
        this.registry = registry;
        this.formats = formats;
        this.restart = restart;
        this.closeApp = closeApp;
        this.tasks = tasks;
        this.dialogs = dialogs;
        filter.addListener((o, a, b) -> visible.setPredicate(r -> matches(r, b)));
    }

    /** Whether {@code r} matches the filter text: name, GUID, kind, vsock port or creator. */
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

    /** The selected registration; the view's table follows it and sets it. */
    public ObjectProperty<ServiceRegistration> selectedProperty() {
        return selected;
    }

    public ReadOnlyBooleanProperty writableProperty() {
        return writable;
    }

    public ReadOnlyBooleanProperty needsElevationProperty() {
        return needsElevation;
    }

    /** Why the store cannot be written, or null. */
    public ReadOnlyStringProperty readOnlyReasonProperty() {
        return readOnlyReason;
    }

    public ObservableBooleanValue canUndo() {
        return canUndo;
    }

    /** Whether Rename and Remove apply to the selection (writable, selected, not built-in). */
    public ObservableBooleanValue canEdit() {
        return canEdit;
    }

    /** Whether the read-only banner offers Restart as administrator. */
    public boolean canRestartElevated() {
        return restart != null && restart.available();
    }

    public ReadOnlyObjectProperty<ServiceRegistry.UndoableChange> lastChangeProperty() {
        return lastChange;
    }

    /** The outcome of the last action, as a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status;
    }

    /** The last failure, or null; the view's banner clears it when closed. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy;
    }

    /** Where the registrations live. */
    public String location() {
        return registry.location();
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
        tasks.run(() -> new Snapshot(registry.list(), registry.writability(), registry.lastChange()), s -> {
            Guid keep = select != null ? select : selected.get() == null ? null : selected.get().id();
            replacingList = true;
            try {
                // cleared first: an unchanged entry is equal to the old one, and setting an equal
                // value again would not tell the view to select it again in the new list
                selected.set(null);
                all.setAll(s.list());
            } finally {
                replacingList = false;
            }
            writable.set(s.writability().writable());
            needsElevation.set(s.writability().needsElevation());
            readOnlyReason.set(s.writability().reason() == null ? null : s.writability().reason().message());
            lastChange.set(s.last().orElse(null));
            selected.set(keep == null ? null : all.stream().filter(r -> r.id().equals(keep)).findFirst().orElse(null));
            busy.set(false);
        }, this::fail);
    }

    /**
     * Called by the view when its table selection changes; a selection lost only because the
     * list is being replaced is ignored (the refresh selects the same service again).
     */
    public void select(ServiceRegistration r) {
        if (!replacingList) {
            selected.set(r);
        }
    }

    private void fail(Throwable t) {
        busy.set(false);
        error.set(ErrorText.of(t));
    }

    private void succeed(String message, Guid select) {
        error.set(null);
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

    /** Stops following outside changes. */
    public void dispose() {
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Could not stop watching " + registry.location(), e);
            }
            watch = null;
        }
    }

    /** Asks for a new registration (Add dialog) and registers it. */
    public void add() {
        ask(new AddServiceForm(List.copyOf(all), formats));
    }

    /**
     * The Add dialog with a service ID (and a proposed name) filled in, e.g. for the doctor's
     * "register the service" fix; the user can still change both or cancel.
     */
    public void add(Guid id, String name) {
        AddServiceForm form = new AddServiceForm(List.copyOf(all), formats);
        form.prefill(id, name);
        ask(form);
    }

    private void ask(AddServiceForm form) {
        if (dialogs.showForm(form)) {
            Guid id = form.id();
            String name = form.name();
            changeName(allowDuplicate -> registry.add(id, name, allowDuplicate),
                    r -> Messages.get("services.status.added", r.name(), r.id()));
        }
    }

    /**
     * Runs a change that gives a service a name. When another registration has that name
     * already, asks whether to use it anyway (naming the others) and, if so, runs it again
     * allowing the duplicate; the check and the write stay under the store's lock each time.
     */
    private void changeName(Function<Boolean, ServiceRegistration> change,
                            Function<ServiceRegistration, String> done) {
        busy.set(true);
        tasks.run(() -> change.apply(false), r -> succeed(done.apply(r), r.id()), t -> {
            if (t instanceof DuplicateNameException taken) {
                busy.set(false);
                if (dialogs.confirm(Confirmation.warning(Messages.get("services.nameTaken.title"),
                        Messages.get("services.nameTaken.header", TextSafety.escapeControls(taken.name())),
                        Messages.get("services.nameTaken.content", holders(taken))))) {
                    busy.set(true);
                    tasks.run(() -> change.apply(true), r -> succeed(done.apply(r), r.id()), this::fail);
                }
                return;
            }
            fail(t);
        });
    }

    /** The entries that have a name already, one per line: name and GUID. */
    private static String holders(DuplicateNameException taken) {
        return String.join("\n", taken.holders().stream()
                .map(r -> Messages.get("services.nameTaken.holder", TextSafety.escapeControls(r.name()), r.id())).toList());
    }

    /** Asks for a new name of the selected entry (and, for another tool's entry, to confirm) and renames it. */
    public void rename() {
        ServiceRegistration r = selected.get();
        if (r == null || !canEdit.get()) {
            return;
        }
        Optional<String> name = dialogs.askText(new TextQuestion(Messages.get("services.rename.title"),
                Messages.get("services.rename.header", r.id()), Messages.get("services.rename.ok"), r.name(),
                text -> Optional.ofNullable(formats.nameProblem(text)).map(p -> p.message()).orElse(null)));
        if (name.isEmpty()) {
            return;
        }
        boolean force = r.kind() == ServiceRegistration.Kind.OTHER;
        if (force && !confirmOtherTools(r, Messages.key("services.rename.title"), Messages.key("services.rename.otherContent"))) {
            return;
        }
        changeName(allowDuplicate -> registry.rename(r.id(), name.get(), force, allowDuplicate),
                x -> Messages.get("services.status.renamed", x.name(), x.id()));
    }

    /** Confirms (twice for another tool's entry, naming its owner values) and removes the selected entry. */
    public void remove() {
        ServiceRegistration r = selected.get();
        if (r == null || !canEdit.get()) {
            return;
        }
        if (!dialogs.confirm(Confirmation.of(Messages.get("services.remove.title"),
                Messages.get("services.remove.header", r.name() == null ? "—" : r.name()),
                Messages.get("services.remove.content", r.id())))) {
            return;
        }
        boolean force = r.kind() == ServiceRegistration.Kind.OTHER;
        if (force && !confirmOtherTools(r, Messages.key("services.remove.title"), Messages.key("services.remove.otherContent"))) {
            return;
        }
        busy.set(true);
        tasks.run(() -> registry.remove(r.id(), force),
                x -> succeed(Messages.get("services.status.removed", x.name() == null ? "—" : x.name(), x.id()), null),
                this::fail);
    }

    /** The second question before changing another tool's entry, naming the values that say whose it is. */
    private boolean confirmOtherTools(ServiceRegistration r, String titleKey, String contentKey) {
        return dialogs.confirm(Confirmation.warning(Messages.get(titleKey), Messages.get("services.remove.otherHeader"),
                Messages.get(contentKey, formats.ownerValues(r))));
    }

    /** Reverts the last change. */
    public void undo() {
        if (!canUndo.get()) {
            return;
        }
        busy.set(true);
        tasks.run(registry::undo, c -> succeed(Messages.get("services.status.undone", Messages.get(c.labelKey()),
                c.ids().size()), c.ids().size() == 1 ? c.ids().getFirst() : null), this::fail);
    }

    /**
     * Asks where to export every registration and writes the file.
     *
     * @param preset the only format offered (the read-only banner's buttons), or null for all
     */
    public void export(FileFormat preset) {
        List<FileFormat> offered = preset == null ? List.of(FileFormat.values()) : List.of(preset);
        List<FileFilter> filters = offered.stream().map(f -> FileFilter.of(formatLabel(f), f.extension())).toList();
        String initial = "hvsocket-services." + (preset == null ? FileFormat.REG : preset).extension();
        Optional<ChosenFile> chosen = dialogs.chooseFileToSave(
                new FileQuestion(Messages.get("services.export.title"), filters, initial));
        if (chosen.isEmpty()) {
            return;
        }
        Path file = chosen.get().path();
        // the name's extension decides; a name without one is written in the format of the chosen filter
        int filter = filters.indexOf(chosen.get().filter());
        FileFormat format = FileFormat.byExtension(file.getFileName().toString())
                .filter(offered::contains)
                .orElse(filter < 0 ? offered.getFirst() : offered.get(filter));
        List<ServiceRegistration> entries = List.copyOf(all);
        busy.set(true);
        tasks.run(() -> {
            formats.export(format, entries, file);
            return entries.size();
        }, n -> {
            busy.set(false);
            error.set(null);
            status.set(Messages.get("services.exported", n, file));
        }, this::fail);
    }

    static String formatLabel(FileFormat f) {
        return switch (f) {
            case REG -> Messages.get("services.format.reg");
            case PS1 -> Messages.get("services.format.ps1");
            case JSON -> Messages.get("services.format.json");
        };
    }

    /** Asks for a file to import, then shows its plan (see {@link #importFrom}). */
    public void importFile() {
        dialogs.chooseFileToOpen(new FileQuestion(Messages.get("services.import.title"), List.of(
                FileFilter.of(Messages.get("services.format.importable"), "reg", "json"),
                FileFilter.of(Messages.get("services.format.all"), "*")), null)).ifPresent(this::importFrom);
    }

    /**
     * Reads {@code file}, shows what importing it would do (the user may allow deletions and
     * changes to other tools' entries, which plans again) and applies the plan shown last when
     * the user agrees. Nothing is written before that.
     */
    public void importFrom(Path file) {
        busy.set(true);
        tasks.run(() -> {
            List<ImportPlan.Entry> entries = formats.read(file);
            return new ImportPreview(file, entries, registry.plan(entries, false, false), registry, tasks);
        }, preview -> {
            busy.set(false);
            error.set(null);
            if (dialogs.showForm(preview)) {
                applyImport(preview.planProperty().get());
            }
        }, this::fail);
    }

    private void applyImport(ImportPlan plan) {
        busy.set(true);
        tasks.run(() -> registry.apply(plan), r -> succeed(Messages.get("services.status.imported",
                r.added(), r.renamed(), r.deleted()), null), this::fail);
    }

    /** Restarts the app as administrator (read-only banner); closes this instance once that one started. */
    public void restartElevated() {
        if (!canRestartElevated()) {
            return;
        }
        tasks.run(restart::restart, outcome -> {
            if (outcome == ElevatedRestart.Outcome.STARTED) {
                closeApp.run();
            } else {
                status.set(Messages.get("services.banner.cancelled"));
            }
        }, this::fail);
    }

    /**
     * The selected entry in a ready-to-paste form (the view puts it on the clipboard), noted in
     * the status line; null when nothing is selected.
     */
    public String copy(CopyForm form) {
        ServiceRegistration r = selected.get();
        if (r == null) {
            return null;
        }
        String text = copyText(r, form);
        status.set(Messages.get("services.status.copied", text));
        return text;
    }

    /** The text of a copy form. */
    static String copyText(ServiceRegistration r, CopyForm form) {
        GuidFacts f = GuidFacts.of(r.id());
        return switch (form) {
            case GUID -> r.id().toString();
            case POWERSHELL -> f.powerShell();
            case C -> f.cDefineGuid(f.suggestedSymbol());
            case REGISTRY_PATH -> f.registryPath();
        };
    }
}
