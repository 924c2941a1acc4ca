package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.terminal.TerminalFeed;
import io.hvx.ui.common.ChoicePicker;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.connections.ListenViewModel.Mode;
import io.hvx.ui.connections.ListenViewModel.State;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A Listen tab: whose connections to accept and on which service, how to answer them, Start and
 * Stop, the counters with Close all; the accepted connections in a list, and the selected one's
 * terminal (with its input when answered by hand). Bound to a {@link ListenViewModel}.
 */
public final class ListenView extends BorderPane {

    private final ListenViewModel model;
    private final StackPane detail = new StackPane();
    private final Label badge = new Label();
    private TerminalView terminal;

    public ListenView(ListenViewModel model, ObservableList<VmChoice> scopes, ObservableList<ServiceChoice> services) {
        this.model = model;
        getStyleClass().add("listen-view");
        ErrorBanner banner = new ErrorBanner();
        banner.setId("listen-error");
        banner.bind(model.errorProperty());
        VBox top = new VBox(bar(scopes, services), banner, infoRow());
        top.getStyleClass().add("conn-top");
        setTop(top);

        ListView<AcceptedSessionViewModel> list = new ListView<>(model.sessions());
        list.setId("listen-connections");
        list.getStyleClass().add("listen-list");
        list.setCellFactory(v -> new SessionCell());
        list.setTooltip(new Tooltip(Messages.get("listen.list.tooltip", TerminalFeed.HELD_BYTES / 1024)));
        Label empty = new Label(Messages.get("listen.list.empty"));
        empty.setWrapText(true);
        empty.getStyleClass().add("listen-empty");
        list.setPlaceholder(empty);
        list.getSelectionModel().selectedItemProperty().addListener((o, a, s) -> {
            if (s != null) {
                model.selectedProperty().set(s);
            }
        });
        model.selectedProperty().addListener((o, a, s) -> {
            if (s != null && list.getSelectionModel().getSelectedItem() != s) {
                list.getSelectionModel().select(s);
            }
            show(s);
        });
        detail.getStyleClass().add("listen-detail");
        SplitPane split = new SplitPane(list, detail);
        split.setDividerPositions(0.3);
        SplitPane.setResizableWithParent(list, false);
        split.getStyleClass().add("listen-split");
        setCenter(split);
        show(model.selectedProperty().get());
    }

