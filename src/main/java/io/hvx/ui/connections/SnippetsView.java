package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import java.util.Objects;
import java.util.stream.IntStream;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The snippet editor dialog's content over a {@link SnippetsForm}: the list of the service's
 * snippets with Add, Remove, Up and Down, and the selected one's name, text, format, line ending
 * and hotkey; what is wrong keeps OK disabled and is shown below.
 */
final class SnippetsView extends VBox {

    /** Registered once with the dialog service ({@code FxDialogService#register}). */
    static final String STYLESHEET = Objects.requireNonNull(SnippetsView.class.getResource("/css/connections.css"))
            .toExternalForm();

    private SnippetsForm.Entry shown;

    SnippetsView(SnippetsForm form) {
        getStyleClass().addAll("dialog-form", "snippets-form");
        getStylesheets().add(STYLESHEET);
        ListView<SnippetsForm.Entry> list = new ListView<>(form.entries());
        list.setId("snippets-list");
        list.getStyleClass().add("snippets-list");
        Label none = new Label(Messages.get("term.snippets.none"));
        none.setWrapText(true);
        list.setPlaceholder(none);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, e) -> {
            if (e != null) {
                form.selectedProperty().set(e);
            }
        });

        Button add = button(Messages.key("term.snippets.add"), Feather.PLUS, form::add);
        add.setId("snippets-add");
        Button remove = button(Messages.key("term.snippets.remove"), Feather.TRASH_2, form::remove);
        Button up = button(null, Feather.ARROW_UP, () -> form.move(-1));
        Button down = button(null, Feather.ARROW_DOWN, () -> form.move(1));
        remove.disableProperty().bind(form.selectedProperty().isNull());
        up.disableProperty().bind(form.selectedProperty().isNull());
        down.disableProperty().bind(form.selectedProperty().isNull());
        HBox listButtons = new HBox(add, remove, up, down);
        listButtons.getStyleClass().add("form-row");
        VBox left = new VBox(list, listButtons);
        left.getStyleClass().add("snippets-left");

        TextField name = new TextField();
        name.setId("snippet-name");
        TextArea text = new TextArea();
        text.setId("snippet-text");
        text.getStyleClass().add("mono");
        text.setPrefRowCount(4);
        text.setWrapText(true);
        ComboBox<SendFormat> format = new ComboBox<>(FXCollections.observableArrayList(SendFormat.values()));
        format.setConverter(LabelConverter.of(SendFormat::label));
        ComboBox<LineEnding> ending = new ComboBox<>(FXCollections.observableArrayList(LineEnding.values()));
        ending.setConverter(LabelConverter.of(LineEnding::name));
        ComboBox<Integer> hotkey = new ComboBox<>(FXCollections.observableArrayList(IntStream.rangeClosed(0, 9).boxed().toList()));
        hotkey.setConverter(LabelConverter.of(k -> k == 0 ? Messages.get("term.snippets.noHotkey") : "Alt+" + k));
        GridPane edit = new GridPane();
        edit.getStyleClass().add("snippets-edit");
        edit.addRow(0, new Label(Messages.get("term.snippets.name")), name);
        edit.addRow(1, new Label(Messages.get("term.snippets.text")), text);
        edit.addRow(2, new Label(Messages.get("term.snippets.format")), format);
        edit.addRow(3, new Label(Messages.get("term.snippets.ending")), ending);
        edit.addRow(4, new Label(Messages.get("term.snippets.hotkey")), hotkey);
        GridPane.setHgrow(name, Priority.ALWAYS);
        GridPane.setHgrow(text, Priority.ALWAYS);
        edit.disableProperty().bind(form.selectedProperty().isNull());

        form.selectedProperty().addListener((o, a, e) -> {
            if (shown != null) {
                name.textProperty().unbindBidirectional(shown.nameProperty());
                text.textProperty().unbindBidirectional(shown.textProperty());
                format.valueProperty().unbindBidirectional(shown.formatProperty());
                ending.valueProperty().unbindBidirectional(shown.endingProperty());
            }
            shown = e;
            if (e != null) {
                name.textProperty().bindBidirectional(e.nameProperty());
                text.textProperty().bindBidirectional(e.textProperty());
                format.valueProperty().bindBidirectional(e.formatProperty());
                ending.valueProperty().bindBidirectional(e.endingProperty());
                hotkey.setValue(e.hotkeyProperty().get());
                list.getSelectionModel().select(e);
            }
        });
        hotkey.valueProperty().addListener((o, a, k) -> {
            if (shown != null && k != null) {
                shown.hotkeyProperty().set(k);
                list.refresh();
            }
        });
        name.textProperty().addListener(o -> list.refresh());
        if (form.selectedProperty().get() != null) {
            SnippetsForm.Entry first = form.selectedProperty().get();
            form.selectedProperty().set(null);
            form.selectedProperty().set(first);
        }

        HBox body = new HBox(left, edit);
        body.getStyleClass().add("snippets-body");
        HBox.setHgrow(edit, Priority.ALWAYS);
        Label problem = new Label();
        problem.setId("snippets-problem");
        problem.getStyleClass().add(Styles.DANGER);
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = form.problemProperty().get();
            return p == null ? "" : p;
        }, form.problemProperty()));
        getChildren().addAll(body, problem);
        setAlignment(Pos.TOP_LEFT);
    }

    private static Button button(String key, Feather icon, Runnable action) {
        Button b = new Button(key == null ? null : Messages.get(key), new FontIcon(icon));
        b.getStyleClass().add(Styles.SMALL);
        b.setOnAction(e -> action.run());
        return b;
    }

}
