package io.hvx.ui.services;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Messages;
import io.hvx.core.ServiceFormats;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServiceRegistry;
import io.hvx.ui.common.FxDialogService;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TaskRunner;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Services entry of the main window. */
public final class ServicesSection implements Section {

    /** The section id. */
    public static final String ID = "services";

    private final ServicesViewModel vm;
    private final ServicePolicyViewModel policies;
    private final Consumer<String> openInWorkbench;
    private Consumer<ServiceChoice> openTerminal;
    private Consumer<ServiceChoice> listen;
    private ServicesView view;

    /**
     * @param registry        the registrations of the current mode
     * @param formats         input rules, owner values and export/import files
     * @param restart         restarts elevated from the read-only banner (null: not offered)
     * @param closeApp        closes the app (after an elevated restart)
     * @param openInWorkbench shows a GUID in the GUID workbench (null: not offered)
     */
    public ServicesSection(ServiceRegistry registry, ServiceFormats formats, ElevatedRestart restart, Runnable closeApp,
                           Consumer<String> openInWorkbench, TaskRunner tasks, FxDialogService dialogs) {
        this(registry, null, formats, restart, closeApp, openInWorkbench, tasks, dialogs);
    }

    /**
     * @param policies the per-VM policies of the services, shown for the selected one below the
     *                 table; null where the mode has none
     */
    public ServicesSection(ServiceRegistry registry, ServicePolicies policies, ServiceFormats formats, ElevatedRestart restart,
                           Runnable closeApp, Consumer<String> openInWorkbench, TaskRunner tasks, FxDialogService dialogs) {
        this.vm = new ServicesViewModel(registry, formats, restart, closeApp, tasks, dialogs);
        this.openInWorkbench = openInWorkbench;
        this.policies = policies == null ? null : new ServicePolicyViewModel(policies, tasks, dialogs);
        if (this.policies != null) {
            // a policy change is an undo step: the refresh tells the Undo button; every refresh (after
            // a change, an undo, an outside change) selects the service again, which reloads its policies
            this.policies.setOnChange(vm::refresh);
            vm.selectedProperty().addListener((o, was, now) -> this.policies.show(now));
        }
        dialogs.register(AddServiceForm.class, AddServiceView::new);
        dialogs.register(ImportPreview.class, ImportPlanView::new);
    }

    /**
     * Offers "Open terminal" and "Listen" for the selected service in the table's menu (the
     * Connections section's); call before the view is shown.
     */
    public void offerTerminal(Consumer<ServiceChoice> openTerminal, Consumer<ServiceChoice> listen) {
        this.openTerminal = openTerminal;
        this.listen = listen;
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return Messages.key("services.title");
    }

    @Override
    public Ikon icon() {
        return Feather.LIST;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new ServicesView(vm, openInWorkbench, openTerminal, listen,
                    policies == null ? null : new ServicePolicyPanel(policies));
            vm.startWatching();
            vm.refresh();
        }
        return view;
    }

    @Override
    public void onShow() {
        vm.refresh();
    }

    @Override
    public void dispose() {
        vm.dispose();
    }

    /** The view model, for tests. */
    public ServicesViewModel viewModel() {
        return vm;
    }

    /** The selected service's per-VM policies, or null where the mode has none (for tests). */
    public ServicePolicyViewModel policies() {
        return policies;
    }
}
