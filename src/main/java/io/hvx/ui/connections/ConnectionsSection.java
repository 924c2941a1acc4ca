package io.hvx.ui.connections;

import io.hvx.core.Connector;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TaskRunner;
import java.time.Clock;
import java.util.function.BiConsumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Connections section: pick a VM and a service and talk to it in a live terminal, several
 * connections at once as tabs. Closing the window closes every connection.
 */
public final class ConnectionsSection implements Section {

    /** The section id. */
    public static final String ID = "connections";

    private final ConnectionsViewModel model;
    private ConnectionsView view;

    /**
     * @param inventory the VMs offered (and used to resolve typed VM names)
     * @param services  the registered services offered (and used to resolve typed names)
     * @param connector opens the connections
     * @param tasks     the app's task runner
     */
    public ConnectionsSection(VmInventory inventory, ServiceRegistry services, Connector connector, TaskRunner tasks) {
        this.model = new ConnectionsViewModel(inventory, services, connector, tasks, Clock.systemUTC());
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
