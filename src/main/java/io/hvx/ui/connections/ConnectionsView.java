package io.hvx.ui.connections;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.terminal.SavedConnection;
import io.hvx.ui.common.SectionHeader;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CustomMenuItem;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
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
 * The Connections view: a tab per connection ({@link ConnectionSessionView}) or listener
 * ({@link ListenView}); New connection (Ctrl+T), Listen (Ctrl+L), the recent and favourite
 * connections, and close tab (Ctrl+W, which closes its connections). Binds to
 * {@link ConnectionsViewModel}; never blocks the FX thread.
 */
public final class ConnectionsView extends BorderPane {

    /** The section's stylesheet (also added by its dialogs). */
    static final String STYLESHEET = Objects.requireNonNull(ConnectionsView.class.getResource("/css/connections.css"))
            .toExternalForm();

    private static final KeyCombination NEW_TAB = new KeyCodeCombination(KeyCode.T, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination LISTEN_TAB = new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination CLOSE_TAB = new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN);

    private final ConnectionsViewModel model;
    private final TabPane tabs = new TabPane();
    private final Timeline clock = new Timeline();
    private final MenuButton recent = new MenuButton();

    public ConnectionsView(ConnectionsViewModel model) {
        this.model = model;
        getStylesheets().add(STYLESHEET);
        getStyleClass().add("connections-view");
        setId("connections-view");

        recent.setText(Messages.get("term.recent"));
        recent.setGraphic(new FontIcon(Feather.CLOCK));
        recent.setId("conn-recent");
        model.saved().addListener((ListChangeListener<SavedConnection>) c -> fillRecent());
        model.savedProblemProperty().addListener(o -> fillRecent());
        fillRecent();
        Button listen = new Button(Messages.get("listen.tab.add"), new FontIcon(Feather.RADIO));
        listen.setId("conn-new-listen");
        listen.setTooltip(new Tooltip(Messages.get("listen.tab.add.tooltip")));
        listen.setOnAction(e -> newListen(null));
        Button add = new Button(Messages.get("conn.tab.add"), new FontIcon(Feather.PLUS));
        add.setId("conn-new-tab");
        add.setMinWidth(Region.USE_PREF_SIZE);
        add.setTooltip(new Tooltip(Messages.get("conn.tab.add.tooltip")));
        add.setOnAction(e -> newTab());
        setTop(new SectionHeader(Messages.get("conn.view.title"), Messages.get("conn.view.hint"), recent, listen, add));

        tabs.setId("conn-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.ALL_TABS);
        tabs.getStyleClass().add(Styles.TABS_FLOATING);
        // long titles end in an ellipsis (connections.css) and show in full in the tooltip
        tabs.setTabMaxWidth(360);
        setCenter(tabs);

        addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (NEW_TAB.match(e)) {
                newTab();
                e.consume();
            } else if (LISTEN_TAB.match(e)) {
                newListen(null);
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
            } else if (t != null && t.getContent() instanceof ListenView v) {
                v.model().refresh();
            }
        }));
        clock.setCycleCount(Timeline.INDEFINITE);
        clock.play();
        newTab();
    }

    private void fillRecent() {
        recent.getItems().clear();
        String problem = model.savedProblemProperty().get();
        if (!problem.isEmpty()) {
            MenuItem p = new MenuItem(problem, new FontIcon(Feather.ALERT_TRIANGLE));
            p.setDisable(true);
            recent.getItems().add(p);
        }
        if (model.saved().isEmpty()) {
            MenuItem none = new MenuItem(Messages.get("term.recent.none"));
            none.setDisable(true);
            recent.getItems().add(none);
            return;
        }
        boolean favourites = model.saved().getFirst().favourite();
        for (SavedConnection c : model.saved()) {
            if (favourites && !c.favourite()) {
                recent.getItems().add(new SeparatorMenuItem());
                favourites = false;
            }
            recent.getItems().add(savedItem(c));
        }
    }

    /** An entry of the recent list: click opens it; the star and the cross change the list. */
    private CustomMenuItem savedItem(SavedConnection c) {
        Label label = new Label(c.label(), new FontIcon(c.favourite() ? Feather.STAR : Feather.CLOCK));
        label.getStyleClass().add(c.favourite() ? "recent-favourite" : "recent-entry");
        label.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(label, Priority.ALWAYS);
        Button star = new Button(null, new FontIcon(Feather.STAR));
        star.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        star.setTooltip(new Tooltip(Messages.get(c.favourite() ? "term.recent.unstar" : "term.recent.star")));
        star.setOnAction(e -> model.favourite(c, !c.favourite()));
        Button forget = new Button(null, new FontIcon(Feather.X));
        forget.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        forget.setTooltip(new Tooltip(Messages.get("term.recent.forget")));
        forget.setOnAction(e -> model.forget(c));
        HBox row = new HBox(label, star, forget);
        row.getStyleClass().add("recent-row");
        row.setAlignment(Pos.CENTER_LEFT);
        CustomMenuItem item = new CustomMenuItem(row, true);
        item.setOnAction(e -> addSessionTab(model.open(c)));
        return item;
    }

    /** Opens a tab with a new session, prefilled with the current tab's VM and service. */
    public ConnectionSessionView newTab() {
        ConnectionSessionViewModel like = null;
        Tab current = tabs.getSelectionModel().getSelectedItem();
        if (current != null && current.getContent() instanceof ConnectionSessionView v) {
            like = v.model();
        }
        return addSessionTab(model.newSession(like));
    }

    /** Adds the tab of a session the view model opened. */
    public ConnectionSessionView addSessionTab(ConnectionSessionViewModel session) {
        ConnectionSessionView view = new ConnectionSessionView(session, model.vmChoices(), model.serviceChoices(),
                model::favourite);
        if (model.canDiagnose()) {
            // a failed connection can be handed to the doctor (Tester section), which says why
            Button diagnose = new Button(Messages.get("tester.ui.diagnose"), new FontIcon(Feather.LIFE_BUOY));
            diagnose.setId("conn-diagnose");
            diagnose.setMinWidth(Region.USE_PREF_SIZE);
            diagnose.setTooltip(new Tooltip(Messages.get("tester.ui.diagnose.tooltip")));
            diagnose.setOnAction(e -> model.diagnose(session));
            diagnose.visibleProperty().bind(session.stateProperty().isEqualTo(ConnectionSessionViewModel.State.FAILED));
            diagnose.managedProperty().bind(diagnose.visibleProperty());
            view.failureActions().getChildren().add(diagnose);
        }
        Tab tab = new Tab();
        tab.setGraphic(new FontIcon(Feather.TERMINAL));
        tab.textProperty().bind(session.titleProperty());
        Tooltip full = new Tooltip();
        full.textProperty().bind(session.titleProperty());
        tab.setTooltip(full);
        add(tab, view);
        Platform.runLater(view::focusFirst);
        return view;
    }

    /** Opens a Listen tab, prefilled with a service when given. */
    public ListenView newListen(ServiceChoice service) {
        ListenViewModel listen = model.newListen(service);
        ListenView view = new ListenView(listen, model.scopeChoices(), model.serviceChoices());
        Tab tab = new Tab();
        tab.setGraphic(new FontIcon(Feather.RADIO));
        tab.textProperty().bind(listen.titleProperty());
        add(tab, view);
        return view;
    }

    private void add(Tab tab, javafx.scene.Node view) {
        tab.setContent(view);
        tab.setOnCloseRequest(e -> {
            e.consume();
            close(tab);
        });
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    private void close(Tab tab) {
        if (tab.getContent() instanceof ConnectionSessionView v) {
            v.dispose();
            model.closeSession(v.model());
        } else if (tab.getContent() instanceof ListenView v) {
            v.dispose();
            model.closeListen(v.model());
        }
        tabs.getTabs().remove(tab);
        if (tabs.getTabs().isEmpty()) {
            // an empty pane would leave nothing to click: a fresh tab is ready instead
            newTab();
        }
    }

    /** Puts the caret where the selected tab wants it (the section was shown). */
    public void focusSelected() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t != null && t.getContent() instanceof ConnectionSessionView v) {
            Platform.runLater(v::focusFirst);
        }
    }

    /** The tabs (for tests). */
    public TabPane tabs() {
        return tabs;
    }

    /** Stops the clock and every terminal's drawing; connections are closed by the view model. */
    public void dispose() {
        clock.stop();
        for (Tab t : tabs.getTabs()) {
            if (t.getContent() instanceof ConnectionSessionView v) {
                v.dispose();
            } else if (t.getContent() instanceof ListenView v) {
                v.dispose();
            }
        }
    }
}
