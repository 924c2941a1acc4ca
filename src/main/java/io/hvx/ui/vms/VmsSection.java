package io.hvx.ui.vms;

import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TaskRunner;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Virtual machines section. The composition root gives it the inventory to show (for
 * PowerShell, the long-lived one so refreshes skip the cold start) and closes that inventory
 * itself. The first load starts when the section is first shown.
 */
public final class VmsSection implements Section {

    /** The section id. */
    public static final String ID = "vms";

    private final VmsViewModel model;
    private Consumer<VmChoice> openTerminal;
    private VmsView view;

    /**
     * @param inventory the VMs to show
     * @param settings  where the auto-refresh interval is remembered
     */
    public VmsSection(VmInventory inventory, Settings settings, TaskRunner tasks) {
        this.model = new VmsViewModel(inventory, tasks);
        model.autoRefreshSecondsProperty().set(autoRefresh(settings));
        model.autoRefreshSecondsProperty().addListener((obs, old, now) -> settings.put(Settings.Key.VMS_AUTO_REFRESH,
                now.intValue() == 0 ? null : Integer.toString(now.intValue())));
    }

    /** Offers "Open terminal" for the selected VM (the Connections section's); call before the view is shown. */
    public void offerTerminal(Consumer<VmChoice> openTerminal) {
        this.openTerminal = openTerminal;
    }

    private static int autoRefresh(Settings settings) {
        return settings.getDouble(Settings.Key.VMS_AUTO_REFRESH).map(Double::intValue)
                .filter(VmsViewModel.AUTO_REFRESH_CHOICES::contains).orElse(0);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return Messages.key("vms.nav.title");
    }

    @Override
    public Ikon icon() {
        return Feather.MONITOR;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new VmsView(model, openTerminal);
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

    public VmsViewModel model() {
        return model;
    }
}
