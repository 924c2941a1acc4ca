package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.ui.common.SectionHeader;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.control.Button;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
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

    public ConnectionsView(ConnectionsViewModel model) {
        this.model = model;
        getStylesheets().add(Objects.requireNonNull(ConnectionsView.class.getResource("/css/connections.css")).toExternalForm());
        getStyleClass().add("connections-view");
        setId("connections-view");

        Button add = new Button(Messages.get("conn.tab.add"), new FontIcon(Feather.PLUS));
        add.setId("conn-new-tab");
        add.setTooltip(new Tooltip(Messages.get("conn.tab.add.tooltip")));
        add.setOnAction(e -> newTab());
        setTop(new SectionHeader(Messages.get("conn.view.title"), Messages.get("conn.view.hint"), add));

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
