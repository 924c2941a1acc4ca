package io.hvx.ui.services;

import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.core.ServicePolicy;
import io.hvx.core.ServiceRegistration;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DialogService.Confirmation;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.util.concurrent.Callable;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The selected service's policy on every VM (issue 15), for the Services view: one row per VM with
 * its switch, and Enable on all / Disable on all, which ask first. Reads and changes run through
 * the {@link TaskRunner}; a failure goes to the panel's banner; after a change {@code onChange}
 * runs, so the section can refresh what depends on the undo journal (Undo reverts the change).
 */
public final class ServicePolicyViewModel {

    private final ServicePolicies policies;
    private final TaskRunner tasks;
    private final DialogService dialogs;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyObjectWrapper<ServiceRegistration> service = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private Runnable onChange = this::reload;
    private Guid lastShown;
    private long generation;

    public ServicePolicyViewModel(ServicePolicies policies, TaskRunner tasks, DialogService dialogs) {
        this.policies = policies;
        this.tasks = tasks;
        this.dialogs = dialogs;
    }

    /**
     * What runs after a change was made instead of reading the policies again: the section
     * refreshes the registrations (for Undo), which selects the service again and so reloads.
     */
    public void setOnChange(Runnable onChange) {
        this.onChange = onChange;
    }

    /**
     * Shows {@code selected}'s state on every VM (nothing for null). The last outcome stays while
     * the same service comes back (a refresh selects it again).
     */
    public void show(ServiceRegistration selected) {
        service.set(selected);
        if (selected == null) {
            // a refresh deselects and selects the service again at once: clear only when nothing
            // is selected once that is over, so the table does not flicker
            ++generation;
            busy.set(false);
            tasks.later(() -> {
                if (service.get() == null) {
                    rows.clear();
                }
            });
            return;
        }
        if (!selected.id().equals(lastShown)) {
            lastShown = selected.id();
            status.set("");
            error.set(null);
            rows.clear();
        }
        reload();
    }

    /** Reads the selected service's policies again. */
    public void reload() {
        long mine = ++generation;
        ServiceRegistration s = service.get();
        if (s == null) {
            rows.clear();
            busy.set(false);
            return;
        }
        Guid id = s.id();
        busy.set(true);
        tasks.run(() -> policies.table().ofService(id), list -> {
            if (mine == generation) {
                rows.setAll(list);
                busy.set(false);
            }
        }, t -> {
            if (mine == generation) {
                rows.clear();
                busy.set(false);
                error.set(ErrorText.of(t));
            }
        });
    }

    /** Sets the selected service's policy for {@code row}'s VM. */
    public void set(Row row, ServicePolicy policy) {
        if (busy.get() || service.get() == null) {
            return;
        }
        if (row.policy() == policy) {
            reload(); // the switch showed what Hyper-V reports: show the truth again
            return;
        }
        run(() -> policies.set(row.vmId(), row.serviceId(), policy),
                Messages.get("vms.policy.status.set", row.serviceLabel(), row.vmName(), Messages.get(policy.labelKey())));
    }

    /** Enables the selected service on every VM, after asking. */
    public void enableOnAll() {
        onAll(ServicePolicy.ENABLED);
    }

    /** Disables the selected service on every VM, after asking. */
    public void disableOnAll() {
        onAll(ServicePolicy.DISABLED);
    }

    private void onAll(ServicePolicy policy) {
        ServiceRegistration s = service.get();
        if (s == null || busy.get()) {
            return;
        }
        String name = s.name() == null ? s.id().toString() : s.name();
        String label = Messages.get(policy.labelKey());
        boolean yes = dialogs.confirm(Confirmation.of(Messages.get("services.policy.all.title"),
                Messages.get("services.policy.all.header", name, label, rows.size()),
                Messages.get("services.policy.all.content")));
        if (!yes) {
            return;
        }
        run(() -> policies.setOnAllVms(s.id(), policy), Messages.get("services.policy.status.all", name, label));
    }

    private void run(Callable<ServicePolicies.Result> change, String done) {
        ++generation;
        busy.set(true);
        tasks.run(change, r -> {
            busy.set(false);
            error.set(null);
            status.set(r.changed().isEmpty() ? Messages.get("services.policy.status.nothing") : done);
            onChange.run();
        }, t -> {
            busy.set(false);
            error.set(ErrorText.of(t));
            reload();
        });
    }

    /** One row per VM for the selected service. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** The service shown, or null. */
    public ReadOnlyObjectProperty<ServiceRegistration> serviceProperty() {
        return service.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The last failure, or null; the panel's banner clears it when closed. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    /** The outcome of the last change, as a sentence. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
