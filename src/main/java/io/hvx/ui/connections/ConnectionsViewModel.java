package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ListenerFactory;
import io.hvx.core.NameResolver;
import io.hvx.core.ServerFactory;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.core.terminal.ConnectionBook;
import io.hvx.core.terminal.SavedConnection;
import io.hvx.ui.common.ErrorText;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the Connections section, testable without the FX toolkit: the VM and service
 * choices offered by the pickers (loaded in the background), the open connection tabs and Listen
 * tabs, and the recent and favourite connections. A picked entry carries its ID; typed text is
 * resolved by the one {@link NameResolver}, as the CLI does.
 */
public final class ConnectionsViewModel implements AutoCloseable {

    /** The aliases offered besides the inventory's VMs. */
    public static final List<VmAlias> ALIASES = List.of(VmAlias.PARENT, VmAlias.LOOPBACK, VmAlias.WILDCARD);

    private static final System.Logger LOG = System.getLogger(ConnectionsViewModel.class.getName());

    private final VmInventory inventory;
    private final ServiceRegistry services;
    private final NameResolver names;
    private final Connector connector;
    private final ListenerFactory listeners;
    private final ServerFactory servers;
    private final ConnectionBook book;
    private final TerminalContext ctx;
    private final List<Duration> backoff;
    private final ObservableList<VmChoice> vmChoices =
            FXCollections.observableArrayList(VmChoice.list(List.of(), ALIASES));
    private final ObservableList<VmChoice> scopeChoices =
            FXCollections.observableArrayList(VmChoice.list(List.of(), ListenViewModel.SCOPES));
    private final ObservableList<ServiceChoice> serviceChoices = FXCollections.observableArrayList();
    private final ObservableList<ConnectionSessionViewModel> sessions = FXCollections.observableArrayList();
    private final ObservableList<ListenViewModel> listens = FXCollections.observableArrayList();
    private final ObservableList<SavedConnection> saved = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper savedProblem = new ReadOnlyStringWrapper("");
    private boolean loaded;
    private BiConsumer<VmChoice, ServiceChoice> diagnose;

    /**
     * @param backoff the waits before automatic reconnects ({@link ConnectionSessionViewModel#BACKOFF})
     */
    public ConnectionsViewModel(VmInventory inventory, ServiceRegistry services, Connector connector,
                                ListenerFactory listeners, ServerFactory servers, ConnectionBook book,
                                TerminalContext ctx, List<Duration> backoff) {
        this.inventory = inventory;
        this.services = services;
        this.names = new NameResolver(inventory, services);
        this.connector = connector;
        this.listeners = listeners;
        this.servers = servers;
        this.book = book;
        this.ctx = ctx;
        this.backoff = List.copyOf(backoff);
    }

    /** The inventory's VMs, then the aliases, for the VM picker. */
    public ObservableList<VmChoice> vmChoices() {
        return vmChoices;
    }

    /** Whose connections a Listen tab accepts: wildcard, children, loopback, then the inventory's VMs. */
    public ObservableList<VmChoice> scopeChoices() {
        return scopeChoices;
    }

    /** The registered services, for the service picker. */
    public ObservableList<ServiceChoice> serviceChoices() {
        return serviceChoices;
    }

    /** The open connection tabs in tab order. */
    public ObservableList<ConnectionSessionViewModel> sessions() {
        return sessions;
    }

    /** The open Listen tabs. */
    public ObservableList<ListenViewModel> listens() {
        return listens;
    }

    /** Favourite connections first, then recent ones. */
    public ObservableList<SavedConnection> saved() {
        return saved;
    }

    /** Why the recent connections could not be read or written, or empty. */
    public ReadOnlyStringProperty savedProblemProperty() {
        return savedProblem.getReadOnlyProperty();
    }

    /** Loads the choices and the saved connections the first time the section is shown. */
    public void start() {
        if (!loaded) {
            loaded = true;
            reloadChoices();
            ctx.tasks().run(book::list, this::savedLoaded, this::savedFailed);
        }
    }

