package io.hvx.ui.guid;

import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.common.Navigator;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TaskRunner;
import java.util.List;
import java.util.concurrent.Callable;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The GUID workbench section. Other sections send a GUID here with {@link #open(String)}
 * ("Open in GUID workbench").
 */
public final class GuidWorkbenchSection implements Section {

    /** The section id. */
    public static final String ID = "guid";

    private final Navigator navigator;
    private final GuidWorkbenchViewModel model;
    private GuidWorkbenchView view;

    /**
     * @param vms      lists the VMs (offered for the socket address, named when their ID is typed)
     * @param services lists the registrations (named when their ID is typed)
     * @param tasks    the app's task runner
     */
    public GuidWorkbenchSection(Navigator navigator, Callable<List<VirtualMachine>> vms,
                                Callable<List<ServiceRegistration>> services, TaskRunner tasks) {
        this.navigator = navigator;
        this.model = new GuidWorkbenchViewModel(vms, services, tasks);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return Messages.key("nav.guid");
    }

    @Override
    public Ikon icon() {
        return Feather.HASH;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new GuidWorkbenchView(model);
        }
        return view;
    }

    @Override
    public void onShow() {
        model.refresh();
        if (view != null) {
            view.input().requestFocus();
        }
    }

    /**
     * Shows the workbench with {@code text} (a GUID, {@code vsock:PORT} or alias) in its input.
     * Call on the FX thread.
     */
    public void open(String text) {
        model.inputProperty().set(text == null ? "" : text.strip());
        navigator.show(ID);
    }

    public GuidWorkbenchViewModel model() {
        return model;
    }
}
