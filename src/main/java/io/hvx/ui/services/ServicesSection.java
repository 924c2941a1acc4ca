package io.hvx.ui.services;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Messages;
import io.hvx.core.ServiceFormats;
import io.hvx.core.ServiceChoice;
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
        this.vm = new ServicesViewModel(registry, formats, restart, closeApp, tasks, dialogs);
        this.openInWorkbench = openInWorkbench;
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
            view = new ServicesView(vm, openInWorkbench, openTerminal, listen);
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
}
