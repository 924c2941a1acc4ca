package io.hvx.ui.services;

import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.ui.common.ErrorBanner;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;

/** The content of the import dialog over an {@link ImportPreview}: the steps, their counts and the two options. */
final class ImportPlanView extends VBox {

    ImportPlanView(ImportPreview preview) {
        getStyleClass().addAll("dialog-form", "import-plan");
        getStylesheets().add(ServicesView.STYLESHEET);
        TableView<ImportPlan.Step> table = new TableView<>();
        table.setId("plan-table");
        table.getStyleClass().add("import-plan-table");
        // the action and the GUID keep their width (a GUID never wraps); the name and the reason
        // share the rest and wrap, so a refusal can be read in full
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.getColumns().add(column(Messages.get("services.column.action"), s -> Messages.get(s.action().labelKey()), 95, false));
        TableColumn<ImportPlan.Step, String> id = column(Messages.get("services.column.id"), s -> s.entry().id().toString(), 290, false);
        id.setCellFactory(c -> ServicesView.monoCell());
        table.getColumns().add(id);
        table.getColumns().add(column(Messages.get("services.column.name"),
                s -> s.entry().name() != null ? s.entry().name() : s.currentName() == null ? "" : s.currentName(), 170, true));
        table.getColumns().add(column(Messages.get("services.column.reason"),
                s -> s.reason() == null ? "" : s.reason().message(), 280, true));
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
        Label explain = new Label(Messages.get("services.import.explain"));
        explain.setId("plan-explain");
        explain.getStyleClass().add("import-plan-explain");
        explain.setWrapText(true);
        explain.setMaxWidth(Double.MAX_VALUE);
        explain.setMinHeight(USE_PREF_SIZE);
        VBox.setVgrow(table, Priority.ALWAYS);
        getChildren().addAll(banner, explain, table, summary, options);
    }

    private static TableColumn<ImportPlan.Step, String> column(String title, Function<ImportPlan.Step, String> f,
                                                             double width, boolean wrap) {
        TableColumn<ImportPlan.Step, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        // column widths stay in Java: a TableColumn is not a node that CSS can size
        c.setPrefWidth(width);
        c.setMinWidth(wrap ? 100 : width);
        if (!wrap) {
            c.setMaxWidth(width);
        }
        if (wrap) {
            c.setCellFactory(col -> new WrappingCell(col));
        }
        return c;
    }

    /**
     * A cell whose text wraps to the column's width and makes its row as tall as it needs: a
     * table row is as tall as its tallest cell's preferred height, which for a wrapping label
     * would be one line, so the text is a {@link Text} wrapped at the column's width.
     */
    private static final class WrappingCell extends TableCell<ImportPlan.Step, String> {
        private final Text text = new Text();

        WrappingCell(TableColumn<ImportPlan.Step, String> column) {
            text.getStyleClass().add("import-plan-cell-text");
            text.wrappingWidthProperty().bind(Bindings.createDoubleBinding(
                    () -> Math.max(20, column.getWidth() - snappedLeftInset() - snappedRightInset()),
                    column.widthProperty(), paddingProperty()));
            setPrefHeight(USE_COMPUTED_SIZE);
        }

        @Override
        protected void updateItem(String value, boolean empty) {
            super.updateItem(value, empty);
            setText(null);
            text.setText(empty || value == null ? "" : value);
            setGraphic(empty ? null : text);
        }
    }
}
