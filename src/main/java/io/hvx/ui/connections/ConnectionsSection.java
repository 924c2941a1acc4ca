package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Messages;
import io.hvx.core.ServerFactory;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.core.terminal.ConnectionBook;
import io.hvx.ui.common.FxDialogService;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import java.util.function.BiConsumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Connections section: pick a VM and a service and talk to it in a live terminal, or listen
 * for connections, several at once as tabs. Other sections open a terminal here with
 * {@link #open(VmChoice, ServiceChoice)} and a listener with {@link #listen(ServiceChoice)}.
 * Closing the window closes every connection.
 */
public final class ConnectionsSection implements Section {

    /** The section id. */
    public static final String ID = "connections";

    private final ConnectionsViewModel model;
    private final Navigator navigator;
    private ConnectionsView view;

    /**
     * @param inventory the VMs offered (and used to resolve typed VM names)
     * @param services  the registered services offered (and used to resolve typed names)
     * @param connector opens the connections
     * @param listeners binds the Listen tabs' listeners
     * @param servers   serves them (accept loop, built-in responders)
     * @param book      the recent and favourite connections
     * @param ctx       what every terminal shares (settings, files, snippets, dialogs, task runner, clock)
     * @param dialogs   where the section registers its dialogs (the same service as {@code ctx.dialogs()})
     */
    public ConnectionsSection(VmInventory inventory, ServiceRegistry services, Connector connector,
                              ListenerFactory listeners, ServerFactory servers, ConnectionBook book,
                              TerminalContext ctx, FxDialogService dialogs, Navigator navigator) {
        this.model = new ConnectionsViewModel(inventory, services, connector, listeners, servers, book, ctx,
                ConnectionSessionViewModel.BACKOFF);
        this.navigator = navigator;
        dialogs.register(SnippetsForm.class, SnippetsView::new);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return Messages.key("conn.nav.title");
    }

    @Override
    public Ikon icon() {
        return Feather.TERMINAL;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ConnectionsView(model);
        }
        return view;
    }

    @Override
    public void onShow() {
        model.start();
        if (view != null) {
            view.focusSelected();
        }
    }

    /**
     * Opens a connection tab for a VM or a service (the other is left to pick) and shows the
     * section. Call on the FX thread.
     */
    public void open(VmChoice vm, ServiceChoice service) {
        view();
        view.addSessionTab(model.open(vm, service));
        navigator.show(ID);
    }

    /** Opens a Listen tab for a service and shows the section. Call on the FX thread. */
    public void listen(ServiceChoice service) {
        view();
        view.newListen(service);
        navigator.show(ID);
    }

    @Override
    public void dispose() {
        if (view != null) {
            view.dispose();
        }
        model.close();
    }

    /** What the Diagnose button of a failed connection does with its VM and service (opens the doctor). */
    public void onDiagnose(BiConsumer<VmChoice, ServiceChoice> diagnose) {
        model.onDiagnose(diagnose);
    }

    public ConnectionsViewModel model() {
        return model;
    }
}
