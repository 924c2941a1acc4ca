package io.hvx.ui.vms;

import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State and logic of the Virtual machines view, testable without the FX toolkit: the VM list,
 * loading and error state, the selected VM with its integration services, the auto-refresh
 * interval and the well-known aliases. Blocking work goes through {@link TaskRunner}; results are
 * applied on the thread {@link TaskRunner} delivers them on (the FX thread in the app). The
 * inventory belongs to the composition root, which closes it.
 */
public final class VmsViewModel implements AutoCloseable {

    /** The auto-refresh choices offered, in seconds; 0 is off. */
    public static final List<Integer> AUTO_REFRESH_CHOICES = List.of(0, 5, 15, 60);

    /** The aliases the view explains (broadcast is left out: its use is undocumented). */
    public static final List<VmAlias> ALIASES =
            List.of(VmAlias.WILDCARD, VmAlias.CHILDREN, VmAlias.LOOPBACK, VmAlias.PARENT, VmAlias.SILOHOST);

    private static final System.Logger LOG = System.getLogger(VmsViewModel.class.getName());

    private final VmInventory inventory;
    private final TaskRunner tasks;
    private final Clock clock;

    private final ObservableList<VirtualMachine> vms = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyBooleanWrapper loadedOnce = new ReadOnlyBooleanWrapper(false);
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper listNote = new ReadOnlyStringWrapper();
    private final ReadOnlyObjectWrapper<Instant> lastRefreshed = new ReadOnlyObjectWrapper<>();
    private final ObjectProperty<VirtualMachine> selected = new SimpleObjectProperty<>();
    private final ObservableList<IntegrationService> integrationServices = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper servicesLoading = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper servicesError = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper guestServiceInterfaceDisabled = new ReadOnlyBooleanWrapper(false);
    private final IntegerProperty autoRefreshSeconds = new SimpleIntegerProperty(0);

    private boolean refreshAgain;
    private AutoCloseable watch;
    private boolean closed;

    public VmsViewModel(VmInventory inventory, TaskRunner tasks) {
        this(inventory, tasks, Clock.systemUTC());
    }

    public VmsViewModel(VmInventory inventory, TaskRunner tasks, Clock clock) {
        this.inventory = inventory;
        this.tasks = tasks;
        this.clock = clock;
        selected.addListener((obs, old, now) -> {
            if (old == null || now == null || !old.id().equals(now.id())) {
                loadIntegrationServices(now);
            }
        });
    }

    /**
     * Loads the list for the first time (later calls do nothing) and subscribes to changes of
     * the inventory's source where it can report them (the sandbox's VM file).
     */
    public void start() {
        if (loadedOnce.get() || loading.get() || closed) {
            return;
        }
        Optional<AutoCloseable> w = inventory.watch(() -> tasks.later(this::refresh));
        watch = w.orElse(null);
        refresh();
    }

    /** Whether the inventory tells about changes itself (no need to poll). */
    public boolean watchesChanges() {
        return watch != null;
    }

    /** Reloads the list; a refresh asked for while one runs is done once it ends. */
    public void refresh() {
        if (closed) {
            return;
        }
        if (loading.get()) {
            refreshAgain = true;
            return;
        }
        loading.set(true);
        tasks.run(inventory::listing, this::applyListing, this::applyFailure);
    }

    private void applyListing(VmInventory.Listing listing) {
        listNote.set(listing.noteIfAny().map(io.hvx.core.Problem::message).orElse(null));
        applyList(listing.vms());
    }

    private void applyList(List<VirtualMachine> list) {
        Guid keep = selected.get() == null ? null : selected.get().id();
        vms.setAll(list);
        VirtualMachine again = keep == null ? null
                : list.stream().filter(v -> v.id().equals(keep)).findFirst().orElse(null);
        selected.set(again);
        error.set(null);
        lastRefreshed.set(clock.instant());
        finishLoad();
    }

    private void applyFailure(Throwable t) {
        error.set(ErrorText.of(t));
        finishLoad();
    }

    private void finishLoad() {
        loading.set(false);
        loadedOnce.set(true);
        if (refreshAgain) {
            refreshAgain = false;
            refresh();
        }
    }

    private void loadIntegrationServices(VirtualMachine vm) {
        integrationServices.clear();
        servicesError.set(null);
        guestServiceInterfaceDisabled.set(false);
        Optional<VmInventory.IntegrationServices> query = inventory.integrationServices();
        if (vm == null || query.isEmpty()) {
            servicesLoading.set(false);
            return;
        }
        servicesLoading.set(true);
        Guid id = vm.id();
        tasks.run(() -> query.get().of(id), list -> {
            if (selected.get() != null && selected.get().id().equals(id)) {
                integrationServices.setAll(list);
                guestServiceInterfaceDisabled.set(list.stream()
                        .anyMatch(s -> s.isGuestServiceInterface() && !s.enabled()));
                servicesLoading.set(false);
            }
        }, t -> {
            if (selected.get() != null && selected.get().id().equals(id)) {
                servicesError.set(ErrorText.of(t).sentence());
                servicesLoading.set(false);
            }
        });
    }

    /** Whether the inventory can list integration services at all. */
    public boolean integrationServicesSupported() {
        return inventory.integrationServices().isPresent();
    }

    /** The ID of the selected VM for the clipboard, or null. */
    public String selectedIdText() {
        return selected.get() == null ? null : selected.get().id().toString();
    }

    public ObservableList<VirtualMachine> vms() {
        return vms;
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True once the first load ended (successfully or not): the busy overlay is for before that. */
    public ReadOnlyBooleanProperty loadedOnceProperty() {
        return loadedOnce.getReadOnlyProperty();
    }

    /** Why the list may be missing VMs (e.g. Get-VM as an account without Hyper-V rights), or null. */
    public ReadOnlyStringProperty listNoteProperty() {
        return listNote.getReadOnlyProperty();
    }

    /** The last failure to list the VMs, or null; the view's banner clears it when closed. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    public ReadOnlyObjectProperty<Instant> lastRefreshedProperty() {
        return lastRefreshed.getReadOnlyProperty();
    }

    public ObjectProperty<VirtualMachine> selectedProperty() {
        return selected;
    }

    public ObservableList<IntegrationService> integrationServices() {
        return integrationServices;
    }

    public ReadOnlyBooleanProperty servicesLoadingProperty() {
        return servicesLoading.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty servicesErrorProperty() {
        return servicesError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty guestServiceInterfaceDisabledProperty() {
        return guestServiceInterfaceDisabled.getReadOnlyProperty();
    }

    /** Seconds between automatic refreshes; 0 is off. */
    public IntegerProperty autoRefreshSecondsProperty() {
        return autoRefreshSeconds;
    }

    /** Stops change notifications and refreshes (the inventory itself is closed by its owner). */
    @Override
    public void close() {
        closed = true;
        if (watch != null) {
            try {
                watch.close();
            } catch (Exception e) {
                LOG.log(System.Logger.Level.WARNING, "Could not stop watching the VM inventory", e);
            }
            watch = null;
        }
    }
}
