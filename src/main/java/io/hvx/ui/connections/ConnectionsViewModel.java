package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.ServiceResolver;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmInventory;
import io.hvx.core.VmResolver;
import io.hvx.core.VsockTemplate;
import io.hvx.ui.common.TaskRunner;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Connections section, testable without the FX toolkit: the VM and service
 * choices offered by the choosers (loaded in the background) and the open sessions, one per
 * tab. Typed text is resolved like the CLI does: a VM by GUID, alias or name
 * ({@link VmResolver}), a service by GUID, {@code vsock:PORT} or registered name
 * ({@link ServiceResolver}); a chooser entry ("Demo echo · vsock:7") stands for its service.
 */
public final class ConnectionsViewModel implements AutoCloseable {

    /** The aliases offered besides the inventory's VMs. */
    public static final List<VmAlias> ALIASES = List.of(VmAlias.PARENT, VmAlias.LOOPBACK, VmAlias.WILDCARD);

    private final VmInventory inventory;
    private final ServiceRegistry services;
    private final Connector connector;
    private final TaskRunner tasks;
    private final Clock clock;
    private final ObservableList<String> vmChoices = FXCollections.observableArrayList();
    private final ObservableList<String> serviceChoices = FXCollections.observableArrayList();
    private final ObservableList<ConnectionSessionViewModel> sessions = FXCollections.observableArrayList();
    // read by connection threads while the UI thread may reload it
    private final Map<String, Guid> serviceByLabel = new ConcurrentHashMap<>();
    private boolean loaded;

    public ConnectionsViewModel(VmInventory inventory, ServiceRegistry services, Connector connector,
                                TaskRunner tasks, Clock clock) {
        this.inventory = inventory;
        this.services = services;
        this.connector = connector;
        this.tasks = tasks;
        this.clock = clock;
        for (VmAlias a : ALIASES) {
            vmChoices.add(a.alias());
        }
    }

    /** VM names (inventory first) and the aliases, for the VM chooser. */
    public ObservableList<String> vmChoices() {
        return vmChoices;
    }

    /** Registered services as "name · vsock:PORT" (or "name · GUID"), for the service chooser. */
    public ObservableList<String> serviceChoices() {
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

    /** Reloads both choosers' lists; a failure leaves the list as it was (typing still works). */
    public void reloadChoices() {
        tasks.run(inventory::list, this::applyVms, t -> { });
        tasks.run(services::list, this::applyServices, t -> { });
    }

    private void applyVms(List<VirtualMachine> vms) {
        List<String> names = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            if (!names.contains(vm.name())) {
                names.add(vm.name());
            }
        }
        for (VmAlias a : ALIASES) {
            names.add(a.alias());
        }
        vmChoices.setAll(names);
    }

    private void applyServices(List<ServiceRegistration> list) {
        List<String> labels = new ArrayList<>();
        serviceByLabel.clear();
        for (ServiceRegistration r : list) {
            String label = label(r);
            serviceByLabel.put(label, r.id());
            labels.add(label);
        }
        serviceChoices.setAll(labels);
    }

    /** How the chooser shows a service: its name and vsock port (or GUID). */
    public static String label(ServiceRegistration r) {
        OptionalLong port = VsockTemplate.portOf(r.id());
        String where = port.isPresent() ? "vsock:" + port.getAsLong() : r.id().toString();
        String name = r.name() == null || r.name().isBlank() ? null : r.name().strip();
        return name == null ? where : name + " · " + where;
    }

    /** The endpoint the chooser texts name; blocking (may read the inventory or registry). */
    public HvEndpoint resolve(String vm, String service) {
        Guid vmId = new VmResolver(inventory).resolve(vm);
        Guid serviceId = serviceByLabel.get(service == null ? "" : service.strip());
        if (serviceId == null) {
            serviceId = ServiceResolver.resolve(services, service);
        }
        return new HvEndpoint(vmId, serviceId);
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
