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
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
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
 * One terminal tab: the VM and service choosers with the timeout, Connect (Enter) and
 * Disconnect, the state badge, the error banner, the output (text or hex), the input line with
 * Send EOF, and a status line with the byte counters and the time connected.
 */
public final class ConnectionSessionView extends BorderPane {

    private final ConnectionSessionViewModel model;
    private final TextArea output = new TextArea();
    private final TextField input = new TextField();
    private final Label status = new Label();
    private final ComboBox<VmChoice> vm = new ComboBox<>();
    private final Label badge = new Label();

    public ConnectionSessionView(ConnectionSessionViewModel model, ObservableList<VmChoice> vms,
                                 ObservableList<ServiceChoice> services) {
        this.model = model;
        getStyleClass().add("conn-session");
        ErrorBanner banner = new ErrorBanner();
        banner.setId("conn-error");
        model.errorProperty().addListener((obs, o, err) -> {
            if (err == null) {
                banner.clear();
            } else {
                banner.show(err);
            }
        });
        VBox top = new VBox(10, chooserBar(vms, services), banner);
        top.setPadding(new Insets(12, 12, 8, 12));
        setTop(top);

        output.setId("conn-output");
        output.setEditable(false);
        output.setWrapText(false);
        output.getStyleClass().addAll("mono", "conn-output");
        output.setPromptText(Messages.get("conn.output.empty"));
        model.outputProperty().addListener((obs, o, text) -> {
            output.setText(text);
            output.positionCaret(text.length());
            output.setScrollTop(Double.MAX_VALUE);
        });
        BorderPane.setMargin(output, new Insets(0, 12, 0, 12));
        setCenter(output);
        setBottom(bottom());

        Runnable refresh = this::updateStatus;
        model.sentProperty().addListener(o -> refresh.run());
        model.receivedProperty().addListener(o -> refresh.run());
        model.stateProperty().addListener(o -> refresh.run());
        updateStatus();
    }

    private HBox chooserBar(ObservableList<VmChoice> vms, ObservableList<ServiceChoice> services) {
        vm.setId("conn-vm");
        vm.setItems(vms);
        ChoicePicker.bind(vm, model.vmProperty(), VmChoice::label, VmChoice::typed);
        vm.setPromptText(Messages.get("conn.vm.prompt"));
        vm.setPrefWidth(180);
        vm.setMinWidth(150);
        vm.setTooltip(new Tooltip(Messages.get("conn.vm.tooltip")));
        ComboBox<ServiceChoice> service = new ComboBox<>();
        service.setId("conn-service");
        service.setItems(services);
        ChoicePicker.bind(service, model.serviceProperty(), ServiceChoice::label, ServiceChoice::typed);
        service.setPromptText(Messages.get("conn.service.prompt"));
        service.setPrefWidth(230);
        service.setMinWidth(190);
        service.setTooltip(new Tooltip(Messages.get("conn.service.tooltip")));
        TextField timeout = new TextField();
        timeout.setId("conn-timeout");
        timeout.setPrefWidth(66);
        timeout.setMinWidth(66);
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

        badge.setId("conn-state");
        badge.setMinWidth(Region.USE_PREF_SIZE);
        updateBadge(badge, model.stateProperty().get());
        model.stateProperty().addListener((obs, o, s) -> updateBadge(badge, s));
        // the peer's address is long (a socket path in the sandbox): shown on demand
        Tooltip peer = new Tooltip();
        peer.textProperty().bind(model.peerProperty());
        badge.tooltipProperty().bind(Bindings.when(model.peerProperty().isEmpty()).then((Tooltip) null).otherwise(peer));
        model.stateProperty().addListener((obs, o, s) -> {
            if (s == State.CONNECTED && getScene() != null) {
                input.requestFocus();
            }
        });

        HBox bar = new HBox(8, label(Messages.key("conn.vm.label")), vm, label(Messages.key("conn.service.label")), service,
                label(Messages.key("conn.timeout.label")), timeout, connect, disconnect);
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

    private void updateBadge(Label badge, State s) {
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

    private VBox bottom() {
        input.setId("conn-input");
        input.getStyleClass().addAll("mono", "conn-input");
        input.setPromptText(Messages.get("conn.input.prompt"));
        HBox.setHgrow(input, Priority.ALWAYS);
        BooleanBinding cannotSend = Bindings.createBooleanBinding(() -> !model.canSend(),
                model.stateProperty(), model.outputShutdownProperty());
        input.disableProperty().bind(cannotSend);
        input.setOnAction(e -> send());
        CheckBox newline = new CheckBox(Messages.get("conn.appendNewline"));
        newline.setId("conn-newline");
        newline.setMinWidth(Region.USE_PREF_SIZE);
        newline.selectedProperty().bindBidirectional(model.appendNewlineProperty());
        Button send = new Button(Messages.get("conn.send"), new FontIcon(Feather.SEND));
        send.setId("conn-send");
        send.setMinWidth(Region.USE_PREF_SIZE);
        send.disableProperty().bind(cannotSend);
        send.setOnAction(e -> send());
        Button eof = new Button(Messages.get("conn.sendEof"));
        eof.setId("conn-eof");
        eof.setMinWidth(Region.USE_PREF_SIZE);
        eof.setTooltip(new Tooltip(Messages.get("conn.sendEof.tooltip")));
        eof.disableProperty().bind(cannotSend);
        eof.setOnAction(e -> model.sendEof());
        HBox inputRow = new HBox(8, input, newline, send, eof);
        inputRow.setAlignment(Pos.CENTER_LEFT);

        status.setId("conn-status");
        status.getStyleClass().add("conn-status");
        ToggleButton hex = new ToggleButton(Messages.get("conn.hex"), new FontIcon(Feather.HASH));
        hex.setId("conn-hex");
        hex.setMinWidth(Region.USE_PREF_SIZE);
        hex.getStyleClass().add(Styles.SMALL);
        hex.setTooltip(new Tooltip(Messages.get("conn.hex.tooltip")));
        hex.selectedProperty().bindBidirectional(model.hexProperty());
        Button clear = new Button(Messages.get("conn.clear"), new FontIcon(Feather.TRASH_2));
        clear.setId("conn-clear");
        clear.setMinWidth(Region.USE_PREF_SIZE);
        clear.getStyleClass().addAll(Styles.SMALL, Styles.FLAT);
        clear.setOnAction(e -> model.clear());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox statusRow = new HBox(10, badge, status, grow, hex, clear);
        statusRow.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(8, statusRow, inputRow);
        box.setPadding(new Insets(8, 12, 12, 12));
        return box;
    }

    private void send() {
        if (model.send(input.getText())) {
            input.clear();
        }
    }

    /** Refreshes the counters and the time connected (also called once a second by the tab pane). */
    public void updateStatus() {
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
        return String.format(Locale.ROOT, "%.1f %s", v, unit);
    }

    static String elapsed(Duration d) {
        long s = d.getSeconds();
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Puts the caret in the VM chooser (new tab) or the input line (connected). */
    public void focusFirst() {
        if (model.canSend()) {
            input.requestFocus();
        } else {
            vm.getEditor().requestFocus();
        }
    }

    public ConnectionSessionViewModel model() {
        return model;
    }
}
