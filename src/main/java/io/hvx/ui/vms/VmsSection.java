package io.hvx.ui.vms;

import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies;
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
    private final VmServicePoliciesViewModel policies;
    private VmsView view;

    /**
     * @param inventory the VMs to show
     * @param settings  where the auto-refresh interval is remembered
     */
    public VmsSection(VmInventory inventory, Settings settings, TaskRunner tasks) {
        this(inventory, null, settings, tasks);
    }

    /**
     * @param policies the per-VM service policies, shown with the selected VM; null where the mode
     *                 has none
     */
    public VmsSection(VmInventory inventory, ServicePolicies policies, Settings settings, TaskRunner tasks) {
        this.model = new VmsViewModel(inventory, tasks);
        this.policies = policies == null ? null : new VmServicePoliciesViewModel(policies, tasks);
        if (this.policies != null) {
            model.selectedProperty().addListener((o, was, now) -> {
                if (was == null || now == null || !was.id().equals(now.id())) {
                    this.policies.show(now);
                }
            });
            // a refresh of the list (F5, auto-refresh, the sandbox file changing) reads the policies again
            model.lastRefreshedProperty().addListener((o, was, now) -> this.policies.reload());
        }
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
            view = new VmsView(model, openTerminal, policies == null ? null : new VmServicePoliciesPanel(policies));
        }
        return view;
    }

    @Override
    public void onShow() {
        model.start();
        if (policies != null) {
            // a policy may have been changed in Services meanwhile
            policies.reload();
        }
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

    /** The selected VM's service policies, or null where the mode has none (for tests). */
    public VmServicePoliciesViewModel policies() {
        return policies;
    }
}
