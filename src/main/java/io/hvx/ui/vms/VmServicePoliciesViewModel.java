package io.hvx.ui.vms;

import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The registered services of the selected VM with their per-VM policy (issue 15): what the
 * switches of the Virtual machines view show and do. Reads and changes run through the
 * {@link TaskRunner}; while one runs the panel is busy; a failure goes to the panel's banner.
 * Every change is one step of the undo journal (Undo in Services reverts it).
 */
public final class VmServicePoliciesViewModel {

    private final ServicePolicies policies;
    private final TaskRunner tasks;
    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private VirtualMachine vm;
    private Guid lastShown;
    private long generation;

    public VmServicePoliciesViewModel(ServicePolicies policies, TaskRunner tasks) {
        this.policies = policies;
        this.tasks = tasks;
    }

    /**
     * Shows {@code selected}'s services (none for null); an answer for a VM selected before is
     * dropped, so a slow read never shows another VM's switches. The last outcome stays while the
     * same VM comes back (a refresh of the list selects it again).
     */
    public void show(VirtualMachine selected) {
        vm = selected;
        if (selected == null) {
            // a refresh of the list deselects and selects the VM again at once: clear only when
            // nothing is selected once that is over, so the switches do not flicker
            ++generation;
            busy.set(false);
            tasks.later(() -> {
                if (vm == null) {
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

    /** Reads the selected VM's policies again (after a refresh of the VM list). */
    public void reload() {
        long mine = ++generation;
        if (vm == null) {
            rows.clear();
            busy.set(false);
            return;
        }
        Guid id = vm.id();
        busy.set(true);
        tasks.run(() -> policies.of(id).ofVm(id), list -> {
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

    /** Sets {@code row}'s service to {@code policy} for the selected VM, then reads the VM again. */
    public void set(Row row, ServicePolicy policy) {
        if (vm == null || busy.get()) {
            return;
        }
        if (row.policy() == policy) {
            // nothing to change (the switch showed what Hyper-V reports, not the policy): show the truth again
            reload();
            return;
        }
        long mine = ++generation;
        Guid id = vm.id();
        String vmName = vm.name();
        busy.set(true);
        tasks.run(() -> policies.set(id, row.serviceId(), policy), r -> {
            status.set(Messages.get("vms.policy.status.set", row.serviceLabel(), vmName, Messages.get(policy.labelKey())));
            error.set(null);
            if (mine == generation) {
                reload();
            }
        }, t -> {
            error.set(ErrorText.of(t));
            if (mine == generation) {
                // the switch the user flipped shows the truth again
                reload();
            }
        });
    }

    /** The services of the selected VM, by name. */
    public ObservableList<Row> rows() {
        return rows;
    }

    /** True while the VM's policies are read or changed. */
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
