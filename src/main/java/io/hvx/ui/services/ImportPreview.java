package io.hvx.ui.services;

import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistry;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableBooleanValue;

/**
 * What importing a file would do, shown before anything is written (the import dialog's state).
 * The two options plan again through the {@link TaskRunner}; {@link #planProperty()} is always
 * the plan of the options shown, and Apply is allowed only when it changes something, refuses no row, and no
 * newer plan is on its way. {@link ImportPlanView} shows it.
 */
public final class ImportPreview implements DialogService.Form {

    private final Path file;
    private final List<ImportPlan.Entry> entries;
    private final ServiceRegistry registry;
    private final TaskRunner tasks;
    private final ObjectProperty<ImportPlan> plan = new SimpleObjectProperty<>();
    private final BooleanProperty allowDelete = new SimpleBooleanProperty(false);
    private final BooleanProperty force = new SimpleBooleanProperty(false);
    private final BooleanProperty planning = new SimpleBooleanProperty(false);
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    private final BooleanBinding okAllowed;
    private long generation;

    /**
     * @param plan the plan of {@code entries} without deletions and without force
     */
    public ImportPreview(Path file, List<ImportPlan.Entry> entries, ImportPlan plan, ServiceRegistry registry,
                         TaskRunner tasks) {
        this.file = file;
        this.entries = List.copyOf(entries);
        this.registry = registry;
        this.tasks = tasks;
        this.plan.set(plan);
        okAllowed = Bindings.createBooleanBinding(() -> !planning.get() && error.get() == null
                && !this.plan.get().changes().isEmpty()
                // a refused row refuses the whole import (ServiceRegistry.apply): nothing to apply then
                && this.plan.get().refusal().isEmpty(), planning, error, this.plan);
        allowDelete.addListener((o, a, b) -> replan());
        force.addListener((o, a, b) -> replan());
    }

    private void replan() {
        long mine = ++generation;
        boolean deletes = allowDelete.get();
        boolean forced = force.get();
        planning.set(true);
        tasks.run(() -> registry.plan(entries, deletes, forced), p -> {
            if (mine == generation) {
                error.set(null);
                plan.set(p);
                planning.set(false);
            }
        }, t -> {
            if (mine == generation) {
                error.set(ErrorText.of(t));
                planning.set(false);
            }
        });
    }

    @Override
    public String title() {
        return Messages.get("services.import.title");
    }

    @Override
    public String header() {
        return Messages.get("services.import.header", file.getFileName());
    }

    @Override
    public String okText() {
        return Messages.get("services.import.apply");
    }

    @Override
    public ObservableBooleanValue okAllowed() {
        return okAllowed;
    }

    /** The plan for the options as they are now. */
    public ReadOnlyObjectProperty<ImportPlan> planProperty() {
        return plan;
    }

    /** Whether deletions the file asks for are applied. */
    public BooleanProperty allowDeleteProperty() {
        return allowDelete;
    }

    /** Whether names of other tools' entries may be changed. */
    public BooleanProperty forceProperty() {
        return force;
    }

    /** True while a plan for changed options is being computed. */
    public ReadOnlyBooleanProperty planningProperty() {
        return planning;
    }

    /** Why planning again failed, or null. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    /** The counts of the plan shown, as a sentence. */
    public static String summary(ImportPlan p) {
        return Messages.get("services.import.summary", p.count(ImportPlan.Action.ADD),
                p.count(ImportPlan.Action.UPDATE_NAME), p.count(ImportPlan.Action.DELETE),
                p.count(ImportPlan.Action.UNCHANGED), p.count(ImportPlan.Action.REFUSED));
    }
}
