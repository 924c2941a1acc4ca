package io.hvx.ui.tester;

import io.hvx.core.Messages;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.VBox;

/** The Compare dialog over a {@link CompareRuns}: one row per figure, the two runs side by side. */
final class CompareRunsView extends VBox {

    CompareRunsView(CompareRuns form) {
        getStyleClass().addAll("dialog-form", "tester-compare");
        getStylesheets().add(TesterView.STYLESHEET);
        TableView<CompareRuns.Row> table = new TableView<>();
        table.setId("tester-compare-table");
        table.getItems().setAll(form.rows());
        table.getColumns().add(column(Messages.get("tester.compare.figure"), CompareRuns.Row::figure, 220));
        table.getColumns().add(column(Messages.get("tester.compare.run", CompareRuns.TIME.format(form.first().run().startedAt())),
                CompareRuns.Row::a, 230));
        table.getColumns().add(column(Messages.get("tester.compare.run", CompareRuns.TIME.format(form.second().run().startedAt())),
                CompareRuns.Row::b, 230));
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        getChildren().add(table);
    }

    private static TableColumn<CompareRuns.Row, String> column(String title,
                                                              java.util.function.Function<CompareRuns.Row, String> value,
                                                              double width) {
        TableColumn<CompareRuns.Row, String> c = new TableColumn<>(title);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        c.setSortable(false);
        return c;
    }
}
