package io.hvx.ui.services;

import atlantafx.base.controls.ToggleSwitch;
import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies.Effective;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.core.ServicePolicy;
import java.util.function.BiConsumer;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;

/**
 * The controls of one (VM, service) policy, the same in Virtual machines and in Services: a switch
 * that is on while the service is on for the VM (flipping it sets Enabled or Disabled) and
 * <i>Default</i>, which gives the decision back to the VM's default (Deferred). Both are disabled
 * while a change runs, and for a service that is not registered on the host.
 */
public final class PolicyControls extends HBox {

    private final ToggleSwitch toggle = new ToggleSwitch();
    private final Button byDefault = new Button(Messages.get("services.policy.defaultButton"));

    /**
     * @param what the (VM, service) pair in words, for the switch's accessible text
     * @param busy true while a change runs
     * @param set  called with the policy the user chose
     */
    public PolicyControls(Row row, String what, ObservableBooleanValue busy, BiConsumer<Row, ServicePolicy> set) {
        getStyleClass().add("policy-controls");
        setAlignment(Pos.CENTER_RIGHT);
        toggle.setSelected(row.effective() == Effective.ENABLED);
        toggle.setAccessibleText(what);
        toggle.getStyleClass().add("policy-switch");
        toggle.selectedProperty().addListener((o, was, on) -> set.accept(row, on ? ServicePolicy.ENABLED : ServicePolicy.DISABLED));
        byDefault.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, "policy-default");
        byDefault.setTooltip(new Tooltip(Messages.get("services.policy.defaultTip")));
        byDefault.setOnAction(e -> set.accept(row, ServicePolicy.DEFERRED));
        if (!row.registered()) {
            toggle.setDisable(true);
            byDefault.setDisable(true);
            Tooltip.install(this, new Tooltip(Messages.get("services.policy.notRegisteredTip")));
        } else {
            toggle.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(busy::get, busy));
            byDefault.disableProperty().bind(javafx.beans.binding.Bindings.createBooleanBinding(
                    () -> busy.get() || row.policy() == ServicePolicy.DEFERRED, busy));
        }
        getChildren().addAll(byDefault, toggle);
    }

    /** The switch (for tests and screenshots). */
    public ToggleSwitch toggle() {
        return toggle;
    }

    /** The Default button (for tests). */
    public Button defaultButton() {
        return byDefault;
    }

    /**
     * What a row says under its name: the policy (and for Default, what it comes to), and what
     * Hyper-V reports when it does.
     */
    public static String caption(Row row) {
        String policy = switch (row.policy()) {
            case DEFERRED -> Messages.get("services.policy.caption.deferred", Messages.get(row.effective().labelKey()));
            case ENABLED -> Messages.get("services.policy.caption.enabled");
            case DISABLED -> Messages.get("services.policy.caption.disabled");
        };
        return row.reported() ? Messages.get("services.policy.caption.reported", policy, Messages.get(row.effective().labelKey()))
                : policy;
    }
}
