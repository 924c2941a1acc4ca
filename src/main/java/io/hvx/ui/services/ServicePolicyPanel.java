package io.hvx.ui.services;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.ui.common.ErrorBanner;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Below the Services table: the selected service's state on every VM, a switch and Default per VM,
 * and Enable on all / Disable on all. Binds to {@link ServicePolicyViewModel}.
 */
public final class ServicePolicyPanel extends VBox {

    private final ServicePolicyViewModel model;
    private final TableView<Row> table = new TableView<>();

    public ServicePolicyPanel(ServicePolicyViewModel model) {
        this.model = model;
        setId("services-policies");
        getStyleClass().add("services-policies");
        Label title = new Label();
        title.getStyleClass().add(Styles.TEXT_BOLD);
        title.textProperty().bind(Bindings.createStringBinding(() -> model.serviceProperty().get() == null
                ? Messages.get("services.policy.panel.title")
                : Messages.get("services.policy.panel.titleFor", label(model)), model.serviceProperty()));
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("services-spinner");
        spinner.visibleProperty().bind(model.busyProperty());
        Label status = new Label();
        status.setId("services-policies-status");
        status.getStyleClass().add(Styles.TEXT_MUTED);
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button enable = new Button(Messages.get("services.policy.enableAll"), new FontIcon(Feather.CHECK_CIRCLE));
        enable.setId("services-policies-enable-all");
        enable.setOnAction(e -> model.enableOnAll());
        Button disable = new Button(Messages.get("services.policy.disableAll"), new FontIcon(Feather.SLASH));
        disable.setId("services-policies-disable-all");
        disable.setOnAction(e -> model.disableOnAll());
        for (Button b : new Button[] {enable, disable}) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
            b.disableProperty().bind(model.busyProperty().or(model.serviceProperty().isNull())
                    .or(Bindings.isEmpty(model.rows())));
        }
        title.setMinWidth(Region.USE_PREF_SIZE);
        HBox header = new HBox(title, spinner, status, grow, enable, disable);
        header.setAlignment(Pos.CENTER_LEFT);
        header.getStyleClass().add("services-policies-header");
        ErrorBanner banner = new ErrorBanner();
        banner.bind(model.errorProperty());
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(header, banner, table());
    }

    private static String label(ServicePolicyViewModel model) {
        var s = model.serviceProperty().get();
        return s.name() == null || s.name().isBlank() ? s.id().toString() : s.name();
    }

    private TableView<Row> table() {
        table.setId("services-policies-table");
        table.getStyleClass().add("services-policies-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        Label placeholder = new Label();
        placeholder.textProperty().bind(Bindings.createStringBinding(() -> model.serviceProperty().get() == null
                ? Messages.get("services.policy.panel.none") : model.busyProperty().get() ? ""
                : Messages.get("services.policy.panel.noVms"), model.serviceProperty(), model.busyProperty()));
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        table.setPlaceholder(placeholder);
        // Column widths stay here: a TableColumn is not a Node, so CSS cannot size it
        TableColumn<Row, String> vm = column(Messages.get("services.policy.column.vm"), Row::vmName);
        vm.setPrefWidth(180);
        TableColumn<Row, String> id = column(Messages.get("services.policy.column.vmId"), r -> r.vmId().toString());
        id.setPrefWidth(300);
        id.setMinWidth(290);
        TableColumn<Row, String> policy = column(Messages.get("services.policy.column.policy"), PolicyControls::caption);
        policy.setPrefWidth(260);
        TableColumn<Row, Row> controls = new TableColumn<>(Messages.get("services.policy.column.switch"));
        controls.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue()));
        controls.setSortable(false);
        controls.setPrefWidth(160);
        controls.setMinWidth(150);
        controls.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Row r, boolean empty) {
                super.updateItem(r, empty);
                setGraphic(empty || r == null ? null : new PolicyControls(r,
                        Messages.get("vms.policy.switchFor", r.serviceLabel(), r.vmName()), model.busyProperty(), model::set));
            }
        });
        table.getColumns().setAll(java.util.List.of(vm, id, policy, controls));
        table.setItems(model.rows());
        return table;
    }

    private static TableColumn<Row, String> column(String title, Function<Row, String> f) {
        TableColumn<Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    /** The table (for tests). */
    TableView<Row> policyTable() {
        return table;
    }
}
