package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.ui.common.ChoicePicker;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.connections.ConnectionSessionViewModel.State;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ObservableList;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * One connection tab: the VM and service choosers with the timeout, Connect (Enter), Disconnect,
 * Reconnect, automatic reconnect and the favourite star; the error banner with a place for actions
 * on a failure ({@link #failureActions()}); the terminal ({@link TerminalView}) and its input
 * ({@link SenderBar}); and a status line with the state, the byte counters and the time connected.
 */
public final class ConnectionSessionView extends BorderPane {

    private final ConnectionSessionViewModel model;
    private final TerminalView terminal;
    private final SenderBar sender;
    private final Label status = new Label();
    private final ComboBox<VmChoice> vm = new ComboBox<>();
    private final Label badge = new Label();
    private final HBox failureActions = new HBox();

    /**
     * @param favourite stars the tab's connection (adds it to the favourites)
     */
    public ConnectionSessionView(ConnectionSessionViewModel model, ObservableList<VmChoice> vms,
                                 ObservableList<ServiceChoice> services, Consumer<ConnectionSessionViewModel> favourite) {
        this.model = model;
        getStyleClass().add("conn-session");
        ErrorBanner banner = new ErrorBanner();
        banner.setId("conn-error");
        banner.bind(model.errorProperty());
        HBox.setHgrow(banner, Priority.ALWAYS);
        failureActions.setId("conn-failure-actions");
        failureActions.getStyleClass().add("conn-failure-actions");
        failureActions.setAlignment(Pos.TOP_RIGHT);
        failureActions.visibleProperty().bind(banner.visibleProperty()
                .and(Bindings.isNotEmpty(failureActions.getChildren())));
        failureActions.managedProperty().bind(failureActions.visibleProperty());
        HBox errorRow = new HBox(banner, failureActions);
        errorRow.getStyleClass().add("conn-error-row");
        errorRow.visibleProperty().bind(banner.visibleProperty());
        errorRow.managedProperty().bind(errorRow.visibleProperty());
        VBox top = new VBox(chooserBar(vms, services, favourite), errorRow);
        top.getStyleClass().add("conn-top");
        setTop(top);

        terminal = new TerminalView(model.terminal(), model::pulse);
        terminal.getStyleClass().add("conn-terminal");
        setCenter(terminal);
        sender = new SenderBar(model.sender());
        sender.installHotkeys(this);
        terminal.installKeys(this);
        VBox bottom = new VBox(sender, statusRow());
        bottom.getStyleClass().add("conn-bottom");
        setBottom(bottom);

        // once connected the caret goes to the input (the choosers it was in are locked now)
        model.sender().canSendProperty().addListener((obs, o, can) -> {
            if (can && getScene() != null) {
                sender.input().requestFocus();
            }
        });
        Runnable refresh = this::updateStatus;
        model.sentProperty().addListener(o -> refresh.run());
        model.receivedProperty().addListener(o -> refresh.run());
        model.stateProperty().addListener(o -> refresh.run());
        updateStatus();
    }

    private HBox chooserBar(ObservableList<VmChoice> vms, ObservableList<ServiceChoice> services,
                            Consumer<ConnectionSessionViewModel> favourite) {
        vm.setId("conn-vm");
        vm.setItems(vms);
        ChoicePicker.bind(vm, model.vmProperty(), VmChoice::label, VmChoice::typed);
        vm.setPromptText(Messages.get("conn.vm.prompt"));
        vm.getStyleClass().add("conn-vm");
        vm.setTooltip(new Tooltip(Messages.get("conn.vm.tooltip")));
        ComboBox<ServiceChoice> service = new ComboBox<>();
        service.setId("conn-service");
        service.setItems(services);
        ChoicePicker.bind(service, model.serviceProperty(), ServiceChoice::label, ServiceChoice::typed);
        service.setPromptText(Messages.get("conn.service.prompt"));
        service.getStyleClass().add("conn-service");
        service.setTooltip(new Tooltip(Messages.get("conn.service.tooltip")));
        HBox.setHgrow(service, Priority.SOMETIMES);
        TextField timeout = new TextField();
        timeout.setId("conn-timeout");
        timeout.getStyleClass().add("conn-timeout");
        timeout.textProperty().bindBidirectional(model.timeoutProperty());
        timeout.setTooltip(new Tooltip(Messages.get("conn.timeout.tooltip")));

        BooleanBinding active = Bindings.createBooleanBinding(() -> model.stateProperty().get().active(), model.stateProperty());
        // after "Closed by peer" the choosers and Connect are free again: a new connection replaces the old
        BooleanBinding busy = Bindings.createBooleanBinding(() -> !model.stateProperty().get().canConnect(),
                model.stateProperty());
        vm.disableProperty().bind(busy);
        service.disableProperty().bind(busy);
        timeout.disableProperty().bind(busy);

        Button connect = new Button(Messages.get("conn.connect"), new FontIcon(Feather.LOG_IN));
        connect.setId("conn-connect");
        connect.setMinWidth(Region.USE_PREF_SIZE);
        connect.getStyleClass().add(Styles.ACCENT);
        connect.disableProperty().bind(busy);
        connect.setOnAction(e -> model.connect());
        Button disconnect = new Button(Messages.get("conn.disconnect"), new FontIcon(Feather.X_CIRCLE));
        disconnect.setId("conn-disconnect");
        disconnect.setMinWidth(Region.USE_PREF_SIZE);
        disconnect.disableProperty().bind(active.not());
        disconnect.setOnAction(e -> model.disconnect());
        Button reconnect = new Button(null, new FontIcon(Feather.ROTATE_CW));
        reconnect.setId("conn-reconnect");
        reconnect.getStyleClass().add(Styles.BUTTON_ICON);
        reconnect.setTooltip(new Tooltip(Messages.get("term.reconnect.tooltip")));
        reconnect.disableProperty().bind(model.endpointProperty().isNull());
        reconnect.setOnAction(e -> model.reconnect());
        ToggleButton auto = new ToggleButton(null, new FontIcon(Feather.REFRESH_CW));
        auto.setId("conn-auto-reconnect");
        auto.getStyleClass().add(Styles.BUTTON_ICON);
        auto.setTooltip(new Tooltip(Messages.get("term.reconnect.auto.tooltip")));
        auto.selectedProperty().bindBidirectional(model.autoReconnectProperty());
        Button star = new Button(null, new FontIcon(Feather.STAR));
        star.setId("conn-favourite");
        star.getStyleClass().add(Styles.BUTTON_ICON);
        star.setTooltip(new Tooltip(Messages.get("term.favourite.tooltip")));
        star.setOnAction(e -> favourite.accept(model));

        HBox bar = new HBox(label(Messages.key("conn.vm.label")), vm, label(Messages.key("conn.service.label")), service,
                label(Messages.key("conn.timeout.label")), timeout, connect, disconnect, reconnect, auto, star);
        bar.getStyleClass().add("conn-chooser-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        // Enter in any chooser connects (a filter: the combo boxes' skins take Enter for themselves),
        // except while a chooser's list is open, where Enter picks the entry
        bar.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && !vm.isShowing() && !service.isShowing()) {
                model.connect();
            }
        });
        return bar;
    }

    private static Label label(String key) {
        Label l = new Label(Messages.get(key));
        l.getStyleClass().add("conn-field-label");
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private HBox statusRow() {
        badge.setId("conn-state");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        updateBadge(badge, model.stateProperty().get());
        model.stateProperty().addListener((obs, o, s) -> updateBadge(badge, s));
        // the peer's address is long (a socket path in the sandbox): shown on demand
        Tooltip peer = new Tooltip();
        peer.textProperty().bind(model.peerProperty());
        badge.tooltipProperty().bind(Bindings.when(model.peerProperty().isEmpty()).then((Tooltip) null).otherwise(peer));
        status.setId("conn-status");
        status.getStyleClass().add("conn-status");
        status.setMinWidth(Region.USE_PREF_SIZE);
        Label reconnect = new Label();
        reconnect.setId("conn-reconnect-note");
        reconnect.getStyleClass().add("conn-reconnect-note");
        reconnect.setGraphic(new FontIcon(Feather.REFRESH_CW));
        reconnect.textProperty().bind(model.reconnectNoteProperty());
        reconnect.visibleProperty().bind(model.reconnectNoteProperty().isNotEmpty());
        Label lines = new Label();
        lines.setId("term-lines");
        lines.getStyleClass().add("conn-status");
        lines.textProperty().bind(Bindings.createStringBinding(() -> Messages.get("term.lines",
                model.terminal().lineCountProperty().get(), model.terminal().scrollbackProperty().get()),
                model.terminal().lineCountProperty(), model.terminal().scrollbackProperty()));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(badge, status, reconnect, grow, lines);
        row.getStyleClass().add("conn-status-row");
        row.setAlignment(Pos.CENTER_LEFT);
        return row;
    }

    static void updateBadge(Label badge, State s) {
        badge.setText(s.label());
        badge.getStyleClass().setAll("label", "conn-state", switch (s) {
            case CONNECTED -> "conn-state-connected";
            case CONNECTING -> "conn-state-connecting";
            case PEER_CLOSED -> "conn-state-peer-closed";
            case FAILED -> "conn-state-failed";
            case IDLE, CLOSED -> "conn-state-idle";
        });
        badge.setGraphic(new FontIcon(switch (s) {
            case CONNECTED -> Feather.LINK;
            case CONNECTING -> Feather.LOADER;
            case PEER_CLOSED -> Feather.LOG_OUT;
            case FAILED -> Feather.ALERT_CIRCLE;
            case IDLE, CLOSED -> Feather.MINUS_CIRCLE;
        }));
    }

    /** Refreshes the counters and the time connected (also called once a second by the tab pane). */
    public void updateStatus() {
        model.pulse();
        status.setText(Messages.get("conn.status", bytes(model.sentProperty().get()), bytes(model.receivedProperty().get()),
                elapsed(model.elapsed())));
    }

    static String bytes(long n) {
        if (n < 1024) {
            return Messages.get("conn.bytes", Long.toString(n));
        }
        double v = n / 1024.0;
        String unit = "KiB";
        if (v >= 1024) {
            v /= 1024;
            unit = "MiB";
        }
        if (v >= 1024) {
            v /= 1024;
            unit = "GiB";
        }
        return String.format(Locale.ROOT, "%.1f %s", v, unit);
    }

    static String elapsed(Duration d) {
        long s = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Puts the caret in the VM chooser (new tab) or the input line (connected). */
    public void focusFirst() {
        if (model.sender().canSendProperty().get()) {
            sender.input().requestFocus();
        } else {
            vm.getEditor().requestFocus();
        }
    }

    /**
     * Where actions on a failed connection go, next to the error banner (shown only while the
     * banner is): e.g. a "Diagnose" button that reads {@link ConnectionSessionViewModel#endpointProperty()}.
     */
    public HBox failureActions() {
        return failureActions;
    }

    public TerminalView terminal() {
        return terminal;
    }

    public ConnectionSessionViewModel model() {
        return model;
    }

    /** Stops drawing and what runs for the tab (it closed). */
    public void dispose() {
        terminal.dispose();
    }
}