    /** Reloads both pickers' lists; a failure leaves the list as it was (typing still works). */
    public void reloadChoices() {
        ctx.tasks().run(inventory::list, vms -> {
            vmChoices.setAll(VmChoice.list(vms, ALIASES));
            List<VmChoice> scopes = new java.util.ArrayList<>(VmChoice.list(List.of(), ListenViewModel.SCOPES));
            scopes.addAll(VmChoice.list(vms, List.of()));
            scopeChoices.setAll(scopes);
        }, t -> LOG.log(System.Logger.Level.WARNING, "The VM picker keeps its list: listing VMs failed", t));
        ctx.tasks().run(services::list, list -> serviceChoices.setAll(ServiceChoice.list(list)),
                t -> LOG.log(System.Logger.Level.WARNING, "The service picker keeps its list: listing services failed", t));
    }

    /** The endpoint two choices stand for; blocking (typed text may need the inventory or registry). */
    public HvEndpoint resolve(VmChoice vm, ServiceChoice service) {
        return names.target(vm, service).endpoint();
    }

    /** Opens a new tab's session, prefilled with the current session's choices when given. */
    public ConnectionSessionViewModel newSession(ConnectionSessionViewModel like) {
        ConnectionSessionViewModel s = new ConnectionSessionViewModel(connector, this::resolve, ctx, this::used, backoff);
        if (like != null) {
            s.vmProperty().set(like.vmProperty().get());
            s.serviceProperty().set(like.serviceProperty().get());
            s.timeoutProperty().set(like.timeoutProperty().get());
        }
        sessions.add(s);
        return s;
    }

    /** Opens a new tab for a VM and a service (either may be null: left for the user to pick). */
    public ConnectionSessionViewModel open(VmChoice vm, ServiceChoice service) {
        ConnectionSessionViewModel s = newSession(null);
        if (vm != null) {
            s.vmProperty().set(vm);
        }
        if (service != null) {
            s.serviceProperty().set(service);
        }
        return s;
    }

    /** Opens a saved connection in a new tab and connects. */
    public ConnectionSessionViewModel open(SavedConnection c) {
        ConnectionSessionViewModel s = open(c.vm(), c.service());
        s.connect();
        return s;
    }

    /** Sets what {@link #diagnose} does (the composition root opens the doctor on the pair). */
    public void onDiagnose(BiConsumer<VmChoice, ServiceChoice> action) {
        diagnose = action;
    }

    /** Whether a failed session can be handed to a diagnosis. */
    public boolean canDiagnose() {
        return diagnose != null;
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

    /** Opens a Listen tab, prefilled with a service when given. */
    public ListenViewModel newListen(ServiceChoice service) {
        ListenViewModel l = new ListenViewModel(listeners, servers, this::resolve, ctx);
        if (service != null) {
            l.serviceProperty().set(service);
        }
        listens.add(l);
        return l;
    }

    /** Stops a Listen tab and closes its connections. */
    public void closeListen(ListenViewModel l) {
        l.close();
        listens.remove(l);
    }

    // ------------------------------------------------------------ recent and favourite connections

    private void used(SavedConnection c) {
        ctx.tasks().run(() -> book.used(c), this::savedLoaded, this::savedFailed);
    }

    /** Stars or unstars a connection. */
    public void favourite(SavedConnection c, boolean on) {
        ctx.tasks().run(() -> book.favourite(c, on), this::savedLoaded, this::savedFailed);
    }

    /** Stars the connection a tab uses now (its current choices). */
    public void favourite(ConnectionSessionViewModel s) {
        VmChoice vm = s.vmProperty().get();
        ServiceChoice service = s.serviceProperty().get();
        if (!vm.isBlank() && !service.isBlank()) {
            favourite(new SavedConnection(vm, service, true, ctx.clock().instant()), true);
        }
    }

    /** Forgets a saved connection. */
    public void forget(SavedConnection c) {
        ctx.tasks().run(() -> book.remove(c), this::savedLoaded, this::savedFailed);
    }

    private void savedLoaded(List<SavedConnection> list) {
        saved.setAll(list);
        savedProblem.set("");
    }

    private void savedFailed(Throwable t) {
        savedProblem.set(ErrorText.of(t).sentence());
    }

    /** Closes every connection and listener (window or section closing). */
    @Override
    public void close() {
        for (ConnectionSessionViewModel s : List.copyOf(sessions)) {
            s.close();
        }
        for (ListenViewModel l : List.copyOf(listens)) {
            l.close();
        }
    }
}
