package io.hvx.ui.vms;

import io.hvx.ui.common.TaskRunner;

import io.hvx.core.Messages;
import io.hvx.core.Settings;
import io.hvx.core.VmInventory;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.UiTasks;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Virtual machines section. The composition root gives it the inventory to show (for
 * PowerShell, the long-lived one so refreshes skip the cold start); the section closes it on
 * dispose. The first load starts when the section is first shown.
 */
public final class VmsSection implements Section {

    /** The section id. */
    public static final String ID = "vms";

    /** Setting: seconds between automatic refreshes (0 or absent: off). */
    public static final String AUTO_REFRESH_SETTING = "vms.autoRefreshSeconds";
    /** Setting: the PowerShell to list Hyper-V VMs with (a path or a name such as {@code pwsh}). */
    public static final String POWERSHELL_SETTING = "vms.powershell";

    private final VmsViewModel model;
    private VmsView view;

    /**
     * @param inventory the VMs to show
     * @param settings  where the auto-refresh interval is remembered
     */
    public VmsSection(VmInventory inventory, Settings settings) {
        this(inventory, autoRefresh(settings));
        model.autoRefreshSecondsProperty().addListener((obs, old, now) ->
                settings.put(AUTO_REFRESH_SETTING, now.intValue() == 0 ? null : Integer.toString(now.intValue())));
    }

    private static int autoRefresh(Settings settings) {
        return settings.getDouble(AUTO_REFRESH_SETTING).map(Double::intValue)
                .filter(VmsViewModel.AUTO_REFRESH_CHOICES::contains).orElse(0);
    }

    /**
     * @param inventory          the VMs to show
     * @param autoRefreshSeconds the initial auto-refresh interval (0 = off)
     */
    public VmsSection(VmInventory inventory, int autoRefreshSeconds) {
        this.model = new VmsViewModel(inventory, TaskRunner.fx());
        model.autoRefreshSecondsProperty().set(autoRefreshSeconds);
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
            view = new VmsView(model);
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
