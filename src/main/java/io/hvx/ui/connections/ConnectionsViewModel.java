package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.NameResolver;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.TaskRunner;
import java.time.Clock;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Connections section, testable without the FX toolkit: the VM and service
 * choices offered by the pickers (loaded in the background) and the open sessions, one per
 * tab. A picked entry carries its ID; typed text is resolved by the one {@link NameResolver},
 * as the CLI does.
 */
public final class ConnectionsViewModel implements AutoCloseable {

    /** The aliases offered besides the inventory's VMs. */
    public static final List<VmAlias> ALIASES = List.of(VmAlias.PARENT, VmAlias.LOOPBACK, VmAlias.WILDCARD);

    private static final System.Logger LOG = System.getLogger(ConnectionsViewModel.class.getName());

    private final VmInventory inventory;
    private final ServiceRegistry services;
    private final NameResolver names;
    private final Connector connector;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ObservableList<VmChoice> vmChoices =
            FXCollections.observableArrayList(VmChoice.list(List.of(), ALIASES));
    private final ObservableList<ServiceChoice> serviceChoices = FXCollections.observableArrayList();
    private final ObservableList<ConnectionSessionViewModel> sessions = FXCollections.observableArrayList();
    private boolean loaded;
    private BiConsumer<VmChoice, ServiceChoice> diagnose;

    public ConnectionsViewModel(VmInventory inventory, ServiceRegistry services, Connector connector,
                                TaskRunner tasks, Clock clock) {
        this.inventory = inventory;
        this.services = services;
        this.names = new NameResolver(inventory, services);
        this.connector = connector;
        this.tasks = tasks;
        this.clock = clock;
    }

    /** The inventory's VMs, then the aliases, for the VM picker. */
    public ObservableList<VmChoice> vmChoices() {
        return vmChoices;
    }

    /** The registered services, for the service picker. */
    public ObservableList<ServiceChoice> serviceChoices() {
        return serviceChoices;
    }

    /** The open sessions in tab order. */
    public ObservableList<ConnectionSessionViewModel> sessions() {
        return sessions;
    }

    /** Loads the choices the first time the section is shown. */
    public void start() {
        if (!loaded) {
            loaded = true;
            reloadChoices();
        }
    }

    /** Reloads both pickers' lists; a failure leaves the list as it was (typing still works). */
    public void reloadChoices() {
        tasks.run(inventory::list, vms -> vmChoices.setAll(VmChoice.list(vms, ALIASES)),
                t -> LOG.log(System.Logger.Level.WARNING, "The VM picker keeps its list: listing VMs failed", t));
        tasks.run(services::list, list -> serviceChoices.setAll(ServiceChoice.list(list)),
                t -> LOG.log(System.Logger.Level.WARNING, "The service picker keeps its list: listing services failed", t));
    }

    /** The endpoint two choices stand for; blocking (typed text may need the inventory or registry). */
    public HvEndpoint resolve(VmChoice vm, ServiceChoice service) {
        return names.target(vm, service).endpoint();
    }

    /** Opens a new tab's session, prefilled with the current session's choices when given. */
    public ConnectionSessionViewModel newSession(ConnectionSessionViewModel like) {
        ConnectionSessionViewModel s = new ConnectionSessionViewModel(connector, this::resolve, tasks, clock);
        if (like != null) {
            s.vmProperty().set(like.vmProperty().get());
            s.serviceProperty().set(like.serviceProperty().get());
            s.timeoutProperty().set(like.timeoutProperty().get());
        }
        sessions.add(s);
        return s;
    }

    /** Sets what {@link #diagnose} does (the composition root opens the doctor on the pair). */
    public void onDiagnose(BiConsumer<VmChoice, ServiceChoice> action) {
        diagnose = action;
    }

    /** Hands a session's VM and service to the doctor (offered when the session failed). */
    public void diagnose(ConnectionSessionViewModel s) {
        if (diagnose != null) {
            diagnose.accept(s.vmProperty().get(), s.serviceProperty().get());
        }
    }

    /** Closes a tab's session and its connection. */
    public void closeSession(ConnectionSessionViewModel s) {
        s.close();
        sessions.remove(s);
    }

    /** Closes every connection (window or section closing). */
    @Override
    public void close() {
        for (ConnectionSessionViewModel s : List.copyOf(sessions)) {
            s.close();
        }
    }
}
