package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.terminal.LineEnding;
import io.hvx.core.terminal.SendFormat;
import io.hvx.core.terminal.Snippet;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A terminal's input: the line with its history (Up/Down), how it is read (text, hex, escapes)
 * and what ends it, Send; a menu with Send file, Repeat and Send EOF; the repeat controls and the
 * progress of a file; the problem with the input (bad hex…); and the snippet bar of the service
 * (Alt+1 … Alt+9). Bound to a {@link SenderViewModel}.
 */
public final class SenderBar extends VBox {

    private final SenderViewModel model;
    private final TextField input = new TextField();
    private final HBox repeatRow;

    public SenderBar(SenderViewModel model) {
        this.model = model;
        getStyleClass().add("sender-bar");

        ComboBox<SendFormat> format = new ComboBox<>(FXCollections.observableArrayList(SendFormat.values()));
        format.setId("send-format");
        format.setConverter(LabelConverter.of(SendFormat::label));
        format.valueProperty().bindBidirectional(model.formatProperty());
        format.setTooltip(new Tooltip(Messages.get("term.send.format.tooltip")));
        format.getStyleClass().add("send-format");
        format.setMinWidth(Region.USE_PREF_SIZE);

        input.setId("conn-input");
        input.getStyleClass().addAll("mono", "conn-input");
        input.textProperty().bindBidirectional(model.inputProperty());
        input.promptTextProperty().bind(Bindings.createStringBinding(() -> Messages.get(switch (model.formatProperty().get()) {
            case TEXT -> "conn.input.prompt";
            case HEX -> "term.input.prompt.hex";
            case ESCAPES -> "term.input.prompt.escapes";
        }), model.formatProperty()));
        input.disableProperty().bind(model.canSendProperty().not());
        input.setOnAction(e -> model.send());
        input.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.UP) {
                model.historyUp();
                input.end();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN) {
                model.historyDown();
                input.end();
                e.consume();
            }
        });
        model.problemProperty().addListener((o, a, p) -> input.pseudoClassStateChanged(Styles.STATE_DANGER, !p.isEmpty()));
        HBox.setHgrow(input, Priority.ALWAYS);

        ComboBox<LineEnding> ending = new ComboBox<>(FXCollections.observableArrayList(LineEnding.values()));
        ending.setId("send-ending");
        ending.setConverter(LabelConverter.of(e -> Messages.get(switch (e) {
            case NONE -> "term.ending.none";
            case LF -> "term.ending.lf";
            case CR -> "term.ending.cr";
            case CRLF -> "term.ending.crlf";
        })));
        ending.valueProperty().bindBidirectional(model.endingProperty());
        ending.setTooltip(new Tooltip(Messages.get("term.ending.tooltip")));
        ending.setMinWidth(Region.USE_PREF_SIZE);

        Button send = new Button(Messages.get("conn.send"), new FontIcon(Feather.SEND));
        send.setId("conn-send");
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.disableProperty().bind(model.canSendProperty().not());
        send.setOnAction(e -> model.send());

        MenuItem file = new MenuItem(Messages.get("term.file.send"), new FontIcon(Feather.UPLOAD));
        file.setId("send-file");
        file.disableProperty().bind(model.canSendProperty().not().or(model.sendingFileProperty()));
        file.setOnAction(e -> model.sendFile());
        MenuItem repeat = new MenuItem(Messages.get("term.repeat.menu"), new FontIcon(Feather.REPEAT));
        repeat.setId("send-repeat");
        repeat.setOnAction(e -> showRepeat(true));
        MenuItem snippets = new MenuItem(Messages.get("term.snippets.edit"), new FontIcon(Feather.BOOKMARK));
        snippets.setId("send-snippets");
        snippets.disableProperty().bind(model.serviceProperty().isNull());
        snippets.setOnAction(e -> model.editSnippets());
        MenuItem eof = new MenuItem(Messages.get("conn.sendEof"), new FontIcon(Feather.LOG_OUT));
        eof.setId("conn-eof");
        eof.disableProperty().bind(model.canSendProperty().not());
        eof.setOnAction(e -> model.sendEof());
        MenuButton more = new MenuButton(null, new FontIcon(Feather.MORE_VERTICAL), file, repeat, snippets,
                new SeparatorMenuItem(), eof);
        more.setId("send-more");
        more.setTooltip(new Tooltip(Messages.get("term.send.more.tooltip")));
        more.setMinWidth(Region.USE_PREF_SIZE);

        HBox inputRow = new HBox(format, input, ending, send, more);
        inputRow.getStyleClass().add("sender-input-row");
        inputRow.setAlignment(Pos.CENTER_LEFT);

        Label problem = new Label();
        problem.setId("send-problem");
        problem.getStyleClass().addAll("send-problem", Styles.DANGER);
        problem.setGraphic(new FontIcon(Feather.ALERT_TRIANGLE));
        problem.textProperty().bind(model.problemProperty());
        problem.visibleProperty().bind(model.problemProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        problem.setWrapText(true);

        repeatRow = repeatRow();
        HBox fileRow = fileRow();
        FlowPane snippetBar = snippetBar();
        getChildren().addAll(snippetBar, inputRow, problem, repeatRow, fileRow);
    }

    private HBox repeatRow() {
        TextField interval = new TextField();
        interval.setId("repeat-interval");
        interval.getStyleClass().add("repeat-field");
        interval.textProperty().bindBidirectional(model.repeatIntervalProperty());
        TextField count = new TextField();
        count.setId("repeat-count");
        count.getStyleClass().add("repeat-field");
        count.textProperty().bindBidirectional(model.repeatCountProperty());
        count.setTooltip(new Tooltip(Messages.get("term.repeat.count.tooltip")));
        Button start = new Button(Messages.get("term.repeat.start"), new FontIcon(Feather.PLAY));
        start.setId("repeat-start");
        start.getStyleClass().add(Styles.SMALL);
        start.disableProperty().bind(model.canSendProperty().not().or(model.repeatingProperty()));
        start.setOnAction(e -> model.startRepeat());
        Button stop = new Button(Messages.get("term.repeat.stop"), new FontIcon(Feather.STOP_CIRCLE));
        stop.setId("repeat-stop");
        stop.getStyleClass().add(Styles.SMALL);
        stop.disableProperty().bind(model.repeatingProperty().not());
        stop.setOnAction(e -> model.stopRepeat());
        Label sent = new Label();
        sent.getStyleClass().add("sender-note");
        sent.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("term.repeat.sent", model.repeatSentProperty().get()),
                model.repeatSentProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.BUTTON_ICON);
        close.setOnAction(e -> {
            model.stopRepeat();
            showRepeat(false);
        });
        HBox row = new HBox(new FontIcon(Feather.REPEAT), label(Messages.key("term.repeat.every")), interval, label(Messages.key("term.repeat.ms")),
                label(Messages.key("term.repeat.times")), count, start, stop, sent, grow, close);
        row.setId("repeat-row");
        row.getStyleClass().add("sender-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.setVisible(false);
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private void showRepeat(boolean on) {
        repeatRow.setVisible(on);
    }

    private HBox fileRow() {
        ProgressBar progress = new ProgressBar();
        progress.setId("send-file-progress");
        progress.progressProperty().bind(model.fileProgressProperty());
        Label status = new Label();
        status.getStyleClass().add("sender-note");
        status.textProperty().bind(model.statusProperty());
        Button cancel = new Button(Messages.get("term.file.cancel"));
        cancel.setId("send-file-cancel");
        cancel.getStyleClass().add(Styles.SMALL);
        cancel.setOnAction(e -> model.cancelFile());
        cancel.visibleProperty().bind(model.sendingFileProperty());
        progress.visibleProperty().bind(model.sendingFileProperty());
        progress.managedProperty().bind(progress.visibleProperty());
        cancel.managedProperty().bind(cancel.visibleProperty());
        HBox row = new HBox(progress, status, cancel);
        row.getStyleClass().add("sender-row");
        row.setAlignment(Pos.CENTER_LEFT);
        row.visibleProperty().bind(model.sendingFileProperty().or(model.statusProperty().isNotEmpty()));
        row.managedProperty().bind(row.visibleProperty());
        return row;
    }

    private FlowPane snippetBar() {
        FlowPane bar = new FlowPane();
        bar.setId("snippet-bar");
        bar.getStyleClass().add("snippet-bar");
        Runnable fill = () -> {
            bar.getChildren().clear();
            for (Snippet s : model.snippets()) {
                Button b = new Button(s.name());
                b.getStyleClass().addAll(Styles.SMALL, "snippet-button");
                b.setMnemonicParsing(false);
                b.setTooltip(new Tooltip((s.hotkey() > 0 ? "Alt+" + s.hotkey() + "  ·  " : "") + s.text()));
                if (s.hotkey() > 0) {
                    Label key = new Label(Integer.toString(s.hotkey()));
                    key.getStyleClass().add("snippet-key");
                    b.setGraphic(key);
                }
                b.disableProperty().bind(model.canSendProperty().not());
                b.setOnAction(e -> model.sendSnippet(s));
                bar.getChildren().add(b);
            }
            if (!model.snippets().isEmpty()) {
                Button edit = new Button(null, new FontIcon(Feather.EDIT_2));
                edit.getStyleClass().addAll(Styles.SMALL, Styles.FLAT, Styles.BUTTON_ICON);
                edit.setTooltip(new Tooltip(Messages.get("term.snippets.edit")));
                edit.setOnAction(e -> model.editSnippets());
                bar.getChildren().add(edit);
            }
            bar.setVisible(!model.snippets().isEmpty());
        };
        model.snippets().addListener((ListChangeListener<Snippet>) c -> fill.run());
        bar.managedProperty().bind(bar.visibleProperty());
        fill.run();
        return bar;
    }

    private static Label label(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("sender-note");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }


    /**
     * Sends the snippet of an Alt+digit key; install on the node that holds the terminal so the
     * keys work wherever the focus is in it.
     */
    public void installHotkeys(javafx.scene.Node on) {
        on.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.isAltDown() && !e.isControlDown() && !e.isShortcutDown() && e.getCode().isDigitKey()) {
                int n = e.getCode().getCode() - KeyCode.DIGIT0.getCode();
                if (e.getCode().getName().startsWith("Numpad")) {
                    n = e.getCode().getCode() - KeyCode.NUMPAD0.getCode();
                }
                if (n >= 1 && n <= 9 && model.sendHotkey(n)) {
                    e.consume();
                }
            }
        });
    }

    public TextField input() {
        return input;
    }
}