    private HBox bar(ObservableList<VmChoice> scopes, ObservableList<ServiceChoice> services) {
        ComboBox<VmChoice> scope = new ComboBox<>(scopes);
        scope.setId("listen-scope");
        ChoicePicker.bind(scope, model.scopeProperty(), VmChoice::label, VmChoice::typed);
        scope.getStyleClass().add("listen-scope");
        scope.setTooltip(new Tooltip(Messages.get("listen.scope.tooltip")));
        ComboBox<ServiceChoice> service = new ComboBox<>(services);
        service.setId("listen-service");
        ChoicePicker.bind(service, model.serviceProperty(), ServiceChoice::label, ServiceChoice::typed);
        service.setPromptText(Messages.get("conn.service.prompt"));
        service.getStyleClass().add("conn-service");
        service.setTooltip(new Tooltip(Messages.get("listen.service.tooltip")));
        HBox.setHgrow(service, Priority.SOMETIMES);
        ComboBox<Mode> mode = new ComboBox<>(FXCollections.observableArrayList(Mode.values()));
        mode.setId("listen-mode");
        mode.setConverter(LabelConverter.of(Mode::label));
        mode.valueProperty().bindBidirectional(model.modeProperty());
        mode.setTooltip(new Tooltip(Messages.get("listen.mode.tooltip")));
        mode.setMinWidth(Region.USE_PREF_SIZE);
        TextField max = new TextField();
        max.setId("listen-max");
        max.getStyleClass().add("listen-max");
        max.setPromptText(Messages.get("listen.max.label"));
        max.textProperty().bindBidirectional(model.maxConnectionsProperty());
        max.setTooltip(new Tooltip(Messages.get("listen.max.tooltip")));

        BooleanBinding running = Bindings.createBooleanBinding(
                () -> model.stateProperty().get() == State.LISTENING || model.stateProperty().get() == State.STARTING,
                model.stateProperty());
        for (var c : new javafx.scene.control.Control[] {scope, service, mode, max}) {
            c.disableProperty().bind(running);
        }
        Button start = new Button(Messages.get("listen.start"), new FontIcon(Feather.RADIO));
        start.setId("listen-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setMinWidth(Region.USE_PREF_SIZE);
        start.disableProperty().bind(running);
        start.setOnAction(e -> model.start());
        Button stop = new Button(Messages.get("listen.stop"), new FontIcon(Feather.STOP_CIRCLE));
        stop.setId("listen-stop");
        stop.setMinWidth(Region.USE_PREF_SIZE);
        stop.disableProperty().bind(running.not());
        stop.setOnAction(e -> model.stop());

        HBox bar = new HBox(label(Messages.key("conn.vm.label")), scope, label(Messages.key("conn.service.label")), service,
                label(Messages.key("listen.mode.label")), mode, max, start, stop);
        bar.getStyleClass().add("conn-chooser-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        return bar;
    }

    private HBox infoRow() {
        badge.setId("listen-state");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        updateBadge(model.stateProperty().get());
        model.stateProperty().addListener((o, a, s) -> updateBadge(s));
        Label address = new Label();
        address.setId("listen-address");
        address.getStyleClass().addAll("conn-status", "mono");
        address.textProperty().bind(model.addressProperty());
        address.setMinWidth(0);
        address.setTooltip(new Tooltip());
        address.getTooltip().textProperty().bind(model.addressProperty());
        HBox.setHgrow(address, Priority.SOMETIMES);
        Label counts = new Label();
        counts.setId("listen-counts");
        counts.getStyleClass().add("conn-status");
        counts.setMinWidth(Region.USE_PREF_SIZE);
        counts.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("listen.counts",
                model.openProperty().get(), model.acceptedProperty().get()), model.openProperty(), model.acceptedProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button closeAll = new Button(Messages.get("listen.closeAll"), new FontIcon(Feather.X_SQUARE));
        closeAll.setId("listen-close-all");
        closeAll.getStyleClass().add(Styles.SMALL);
        closeAll.setMinWidth(Region.USE_PREF_SIZE);
        closeAll.disableProperty().bind(Bindings.isEmpty(model.sessions()));
        closeAll.setOnAction(e -> model.closeAll());
        Button clear = new Button(Messages.get("listen.clearClosed"), new FontIcon(Feather.TRASH_2));
        clear.setId("listen-clear-closed");
        clear.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.setOnAction(e -> model.clearClosed());
        HBox row = new HBox(badge, counts, address, grow, closeAll, clear);
        row.getStyleClass().add("conn-status-row");
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    private void updateBadge(State s) {
        badge.setText(s.label());
        badge.getStyleClass().setAll("label", "conn-state", switch (s) {
            case LISTENING -> "conn-state-connected";
            case STARTING -> "conn-state-connecting";
            case FAILED -> "conn-state-failed";
            case STOPPED -> "conn-state-idle";
        });
        badge.setGraphic(new FontIcon(switch (s) {
            case LISTENING -> Feather.RADIO;
            case STARTING -> Feather.LOADER;
            case FAILED -> Feather.ALERT_CIRCLE;
            case STOPPED -> Feather.MINUS_CIRCLE;
        }));
    }

    private static Label label(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("conn-field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    /** Shows the terminal of an accepted connection (or the hint while there is none). */
    private void show(AcceptedSessionViewModel sub) {
        if (terminal != null) {
            terminal.dispose();
            terminal = null;
        }
        if (sub == null) {
            Label hint = new Label(Messages.get("listen.detail.empty"));
            hint.setWrapText(true);
            hint.getStyleClass().add("listen-empty");
            detail.getChildren().setAll(hint);
            return;
        }
        terminal = new TerminalView(sub.terminal(), sub::pulse);
        terminal.setId("listen-terminal");
        SenderBar sender = new SenderBar(sub.sender());
        sender.installHotkeys(terminal);
        BorderPane box = new BorderPane(terminal);
        box.setBottom(sender);
        terminal.installKeys(box);
        box.getStyleClass().add("listen-session");
        detail.getChildren().setAll(box);
    }

    /** The terminal shown, or null (for tests). */
    public TerminalView terminal() {
        return terminal;
    }

    public ListenViewModel model() {
        return model;
    }

    /** Stops drawing (the tab closed). */
    public void dispose() {
        if (terminal != null) {
            terminal.dispose();
        }
    }

    /** A row of the connection list: number, peer, state and counters. */
    private static final class SessionCell extends ListCell<AcceptedSessionViewModel> {
        private final Label title = new Label();
        private final Label state = new Label();
        private final Label counts = new Label();
        private final VBox box;
        private final javafx.beans.value.ChangeListener<ConnectionSessionViewModel.State> stateListener =
                (o, a, now) -> ConnectionSessionView.updateBadge(state, now);
        private AcceptedSessionViewModel bound;

        SessionCell() {
            title.getStyleClass().add("listen-cell-title");
            counts.getStyleClass().add("listen-cell-counts");
            HBox head = new HBox(title, state);
            head.setAlignment(Pos.CENTER_LEFT);
            head.getStyleClass().add("listen-cell-head");
            box = new VBox(head, counts);
            box.getStyleClass().add("listen-cell");
        }

        @Override
        protected void updateItem(AcceptedSessionViewModel s, boolean empty) {
            super.updateItem(s, empty);
            counts.textProperty().unbind();
            if (bound != null) {
                bound.stateProperty().removeListener(stateListener);
                bound = null;
            }
            if (empty || s == null) {
                setGraphic(null);
                return;
            }
            title.setText("#" + s.number() + "  " + s.peer());
            ConnectionSessionView.updateBadge(state, s.stateProperty().get());
            s.stateProperty().addListener(stateListener);
            bound = s;
            counts.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("listen.cell.counts",
                    ConnectionSessionView.bytes(s.receivedProperty().get()), ConnectionSessionView.bytes(s.sentProperty().get())),
                    s.receivedProperty(), s.sentProperty()));
            setGraphic(box);
        }
    }
}
