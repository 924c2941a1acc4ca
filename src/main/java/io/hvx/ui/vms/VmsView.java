package io.hvx.ui.vms;

import atlantafx.base.theme.Styles;
import io.hvx.core.IntegrationService;
import io.hvx.core.Messages;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VmFormat;
import io.hvx.ui.common.Clipboards;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.common.SectionHeader;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Virtual machines view: the VM table with state badges, a details panel with the selected
 * VM's integration services, the well-known VM-ID aliases, an error banner, Refresh (F5) and an
 * optional auto-refresh. Binds to {@link VmsViewModel}; never blocks the FX thread.
 */
public final class VmsView extends StackPane {

    private static final KeyCombination REFRESH = new KeyCodeCombination(KeyCode.F5);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);

    private final VmsViewModel model;
    private final TableView<VirtualMachine> table = new TableView<>();
    private final Consumer<VmChoice> openTerminal;
    private final Timeline autoRefresh = new Timeline();
    private final Node moreDetails;

    /**
     * @param openTerminal opens a terminal to a VM, or null when not offered
     * @param moreDetails  shown below the integration services of the selected VM (the per-VM
     *                     service policies), or null
     */
    public VmsView(VmsViewModel model, Consumer<VmChoice> openTerminal, Node moreDetails) {
        this.model = model;
        this.openTerminal = openTerminal;
        this.moreDetails = moreDetails;
        getStylesheets().add(Objects.requireNonNull(VmsView.class.getResource("/css/vms.css")).toExternalForm());
        getStyleClass().add("vms-view");
        setId("vms-view");

        BorderPane content = new BorderPane();
        ErrorBanner banner = new ErrorBanner();
        banner.bind(model.errorProperty());
        VBox errorHolder = new VBox(banner);
        errorHolder.getStyleClass().add("vms-error-holder");
        errorHolder.visibleProperty().bind(banner.visibleProperty());
        errorHolder.managedProperty().bind(banner.visibleProperty());
        content.setTop(new VBox(header(), errorHolder));
        SplitPane split = new SplitPane(tablePane(), detailsPane());
        split.setDividerPositions(0.58);
        VBox.setVgrow(split, Priority.ALWAYS);
        VBox center = new VBox(split, aliasesPane());
        center.getStyleClass().add("vms-center");
        content.setCenter(center);

        getChildren().addAll(content, busyOverlay());

        addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (REFRESH.match(e)) {
                model.refresh();
                e.consume();
            }
        });
        model.autoRefreshSecondsProperty().addListener((obs, old, now) -> scheduleAutoRefresh(now.intValue()));
        scheduleAutoRefresh(model.autoRefreshSecondsProperty().get());
    }

    private SectionHeader header() {
        Button refresh = new Button(Messages.get("vms.view.refresh"), new FontIcon(Feather.REFRESH_CW));
        refresh.setId("vms-refresh");
        refresh.setTooltip(new Tooltip(Messages.get("vms.view.refresh.tooltip")));
        refresh.setOnAction(e -> model.refresh());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("vms-spinner");
        spinner.visibleProperty().bind(model.loadingProperty().and(model.loadedOnceProperty()));
        Label auto = new Label(Messages.get("vms.view.autoRefresh"));
        ComboBox<Integer> interval = new ComboBox<>();
        interval.setId("vms-auto-refresh");
        interval.getItems().setAll(VmsViewModel.AUTO_REFRESH_CHOICES);
        interval.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer s) {
                return s == null || s == 0 ? Messages.get("vms.view.autoRefresh.off")
                        : Messages.get("vms.view.autoRefresh.every", String.valueOf(s));
            }

            @Override
            public Integer fromString(String s) {
                return 0;
            }
        });
        interval.setValue(model.autoRefreshSecondsProperty().get());
        interval.valueProperty().addListener((obs, o, n) -> model.autoRefreshSecondsProperty().set(n == null ? 0 : n));
        Label last = new Label();
        last.getStyleClass().add(Styles.TEXT_MUTED);
        last.textProperty().bind(Bindings.createStringBinding(() -> model.lastRefreshedProperty().get() == null ? ""
                : Messages.get("vms.view.lastRefreshed",
                TIME.format(model.lastRefreshedProperty().get().atZone(ZoneId.systemDefault()))),
                model.lastRefreshedProperty()));
        return new SectionHeader(Messages.get("vms.view.title"), null, spinner, last, auto, interval, refresh);
    }

    private VBox tablePane() {
        TableColumn<VirtualMachine, String> name = column(Messages.get("vms.view.column.name"), VirtualMachine::name, 150);
        name.setMinWidth(110);
        TableColumn<VirtualMachine, VirtualMachine> state = new TableColumn<>(Messages.get("vms.view.column.state"));
        state.setPrefWidth(100);
        state.setMinWidth(100);
        state.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        state.setComparator((a, b) -> a.state().compareToIgnoreCase(b.state()));
        state.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(VirtualMachine vm, boolean empty) {
                super.updateItem(vm, empty);
                setText(null);
                setGraphic(empty || vm == null ? null : badge(vm.state()));
            }
        });
        TableColumn<VirtualMachine, VirtualMachine> uptime = new TableColumn<>(Messages.get("vms.view.column.uptime"));
        uptime.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        uptime.setComparator((a, b) -> Long.compare(a.uptimeSeconds(), b.uptimeSeconds()));
        uptime.setCellFactory(c -> textCell(VmFormat::uptime));
        uptime.setPrefWidth(90);
        uptime.setMinWidth(68);
        TableColumn<VirtualMachine, String> gen = column(Messages.get("vms.view.column.generation"),
                v -> VmFormat.generation(v.generation()), 55);
        gen.setMinWidth(56);
        TableColumn<VirtualMachine, VirtualMachine> memory = new TableColumn<>(Messages.get("vms.view.column.memory"));
        memory.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        memory.setComparator((a, b) -> Long.compare(a.memoryAssigned(), b.memoryAssigned()));
        memory.setCellFactory(c -> textCell(vm -> VmFormat.memory(vm.memoryAssigned())));
        memory.setPrefWidth(90);
        memory.setMinWidth(82);
        // no ID column: a GUID does not fit beside the details at the default size; the details
        // show it with a copy button, and Ctrl+C, a double click and the context menu copy it
        table.getColumns().setAll(java.util.List.of(name, state, uptime, gen, memory));
        table.setId("vms-table");
        table.setItems(model.vms());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder());
        table.getSelectionModel().selectedItemProperty().addListener((obs, o, n) -> model.selectedProperty().set(n));
        model.selectedProperty().addListener((obs, o, n) -> {
            if (n == null) {
                table.getSelectionModel().clearSelection();
            } else if (table.getSelectionModel().getSelectedItem() != n) {
                table.getSelectionModel().select(n);
            }
        });
        MenuItem copyId = new MenuItem(Messages.get("vms.view.copyId"), new FontIcon(Feather.COPY));
        copyId.setOnAction(e -> copy(model.selectedIdText()));
        copyId.disableProperty().bind(model.selectedProperty().isNull());
        ContextMenu menu = new ContextMenu(copyId);
        if (openTerminal != null) {
            MenuItem terminal = new MenuItem(Messages.get("vms.view.openTerminal"), new FontIcon(Feather.TERMINAL));
            terminal.setId("vms-open-terminal");
            terminal.disableProperty().bind(model.selectedProperty().isNull());
            terminal.setOnAction(e -> {
                VirtualMachine vm = model.selectedProperty().get();
                if (vm != null) {
                    openTerminal.accept(VmChoice.of(vm));
                }
            });
            menu.getItems().add(terminal);
        }
        table.setContextMenu(menu);
        table.setRowFactory(t -> {
            TableRow<VirtualMachine> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    copy(row.getItem().id().toString());
                }
            });
            return row;
        });
        table.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN).match(e) && model.selectedIdText() != null) {
                copy(model.selectedIdText());
                e.consume();
            }
        });
        VBox.setVgrow(table, Priority.ALWAYS);
        return new VBox(table);
    }

    private Label placeholder() {
        Label l = new Label();
        l.textProperty().bind(Bindings.createStringBinding(() -> !model.loadedOnceProperty().get() ? ""
                : model.errorProperty().get() != null ? Messages.get("vms.view.empty.error")
                : model.listNoteProperty().get() != null ? model.listNoteProperty().get()
                : Messages.get("vms.view.empty"), model.loadedOnceProperty(), model.errorProperty(), model.listNoteProperty()));
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    /**
     * The selected VM's details, and beside them in a second tab its hvsocket services (the per-VM
     * policies) when the mode has them: the two together do not fit the default window's height.
     */
    private Node detailsPane() {
        ScrollPane details = detailsScroll();
        if (moreDetails == null) {
            return details;
        }
        Tab facts = new Tab(Messages.get("vms.view.tab.details"), details);
        facts.setId("vms-tab-details");
        VBox policiesBox = new VBox(moreDetails);
        policiesBox.getStyleClass().add("vms-details");
        ScrollPane servicesScroll = new ScrollPane(policiesBox);
        servicesScroll.setFitToWidth(true);
        servicesScroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        servicesScroll.getStyleClass().add("vms-details-scroll");
        Tab services = new Tab(Messages.get("vms.view.tab.services"), servicesScroll);
        services.setId("vms-tab-services");
        TabPane tabs = new TabPane(facts, services);
        tabs.setId("vms-details-tabs");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        return tabs;
    }

    private ScrollPane detailsScroll() {
        VBox box = new VBox();
        box.setId("vms-details");
        box.getStyleClass().add("vms-details");
        Label heading = new Label();
        heading.getStyleClass().add(Styles.TITLE_4);
        Label hint = new Label(Messages.get("vms.view.details.none"));
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        GridPane facts = new GridPane();
        facts.getStyleClass().add("vms-facts");
        Label idValue = new Label();
        idValue.setId("vms-details-id");
        idValue.getStyleClass().addAll("vms-mono", "vms-small");
        idValue.setMinWidth(Region.USE_PREF_SIZE);
        Button copy = new Button(null, new FontIcon(Feather.COPY));
        copy.setId("vms-copy-id");
        copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        copy.setTooltip(new Tooltip(Messages.get("vms.view.copyId")));
        copy.setAccessibleText(Messages.get("vms.view.copyId"));
        copy.setOnAction(e -> copy(model.selectedIdText()));
        Label stateValue = new Label();
        Label versionValue = new Label();
        Label cpuValue = new Label();
        HBox idRow = new HBox(idValue, copy);
        idRow.getStyleClass().add("vms-id-row");
        idRow.setAlignment(Pos.CENTER_LEFT);
        facts.addRow(0, muted(Messages.get("vms.view.column.state")), stateValue);
        facts.addRow(1, muted(Messages.get("vms.view.details.version")), versionValue);
        facts.addRow(2, muted(Messages.get("vms.view.details.cpu")), cpuValue);

        Label servicesTitle = new Label(Messages.get("vms.view.services.title"));
        servicesTitle.getStyleClass().add(Styles.TEXT_BOLD);
        Label gsiWarning = new Label("", new FontIcon(Feather.ALERT_TRIANGLE));
        gsiWarning.textProperty().bind(Bindings.createStringBinding(() -> model.selectedProperty().get() == null ? ""
                : Messages.get("vms.view.services.gsiDisabled", model.selectedProperty().get().name()),
                model.selectedProperty()));
        gsiWarning.setId("vms-gsi-warning");
        gsiWarning.setWrapText(true);
        gsiWarning.getStyleClass().add("vms-warning");
        gsiWarning.visibleProperty().bind(model.guestServiceInterfaceDisabledProperty());
        gsiWarning.managedProperty().bind(gsiWarning.visibleProperty());
        Label servicesStatus = new Label();
        servicesStatus.setWrapText(true);
        servicesStatus.getStyleClass().add(Styles.TEXT_MUTED);
        servicesStatus.textProperty().bind(Bindings.createStringBinding(() ->
                        model.servicesLoadingProperty().get() ? Messages.get("vms.view.services.loading")
                                : model.servicesErrorProperty().get() != null ? model.servicesErrorProperty().get() : "",
                model.servicesLoadingProperty(), model.servicesErrorProperty()));
        servicesStatus.managedProperty().bind(servicesStatus.textProperty().isNotEmpty());
        VBox services = new VBox();
        services.setId("vms-services");
        services.getStyleClass().add("vms-services");
        model.integrationServices().addListener((javafx.collections.ListChangeListener<IntegrationService>) c -> {
            services.getChildren().clear();
            for (IntegrationService s : model.integrationServices()) {
                services.getChildren().add(serviceRow(s));
            }
        });
        VBox servicesBox = new VBox(servicesTitle, gsiWarning, servicesStatus, services);
        servicesBox.getStyleClass().add("vms-services-box");
        servicesBox.setVisible(model.integrationServicesSupported());
        servicesBox.managedProperty().bind(servicesBox.visibleProperty());

        VBox details = new VBox(heading, idRow, facts, servicesBox);
        details.getStyleClass().add("vms-details-content");
        details.visibleProperty().bind(model.selectedProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        hint.visibleProperty().bind(model.selectedProperty().isNull());
        hint.managedProperty().bind(hint.visibleProperty());
        model.selectedProperty().addListener((obs, o, vm) -> {
            heading.setText(vm == null ? "" : vm.name());
            idValue.setText(vm == null ? "" : vm.id().toString());
            stateValue.setGraphic(vm == null ? null : badge(vm.state()));
            versionValue.setText(vm == null || vm.version().isBlank() ? "—" : vm.version());
            cpuValue.setText(vm == null ? "" : vm.cpuUsage() + " %");
        });
        box.getChildren().addAll(hint, details);
        ScrollPane scroll = new ScrollPane(box);
        scroll.setFitToWidth(true);
        scroll.setId("vms-details-scroll");
        scroll.getStyleClass().add("vms-details-scroll");
        scroll.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        return scroll;
    }

    private HBox serviceRow(IntegrationService s) {
        FontIcon icon = new FontIcon(s.enabled() ? Feather.CHECK_CIRCLE : Feather.MINUS_CIRCLE);
        icon.getStyleClass().add(s.enabled() ? "vms-service-on" : "vms-service-off");
        Label name = new Label(s.name());
        if (s.isGuestServiceInterface() && !s.enabled()) {
            name.getStyleClass().add("vms-warning");
        }
        // Enabled services show Hyper-V's status (OK, No Contact…) when there is one.
        String status = !s.enabled() ? Messages.get("vms.view.services.disabled")
                : s.primaryStatus().isBlank() ? Messages.get("vms.view.services.enabled") : s.primaryStatus();
        Label st = new Label(status);
        st.setMinWidth(Region.USE_PREF_SIZE);
        if (!s.secondaryStatus().isBlank()) {
            st.setTooltip(new Tooltip(s.secondaryStatus()));
        }
        st.getStyleClass().add(Styles.TEXT_MUTED);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox row = new HBox(icon, name, grow, st);
        row.setAlignment(Pos.CENTER_LEFT);
        row.getStyleClass().add("vms-service-row");
        return row;
    }

    private VBox aliasesPane() {
        GridPane grid = new GridPane();
        grid.setId("vms-aliases");
        grid.getStyleClass().add("vms-aliases");
        int r = 0;
        for (VmAlias a : VmsViewModel.ALIASES) {
            Label alias = new Label(a.alias());
            alias.getStyleClass().add(Styles.TEXT_BOLD);
            Label guid = new Label(a.guid().toString());
            guid.getStyleClass().add("vms-mono");
            guid.setMinWidth(Region.USE_PREF_SIZE);
            alias.setMinWidth(Region.USE_PREF_SIZE);
            Button copy = new Button(null, new FontIcon(Feather.COPY));
            copy.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
            copy.setAccessibleText(Messages.get("vms.view.copyId"));
            copy.setOnAction(e -> copy(a.guid().toString()));
            Label help = new Label(Messages.get(a.helpKey()));
            help.setWrapText(true);
            help.getStyleClass().add(Styles.TEXT_MUTED);
            GridPane.setHgrow(help, Priority.ALWAYS);
            HBox guidBox = new HBox(guid, copy);
            guidBox.getStyleClass().add("vms-alias-guid");
            guidBox.setAlignment(Pos.CENTER_LEFT);
            grid.addRow(r++, alias, guidBox, help);
        }
        Label title = new Label(Messages.get("vms.view.aliases.title"));
        title.getStyleClass().addAll(Styles.TITLE_4, "card-title");
        VBox card = new VBox(title, grid);
        card.setId("vms-aliases-card");
        card.getStyleClass().addAll("card", "vms-aliases-card");
        // never squeezed below its content: the split pane above takes what is left
        card.setMinHeight(Region.USE_PREF_SIZE);
        return card;
    }

    private StackPane busyOverlay() {
        ProgressIndicator p = new ProgressIndicator();
        Label l = new Label(Messages.get("vms.view.loading"));
        VBox box = new VBox(p, l);
        box.getStyleClass().add("vms-busy-box");
        box.setAlignment(Pos.CENTER);
        StackPane overlay = new StackPane(box);
        overlay.setId("vms-busy");
        overlay.getStyleClass().add("vms-busy");
        // Only the view is covered; the window (navigation, other sections) stays usable.
        overlay.visibleProperty().bind(model.loadingProperty().and(model.loadedOnceProperty().not()));
        return overlay;
    }

    private void scheduleAutoRefresh(int seconds) {
        autoRefresh.stop();
        autoRefresh.getKeyFrames().clear();
        if (seconds > 0) {
            autoRefresh.getKeyFrames().add(new KeyFrame(Duration.seconds(seconds), e -> model.refresh()));
            autoRefresh.setCycleCount(Timeline.INDEFINITE);
            autoRefresh.play();
        }
    }

    /** Stops the auto-refresh timer. */
    public void dispose() {
        autoRefresh.stop();
    }

    /** A colored badge for a VM state, in the user's language. */
    static Label badge(String state) {
        Label b = new Label(VmFormat.state(state));
        b.getStyleClass().addAll("vms-state", badgeClass(state));
        return b;
    }

    /** The style class of a state: running green, off grey, saved/paused amber, transitions blue, critical red. */
    static String badgeClass(String state) {
        String s = state.toLowerCase(Locale.ROOT);
        if (s.contains("critical") || s.startsWith("unknown")) {
            return "vms-state-problem";
        }
        if (s.equals("running")) {
            return "vms-state-running";
        }
        if (s.equals("off")) {
            return "vms-state-off";
        }
        if (s.equals("saved") || s.equals("paused") || s.equals("fastsaved") || s.equals("hibernated")) {
            return "vms-state-suspended";
        }
        return "vms-state-transition";
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        return l;
    }

    private static TableColumn<VirtualMachine, String> column(String title,
                                                            java.util.function.Function<VirtualMachine, String> value,
                                                            double width) {
        TableColumn<VirtualMachine, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    private static TableCell<VirtualMachine, VirtualMachine> textCell(java.util.function.Function<VirtualMachine, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(VirtualMachine vm, boolean empty) {
                super.updateItem(vm, empty);
                setText(empty || vm == null ? null : text.apply(vm));
            }
        };
    }

    private static void copy(String text) {
        if (text != null && !text.isEmpty()) {
            Clipboards.copy(text);
        }
    }

    /** The table (for tests). */
    TableView<VirtualMachine> table() {
        return table;
    }
}
