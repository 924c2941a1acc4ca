package io.hvx.ui.services;

import io.hvx.ui.common.TaskRunner;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistry;
import io.hvx.ui.common.Section;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/** The Services entry of the main window. */
public final class ServicesSection implements Section {

    private final ServicesViewModel vm;
    private final ElevatedRestart restart;
    private final Consumer<String> openInWorkbench;
    private ServicesView view;

    /**
     * @param registry        the registrations of the current mode
     * @param restart         restarts elevated from the read-only banner (null: not offered)
     * @param openInWorkbench shows a GUID in the GUID workbench (null: not offered)
     */
    public ServicesSection(ServiceRegistry registry, ElevatedRestart restart, Consumer<String> openInWorkbench) {
        this(new ServicesViewModel(registry, TaskRunner.fx()), restart, openInWorkbench);
    }

    ServicesSection(ServicesViewModel vm, ElevatedRestart restart, Consumer<String> openInWorkbench) {
        this.vm = vm;
        this.restart = restart;
        this.openInWorkbench = openInWorkbench;
    }

    @Override
    public String id() {
        return "services";
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
            view = new ServicesView(vm, restart, openInWorkbench);
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

    /** The view model, for tests and the composition root. */
    public ServicesViewModel viewModel() {
        return vm;
    }
}
