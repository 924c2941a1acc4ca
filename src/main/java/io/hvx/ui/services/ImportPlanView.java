package io.hvx.ui.services;

import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.ui.common.ErrorBanner;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The content of the import dialog over an {@link ImportPreview}: the steps, their counts and the two options. */
final class ImportPlanView extends VBox {

    ImportPlanView(ImportPreview preview) {
        getStyleClass().addAll("dialog-form", "import-plan");
        getStylesheets().add(ServicesView.STYLESHEET);
        TableView<ImportPlan.Step> table = new TableView<>();
        table.setId("plan-table");
        table.getStyleClass().add("import-plan-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(Messages.get("services.column.action"), s -> Messages.get(s.action().labelKey())));
        table.getColumns().add(column(Messages.get("services.column.id"), s -> s.entry().id().toString()));
        table.getColumns().add(column(Messages.get("services.column.name"),
                s -> s.entry().name() != null ? s.entry().name() : s.currentName() == null ? "" : s.currentName()));
        table.getColumns().add(column(Messages.get("services.column.reason"),
                s -> s.reason() == null ? "" : s.reason().message()));
        table.getItems().setAll(preview.planProperty().get().steps());
        preview.planProperty().addListener((o, a, p) -> table.getItems().setAll(p.steps()));

        Label summary = new Label();
        summary.setId("plan-summary");
        summary.textProperty().bind(Bindings.createStringBinding(
                () -> ImportPreview.summary(preview.planProperty().get()), preview.planProperty()));
        CheckBox deletes = new CheckBox(Messages.get("services.import.allowDelete"));
        deletes.setId("plan-allow-delete");
        deletes.selectedProperty().bindBidirectional(preview.allowDeleteProperty());
        CheckBox force = new CheckBox(Messages.get("services.import.force"));
        force.setId("plan-force");
        force.selectedProperty().bindBidirectional(preview.forceProperty());
        HBox options = new HBox(deletes, force);
        options.getStyleClass().add("form-row-wide");
        ErrorBanner banner = new ErrorBanner();
        banner.bind(preview.errorProperty());
        getChildren().addAll(banner, table, summary, options);
    }

    private static TableColumn<ImportPlan.Step, String> column(String title, Function<ImportPlan.Step, String> f) {
        TableColumn<ImportPlan.Step, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }
}
