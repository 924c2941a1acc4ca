package io.hvx.ui.vms;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.core.VsockTemplate;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.services.PolicyControls;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The selected VM's registered hvsocket services with a switch each (on = enabled for this VM)
 * and <i>Default</i> (the VM's default decides): part of the Virtual machines details. Binds to
 * {@link VmServicePoliciesViewModel}.
 */
public final class VmServicePoliciesPanel extends VBox {

    private final VmServicePoliciesViewModel model;
    private final VBox rows = new VBox();

    public VmServicePoliciesPanel(VmServicePoliciesViewModel model) {
        this.model = model;
        setId("vms-policies");
        getStyleClass().add("vms-policies");
        Label title = new Label(Messages.get("vms.policy.title"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("vms-spinner");
        spinner.visibleProperty().bind(model.busyProperty());
        HBox header = new HBox(title, spinner);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("vms-policies-header");
        Label hint = new Label(Messages.get("vms.policy.hint"));
        hint.setWrapText(true);
        hint.getStyleClass().addAll(Styles.TEXT_MUTED, "vms-small");
        ErrorBanner banner = new ErrorBanner();
        banner.bind(model.errorProperty());
        Label empty = new Label(Messages.get("vms.policy.empty"));
        empty.setWrapText(true);
        empty.getStyleClass().add(Styles.TEXT_MUTED);
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(model.rows()).and(model.busyProperty().not())
                .and(model.errorProperty().isNull()));
        empty.managedProperty().bind(empty.visibleProperty());
        Label status = new Label();
        status.setId("vms-policies-status");
        status.setWrapText(true);
        status.getStyleClass().addAll(Styles.TEXT_MUTED, "vms-small");
        status.textProperty().bind(model.statusProperty());
        status.managedProperty().bind(status.textProperty().isNotEmpty());
        rows.setId("vms-policy-rows");
        rows.getStyleClass().add("vms-policy-rows");
        model.rows().addListener((ListChangeListener<Row>) c -> rebuild());
        getChildren().addAll(header, hint, banner, empty, rows, status);
    }

    private void rebuild() {
        rows.getChildren().clear();
        for (Row r : model.rows()) {
            rows.getChildren().add(row(r));
        }
    }

    private HBox row(Row r) {
        Label name = new Label(r.serviceLabel());
        name.getStyleClass().add("vms-policy-name");
        name.setTooltip(new Tooltip(r.serviceLabel() + "\n" + r.serviceId()));
        String port = VsockTemplate.portOf(r.serviceId()).isPresent()
                ? "vsock:" + VsockTemplate.portOf(r.serviceId()).getAsLong() + " · " : "";
        Label caption = new Label(port + PolicyControls.caption(r));
        caption.getStyleClass().addAll(Styles.TEXT_MUTED, "vms-small");
        VBox text = new VBox(name, caption);
        text.getStyleClass().add("vms-policy-text");
        HBox.setHgrow(text, Priority.ALWAYS);
        text.setMinWidth(0);
        PolicyControls controls = new PolicyControls(r, Messages.get("vms.policy.switchFor", r.serviceLabel(), r.vmName()),
                model.busyProperty(), model::set);
        controls.setMinWidth(Region.USE_PREF_SIZE);
        HBox row = new HBox(text, controls);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("vms-policy-row");
        row.setUserData(r);
        return row;
    }
}
