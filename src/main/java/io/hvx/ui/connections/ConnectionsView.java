package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Connections view: a tab per session ({@link ConnectionSessionView}), New connection
 * (Ctrl+T) and close tab (Ctrl+W, which closes its connection). Binds to
 * {@link ConnectionsViewModel}; never blocks the FX thread.
 */
public final class ConnectionsView extends BorderPane {

    private static final KeyCombination NEW_TAB = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CLOSE_TAB = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private final ConnectionsViewModel model;
    private final TabPane tabs = new TabPane();
    private final Timeline clock = new Timeline();
    /** Bumped when a session's state changes, so the Diagnose button follows the selected tab's state. */
    private final IntegerProperty failedState = new SimpleIntegerProperty();

    public ConnectionsView(ConnectionsViewModel model) {
        this.model = model;
        getStylesheets().add(Objects.requireNonNull(ConnectionsView.class.getResource("/css/connections.css")).toExternalForm());
        getStyleClass().add("connections-view");
        setId("connections-view");

        Label title = new Label(Messages.get("conn.view.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label hint = new Label(Messages.get("conn.view.hint"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        Button add = new Button(Messages.get("conn.tab.add"), new FontIcon(Feather.PLUS));
        add.setId("conn-new-tab");
        add.setTooltip(new Tooltip(Messages.get("conn.tab.add.tooltip")));
        add.setOnAction(e -> newTab());
        // a failed connection can be handed to the doctor (Tester section), which says why
        Button diagnose = new Button(Messages.get("tester.ui.diagnose"), new FontIcon(Feather.LIFE_BUOY));
        diagnose.setId("conn-diagnose");
        diagnose.setTooltip(new Tooltip(Messages.get("tester.ui.diagnose.tooltip")));
        diagnose.setOnAction(e -> {
            if (tabs.getSelectionModel().getSelectedItem() != null
                    && tabs.getSelectionModel().getSelectedItem().getContent() instanceof ConnectionSessionView v) {
                model.diagnose(v.model());
            }
        });
        diagnose.visibleProperty().bind(Bindings.createBooleanBinding(() ->
                tabs.getSelectionModel().getSelectedItem() != null
                        && tabs.getSelectionModel().getSelectedItem().getContent() instanceof ConnectionSessionView v
                        && v.model().stateProperty().get() == ConnectionSessionViewModel.State.FAILED,
                tabs.getSelectionModel().selectedItemProperty(), failedState));
        diagnose.managedProperty().bind(diagnose.visibleProperty());
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox header = new HBox(12, title, hint, grow, diagnose, add);
        header.setAlignment(Pos.CENTER_LEFT);
        header.setPadding(new Insets(12, 12, 4, 12));
        setTop(header);

        tabs.setId("conn-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        // long titles end in an ellipsis (connections.css) and show in full in the tooltip
        tabs.setTabMaxWidth(360);
        BorderPane.setMargin(tabs, new Insets(4, 0, 0, 0));
        setCenter(tabs);

        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (NEW_TAB.match(e)) {
                newTab();
                e.consume();
            } else if (CLOSE_TAB.match(e)) {
                Tab t = tabs.getSelectionModel().getSelectedItem();
                if (t != null) {
                    close(t);
                }
                e.consume();
            }
        });
        clock.getKeyFrames().add(new KeyFrame(Duration.seconds(1), e -> {
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null && t.getContent() instanceof ConnectionSessionView v) {
                v.updateStatus();
            }
        }));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        newTab();
    }

    /** Opens a tab with a new session, prefilled with the current tab's VM and service. */
    public void newTab() {
        ConnectionSessionViewModel like = null;
        Tab current = tabs.getSelectionModel().getSelectedItem();
        if (current != null && current.getContent() instanceof ConnectionSessionView v) {
            like = v.model();
        }
        ConnectionSessionViewModel session = model.newSession(like);
        session.stateProperty().addListener((o, a, b) -> failedState.set(failedState.get() + 1));
        ConnectionSessionView view = new ConnectionSessionView(session, model.vmChoices(), model.serviceChoices());
        Tab tab = new Tab();
        tab.textProperty().bind(session.titleProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(session.titleProperty());
        tab.setTooltip(full);
        tab.setContent(view);
        tab.setOnCloseRequest(e -> {
            e.consume();
            close(tab);
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
        Platform.runLater(view::focusFirst);
    }

    private void close(Tab tab) {
        if (tab.getContent() instanceof ConnectionSessionView v) {
            model.closeSession(v.model());
        }
        tabs.getTabs().remove(tab);
        if (tabs.getTabs().isEmpty()) {
            // an empty pane would leave nothing to click: a fresh tab is ready instead
            newTab();
        }
    }

    /** The tabs (for tests). */
    public TabPane tabs() {
        return tabs;
    }

    /** Stops the clock; connections are closed by the view model. */
    public void dispose() {
        clock.stop();
    }
}
