package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.terminal.DisplayDecoder;
import io.hvx.core.terminal.TimestampFormat;
import io.hvx.ui.common.ErrorBanner;
import java.nio.charset.Charset;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.beans.binding.Bindings;
import javafx.collections.FXCollections;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A terminal's output with its controls: text or hex, timestamps, charset, local echo and ANSI
 * colours; find (Ctrl+F); follow or pause; save, capture, clear and the scrollback size; the note
 * of lines that fell out of the scrollback; and the {@link TerminalPane} itself. Bound to a
 * {@link TerminalViewModel}.
 */
public final class TerminalView extends BorderPane {

    private static final KeyCombination FIND = new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN);

    private final TerminalViewModel model;
    private final TerminalPane pane;
    private final HBox findBar;
    private final TextField findField = new TextField();

    /**
     * @param pulse the owner's once-per-frame update (its counters, then the terminal's pulse)
     */
    public TerminalView(TerminalViewModel model, BooleanSupplier pulse) {
        this.model = model;
        this.pane = new TerminalPane(model, pulse);
        getStyleClass().add("terminal-view");
        pane.setId("term-pane");
        pane.setMenu(contextMenu());

        ErrorBanner banner = new ErrorBanner();
        banner.setId("term-error");
        banner.bind(model.errorProperty());

        Label dropped = new Label();
        dropped.setId("term-dropped");
        dropped.getStyleClass().add("term-dropped");
        dropped.setGraphic(new FontIcon(Feather.ARCHIVE));
        dropped.textProperty().bind(model.droppedNoteProperty());
        dropped.visibleProperty().bind(model.droppedNoteProperty().isNotEmpty());
        dropped.managedProperty().bind(dropped.visibleProperty());
        dropped.setMaxWidth(Double.MAX_VALUE);

        Button jump = new Button();
        jump.setId("term-jump");
        jump.getStyleClass().addAll(Styles.SMALL, Styles.ACCENT, "term-jump");
        jump.setGraphic(new FontIcon(Feather.ARROW_DOWN));
        jump.textProperty().bind(Bindings.createStringBinding(() -> model.unseenProperty().get() > 0
                ? Messages.get("term.jump.new", model.unseenProperty().get()) : Messages.get("term.jump"),
                model.unseenProperty()));
        jump.visibleProperty().bind(model.followingProperty().not());
        jump.setOnAction(e -> {
            pane.scrollToEnd();
            pane.requestFocus();
        });
        StackPane.setAlignment(jump, Pos.BOTTOM_RIGHT);
        StackPane center = new StackPane(pane, jump);
        center.getStyleClass().add("term-center");

        findBar = findBar();
        VBox top = new VBox(toolbar(), banner, dropped);
        top.getStyleClass().add("term-top");
        setTop(top);
        setCenter(center);
        setBottom(findBar);

        installKeys(this);
    }

    /**
     * Ctrl+F opens this terminal's find bar wherever the focus is in {@code on} (the tab around the
     * terminal, so it works from the input line too).
     */
    public void installKeys(javafx.scene.Node on) {
        on.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (FIND.match(e) && !e.isConsumed()) {
                showFind();
                e.consume();
            }
        });
    }

    private HBox toolbar() {
        ToggleButton text = new ToggleButton(Messages.get("term.text"), new FontIcon(Feather.ALIGN_LEFT));
        text.setId("term-text");
        text.getStyleClass().add(Styles.LEFT_PILL);
        text.setTooltip(new Tooltip(Messages.get("term.text.tooltip")));
        ToggleButton hex = new ToggleButton(Messages.get("term.hex"), new FontIcon(Feather.HASH));
        hex.setId("term-hex");
        hex.getStyleClass().add(Styles.RIGHT_PILL);
        hex.setTooltip(new Tooltip(Messages.get("term.hex.tooltip")));
        ToggleGroup view = new ToggleGroup();
        view.getToggles().addAll(text, hex);
        view.selectToggle(model.hexProperty().get() ? hex : text);
        view.selectedToggleProperty().addListener((o, a, now) -> {
            if (now == null) {
                a.setSelected(true); // one of the two is always on
            } else {
                model.hexProperty().set(now == hex);
            }
        });
        model.hexProperty().addListener((o, a, isHex) -> view.selectToggle(isHex ? hex : text));
        HBox textOrHex = new HBox(text, hex);

        ComboBox<TimestampFormat> stamps = new ComboBox<>(FXCollections.observableArrayList(TimestampFormat.values()));
        stamps.setId("term-timestamps");
        stamps.getStyleClass().add("term-timestamps");
        stamps.setConverter(LabelConverter.of(TimestampFormat::label));
        stamps.valueProperty().bindBidirectional(model.timestampsProperty());
        stamps.setTooltip(new Tooltip(Messages.get("term.timestamps.tooltip")));

        ToggleButton pause = new ToggleButton(null, new FontIcon(Feather.PAUSE));
        pause.setId("term-pause");
        pause.setTooltip(new Tooltip(Messages.get("term.pause.tooltip")));
        pause.setSelected(!model.followingProperty().get());
        model.followingProperty().addListener((o, a, following) -> pause.setSelected(!following));
        pause.selectedProperty().addListener((o, a, paused) -> {
            if (paused == model.followingProperty().get()) {
                if (paused) {
                    model.followingProperty().set(false);
                } else {
                    pane.scrollToEnd();
                }
            }
        });

        Button find = new Button(null, new FontIcon(Feather.SEARCH));
        find.setId("term-find");
        find.setTooltip(new Tooltip(Messages.get("term.find.tooltip")));
        find.setOnAction(e -> showFind());

        Button save = new Button(null, new FontIcon(Feather.SAVE));
        save.setId("term-save");
        save.setTooltip(new Tooltip(Messages.get("term.save.tooltip")));
        save.setOnAction(e -> model.saveTranscript());

        ToggleButton capture = new ToggleButton(null, new FontIcon(Feather.DISC));
        capture.setId("term-capture");
        capture.getStyleClass().add("term-capture");
        capture.setTooltip(new Tooltip(Messages.get("term.capture.tooltip")));
        capture.setSelected(model.captureProperty().get() != null);
        model.captureProperty().addListener((o, a, c) -> capture.setSelected(c != null));
        capture.setOnAction(e -> {
            // the button shows the capture's state; a click asks for the change
            capture.setSelected(model.captureProperty().get() != null);
            if (model.captureProperty().get() == null) {
                model.startCapture();
            } else {
                model.stopCapture();
            }
        });

        Button clear = new Button(null, new FontIcon(Feather.TRASH_2));
        clear.setId("term-clear");
        clear.setTooltip(new Tooltip(Messages.get("term.clear.tooltip")));
        clear.setOnAction(e -> model.clear());

        CheckMenuItem echo = new CheckMenuItem(Messages.get("term.echo"));
        echo.setId("term-echo");
        echo.selectedProperty().bindBidirectional(model.localEchoProperty());
        CheckMenuItem colours = new CheckMenuItem(Messages.get("term.ansi"));
        colours.setId("term-ansi");
        colours.selectedProperty().bindBidirectional(model.ansiProperty());
        Menu charset = new Menu();
        charset.setId("term-charset");
        charset.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("term.charset.menu", model.charsetProperty().get().name()), model.charsetProperty()));
        ToggleGroup charsets = new ToggleGroup();
        for (String name : DisplayDecoder.CHARSETS) {
            if (!Charset.isSupported(name)) {
                continue;
            }
            Charset cs = Charset.forName(name);
            RadioMenuItem item = new RadioMenuItem(cs.name());
            item.setToggleGroup(charsets);
            item.setSelected(cs.equals(model.charsetProperty().get()));
            item.setOnAction(e -> model.charsetProperty().set(cs));
            charset.getItems().add(item);
        }
        model.charsetProperty().addListener((o, a, cs) -> charsets.getToggles().forEach(
                t -> t.setSelected(((RadioMenuItem) t).getText().equals(cs.name()))));
        MenuItem scrollback = new MenuItem();
        scrollback.textProperty().bind(Bindings.createStringBinding(
                () -> Messages.get("term.scrollback.menu", model.scrollbackProperty().get()), model.scrollbackProperty()));
        scrollback.setOnAction(e -> model.askScrollback());
        MenuButton more = new MenuButton(null, new FontIcon(Feather.SLIDERS), echo, colours, charset,
                new SeparatorMenuItem(), scrollback);
        more.setId("term-more");
        more.setTooltip(new Tooltip(Messages.get("term.more.tooltip")));

        for (var b : List.of(text, hex, pause, find, save, capture, clear)) {
            b.getStyleClass().add(Styles.SMALL);
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        stamps.getStyleClass().add(Styles.SMALL);
        more.getStyleClass().add(Styles.SMALL);

        Label status = new Label();
        status.setId("term-status");
        status.getStyleClass().add("term-file-status");
        status.textProperty().bind(model.statusProperty());
        status.setMinWidth(0);
        HBox.setHgrow(status, Priority.ALWAYS);
        status.setMaxWidth(Double.MAX_VALUE);

        HBox bar = new HBox(textOrHex, stamps, gap(), status, pause, find, save, capture, clear, more);
        bar.getStyleClass().add("term-toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private static Region gap() {
        Region r = new Region();
        r.getStyleClass().add("term-gap");
        return r;
    }


    private HBox findBar() {
        findField.setId("term-find-field");
        findField.setPromptText(Messages.get("term.find.prompt"));
        findField.textProperty().bindBidirectional(model.findQueryProperty());
        HBox.setHgrow(findField, Priority.ALWAYS);
        findField.setMaxWidth(360);
        findField.setOnAction(e -> model.findNext());
        findField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShiftDown()) {
                model.findPrevious();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE) {
                hideFind();
                e.consume();
            }
        });
        Button previous = new Button(null, new FontIcon(Feather.CHEVRON_UP));
        previous.setId("term-find-previous");
        previous.setTooltip(new Tooltip(Messages.get("term.find.previous")));
        previous.setOnAction(e -> model.findPrevious());
        Button next = new Button(null, new FontIcon(Feather.CHEVRON_DOWN));
        next.setId("term-find-next");
        next.setTooltip(new Tooltip(Messages.get("term.find.next")));
        next.setOnAction(e -> model.findNext());
        CheckBox matchCase = new CheckBox(Messages.get("term.find.matchCase"));
        matchCase.selectedProperty().bindBidirectional(model.matchCaseProperty());
        Label notFound = new Label(Messages.get("term.find.notFound"));
        notFound.setId("term-find-none");
        notFound.getStyleClass().add(Styles.DANGER);
        notFound.visibleProperty().bind(model.notFoundProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().add(Styles.FLAT);
        close.setTooltip(new Tooltip(Messages.get("term.find.close")));
        close.setOnAction(e -> hideFind());
        for (var b : List.of(previous, next, close)) {
            b.getStyleClass().addAll(Styles.SMALL, Styles.BUTTON_ICON);
        }
        HBox bar = new HBox(new FontIcon(Feather.SEARCH), findField, previous, next, matchCase, notFound, grow, close);
        bar.setId("term-find-bar");
        bar.getStyleClass().add("term-find-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setVisible(false);
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    /** Shows the find bar with the selection (if any) as the query. */
    public void showFind() {
        String selected = pane.selectedText();
        if (!selected.isEmpty() && !selected.contains("\n")) {
            findField.setText(selected);
        }
        findBar.setVisible(true);
        findField.requestFocus();
        findField.selectAll();
    }

    private void hideFind() {
        findBar.setVisible(false);
        model.findQueryProperty().set("");
        pane.requestFocus();
    }

    private ContextMenu contextMenu() {
        MenuItem copy = new MenuItem(Messages.get("term.menu.copy"), new FontIcon(Feather.COPY));
        copy.setOnAction(e -> pane.copy());
        MenuItem all = new MenuItem(Messages.get("term.menu.selectAll"));
        all.setOnAction(e -> pane.selectAll());
        MenuItem find = new MenuItem(Messages.get("term.menu.find"), new FontIcon(Feather.SEARCH));
        find.setOnAction(e -> showFind());
        MenuItem save = new MenuItem(Messages.get("term.menu.save"), new FontIcon(Feather.SAVE));
        save.setOnAction(e -> model.saveTranscript());
        MenuItem clear = new MenuItem(Messages.get("term.menu.clear"), new FontIcon(Feather.TRASH_2));
        clear.setOnAction(e -> model.clear());
        return new ContextMenu(copy, all, new SeparatorMenuItem(), find, save, new SeparatorMenuItem(), clear);
    }

    public TerminalPane pane() {
        return pane;
    }

    public TerminalViewModel model() {
        return model;
    }

    /** Stops drawing (the tab closed). */
    public void dispose() {
        pane.dispose();
    }
}
