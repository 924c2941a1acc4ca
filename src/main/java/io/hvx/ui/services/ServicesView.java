package io.hvx.ui.services;

import atlantafx.base.controls.Spacer;
import io.hvx.core.Messages;
import io.hvx.core.ServiceFormats.FileFormat;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistration;
import io.hvx.ui.common.Clipboards;
import io.hvx.ui.common.DisplayPaths;
import io.hvx.ui.common.ErrorBanner;
import io.hvx.ui.common.SectionHeader;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Services view: the registrations in a sortable, filterable table with add, rename,
 * remove, export, import and undo, a read-only banner saying why when the store cannot be
 * written, and an error banner. It binds to {@link ServicesViewModel} and calls one of its
 * actions per button; the view model asks the questions and runs the work.
 */
public final class ServicesView extends BorderPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);
    private static final DateTimeFormatter SHORT_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The section's stylesheet; its dialogs' views add it too. */
    static final String STYLESHEET =
            Objects.requireNonNull(ServicesView.class.getResource("/css/services.css")).toExternalForm();

    private final ServicesViewModel vm;
    private final Consumer<String> openInWorkbench;
    private final Consumer<ServiceChoice> openTerminal;
    private final Consumer<ServiceChoice> listen;
    private final TableView<ServiceRegistration> table = new TableView<>();

    /**
     * @param openInWorkbench opens a GUID in the GUID workbench, or null when not offered
     * @param openTerminal    opens a terminal to a service, or null when not offered
     * @param listen          opens a Listen tab for a service, or null when not offered
     * @param below           shown under the table, the divider between them movable (the selected
     *                        service's per-VM policies), or null
     */
    public ServicesView(ServicesViewModel vm, Consumer<String> openInWorkbench, Consumer<ServiceChoice> openTerminal,
                        Consumer<ServiceChoice> listen, Node below) {
        this.vm = vm;
        this.openInWorkbench = openInWorkbench;
        this.openTerminal = openTerminal;
        this.listen = listen;
        setId("services-view");
        getStyleClass().add("services-view");
        getStylesheets().add(STYLESHEET);
        ErrorBanner errors = new ErrorBanner();
        errors.bind(vm.errorProperty());
        VBox errorHolder = new VBox(errors);
        errorHolder.getStyleClass().add("services-error-holder");
        errorHolder.visibleProperty().bind(errors.visibleProperty());
        errorHolder.managedProperty().bind(errors.visibleProperty());
        VBox top = new VBox(new SectionHeader(Messages.get("services.title"), Messages.get("services.view.subtitle")),
                toolbar(), readOnlyBanner(), errorHolder);
        top.getStyleClass().add("services-top");
        setTop(top);
        if (below == null) {
            setCenter(table());
        } else {
            SplitPane split = new SplitPane(table(), below);
            split.setOrientation(Orientation.VERTICAL);
            split.setDividerPositions(0.55);
            setCenter(split);
        }
        Label status = new Label();
        status.setId("services-status");
        status.getStyleClass().add("services-status");
        status.textProperty().bind(vm.statusProperty());
        Label where = new Label(Messages.get("services.location", DisplayPaths.of(vm.location())));
        where.getStyleClass().add("services-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        setBottom(new HBox(status, grow, where));
        addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e) && !(e.getTarget() instanceof TextField)) {
                vm.undo();
                e.consume();
            }
        });
    }

    private static Button button(String id, String textKey, Feather icon, Runnable action) {
        Button b = new Button(Messages.get(textKey), new FontIcon(icon));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }


    private ToolBar toolbar() {
        Button add = button("services-add", Messages.key("services.action.addButton"), Feather.PLUS, vm::add);
        Button rename = button("services-rename", Messages.key("services.action.renameButton"), Feather.EDIT_2, vm::rename);
        Button remove = button("services-remove", Messages.key("services.action.removeButton"), Feather.TRASH_2, vm::remove);
        Button export = button("services-export", Messages.key("services.action.exportButton"), Feather.UPLOAD,
                () -> vm.export(null));
        Button importB = button("services-import", Messages.key("services.action.importButton"), Feather.DOWNLOAD,
                vm::importFile);
        Button undo = button("services-undo", Messages.key("services.action.undoButton"), Feather.ROTATE_CCW, vm::undo);
        Button refresh = button("services-refresh", Messages.key("services.action.refreshButton"), Feather.REFRESH_CW,
                vm::refresh);
        // icon only: the toolbar must fit next to the filter in the main window's content area
        refresh.setText(null);
        refresh.setTooltip(new Tooltip(Messages.get("services.action.refreshButton")));
        undo.setTooltip(new Tooltip(Messages.get("services.action.undoTip")));
        vm.lastChangeProperty().addListener((o, a, c) -> undo.getTooltip().setText(c == null
                ? Messages.get("services.action.undoTip")
                : Messages.get("services.action.undoWhat", Messages.get(c.labelKey()), c.ids().size(), c.at())));
        var readOnly = vm.writableProperty().not();
        add.disableProperty().bind(readOnly);
        rename.disableProperty().bind(Bindings.not(vm.canEdit()));
        remove.disableProperty().bind(Bindings.not(vm.canEdit()));
        importB.disableProperty().bind(readOnly);
        undo.disableProperty().bind(Bindings.not(vm.canUndo()));

        TextField filter = TextFields.createClearableTextField();
        filter.setId("services-filter");
        filter.getStyleClass().add("services-filter");
        filter.setPromptText(Messages.get("services.filter.prompt"));
        filter.setTooltip(new Tooltip(Messages.get("services.filter.tooltip")));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        // one strip: the filter sits at the toolbar's right end, on the toolbar's background
        return new ToolBar(add, rename, remove, undo, export, importB, refresh, new Spacer(), filter);
    }

    private HBox readOnlyBanner() {
        Label reason = new Label();
        reason.setId("services-readonly-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.readOnlyReasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button restart = button("services-restart", Messages.key("services.banner.restart"), Feather.SHIELD,
                vm::restartElevated);
        restart.visibleProperty().bind(vm.needsElevationProperty().and(
                Bindings.createBooleanBinding(vm::canRestartElevated)));
        restart.managedProperty().bind(restart.visibleProperty());
        Button reg = new Button(Messages.get("services.banner.exportReg"));
        reg.setId("services-banner-reg");
        reg.setOnAction(e -> vm.export(FileFormat.REG));
        Button ps1 = new Button(Messages.get("services.banner.exportPs1"));
        ps1.setId("services-banner-ps1");
        ps1.setOnAction(e -> vm.export(FileFormat.PS1));
        for (Button b : List.of(restart, reg, ps1)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox banner = new HBox(new FontIcon(Feather.LOCK), reason, restart, reg, ps1);
        banner.setId("services-readonly");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("services-banner");
        banner.visibleProperty().bind(vm.writableProperty().not().and(vm.readOnlyReasonProperty().isNotNull()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private TableView<ServiceRegistration> table() {
        table.setId("services-table");
        // the columns fill the width; those with a maximum (GUID, kind, port, time) keep to it, so
        // room to spare goes to the name and the creator
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        table.setPlaceholder(new Label(Messages.get("services.list.empty")));
        // Column widths stay here: a TableColumn is not a Node, so CSS cannot size it
        TableColumn<ServiceRegistration, String> name = column(Messages.key("services.table.name"), r -> r.name() == null
                ? Messages.get("services.noName") : r.name());
        name.setPrefWidth(200);
        name.setMinWidth(150);
        TableColumn<ServiceRegistration, String> id = column(Messages.key("services.table.id"), r -> r.id().toString());
        id.setCellFactory(c -> monoCell());
        id.setPrefWidth(290);
        id.setMinWidth(285);
        id.setMaxWidth(310);
        TableColumn<ServiceRegistration, ServiceRegistration.Kind> kind = new TableColumn<>(Messages.get("services.table.kind"));
        kind.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().kind()));
        kind.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(ServiceRegistration.Kind k, boolean empty) {
                super.updateItem(k, empty);
                if (empty || k == null) {
                    setGraphic(null);
                    return;
                }
                Label badge = new Label(Messages.get(k.labelKey()));
                badge.getStyleClass().addAll("services-badge", "services-badge-" + k.id());
                setGraphic(badge);
            }
        });
        kind.setPrefWidth(85);
        kind.setMinWidth(80);
        kind.setMaxWidth(100);
        TableColumn<ServiceRegistration, Long> port = new TableColumn<>(Messages.get("services.table.port"));
        port.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().vsockPort()));
        port.setPrefWidth(105);
        port.setMinWidth(100);
        port.setMaxWidth(120);
        TableColumn<ServiceRegistration, String> by = column(Messages.key("services.table.createdBy"),
                r -> r.createdBy() == null ? "" : r.createdBy());
        by.setPrefWidth(115);
        by.setMinWidth(90);
        TableColumn<ServiceRegistration, String> at = column(Messages.key("services.table.createdAt"),
                r -> shortTime(r.createdAt()));
        at.setPrefWidth(155);
        at.setMinWidth(150);
        at.setMaxWidth(170);
        table.getColumns().setAll(List.of(name, id, kind, port, by, at));
        SortedList<ServiceRegistration> sorted = new SortedList<>(vm.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(name);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.select(b));
        vm.selectedProperty().addListener((o, a, r) -> follow(r));
        table.setRowFactory(t -> {
            TableRow<ServiceRegistration> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.rename();
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
        return table;
    }

    /** The view model (tests drive flows that start with a file chooser through it). */
    ServicesViewModel viewModel() {
        return vm;
    }

    /** Selects (and scrolls to) what the view model selected, e.g. the entry just added. */
    private void follow(ServiceRegistration r) {
        if (r == null) {
            table.getSelectionModel().clearSelection();
        } else if (table.getSelectionModel().getSelectedItem() != r) {
            table.getSelectionModel().select(r);
            table.scrollTo(r);
        }
    }

    /** CreatedAt in local time to the minute; values that are not ISO instants are shown as they are. */
    static String shortTime(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return SHORT_TIME.format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
        } catch (DateTimeParseException e) {
            return iso; // another tool's own format: shown as written, nothing is lost
        }
    }

    /** A cell in the monospaced font of GUIDs ({@code .mono} in app.css). */
    static <S> TableCell<S, String> monoCell() {
        TableCell<S, String> cell = new TableCell<>() {
            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty ? null : text);
            }
        };
        cell.getStyleClass().add("mono");
        return cell;
    }

    private static TableColumn<ServiceRegistration, String> column(String key, Function<ServiceRegistration, String> f) {
        TableColumn<ServiceRegistration, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }

    private ContextMenu contextMenu() {
        MenuItem guid = copyItem(Messages.key("services.copy.guid"), ServicesViewModel.CopyForm.GUID);
        MenuItem ps = copyItem(Messages.key("services.copy.powershell"), ServicesViewModel.CopyForm.POWERSHELL);
        MenuItem c = copyItem(Messages.key("services.copy.c"), ServicesViewModel.CopyForm.C);
        MenuItem path = copyItem(Messages.key("services.copy.registryPath"), ServicesViewModel.CopyForm.REGISTRY_PATH);
        ContextMenu menu = new ContextMenu(guid, ps, c, path);
        if (openInWorkbench != null) {
            MenuItem open = new MenuItem(Messages.get("services.openInWorkbench"), new FontIcon(Feather.HASH));
            open.setId("services-open-workbench");
            open.setOnAction(e -> {
                ServiceRegistration r = vm.selectedProperty().get();
                if (r != null) {
                    openInWorkbench.accept(r.id().toString());
                }
            });
            menu.getItems().addAll(new SeparatorMenuItem(), open);
        }
        if (openTerminal != null && listen != null) {
            menu.getItems().addAll(new SeparatorMenuItem(),
                    serviceItem(Messages.key("services.openTerminal"), "services-open-terminal", Feather.TERMINAL, openTerminal),
                    serviceItem(Messages.key("services.listen"), "services-listen", Feather.RADIO, listen));
        }
        menu.setOnShowing(e -> menu.getItems().forEach(i -> i.setDisable(vm.selectedProperty().get() == null)));
        return menu;
    }

    private MenuItem serviceItem(String key, String id, Feather icon, Consumer<ServiceChoice> action) {
        MenuItem i = new MenuItem(Messages.get(key), new FontIcon(icon));
        i.setId(id);
        i.setOnAction(e -> {
            ServiceRegistration r = vm.selectedProperty().get();
            if (r != null) {
                action.accept(ServiceChoice.of(r));
            }
        });
        return i;
    }

    private MenuItem copyItem(String key, ServicesViewModel.CopyForm form) {
        MenuItem i = new MenuItem(Messages.get(key), new FontIcon(Feather.COPY));
        i.setMnemonicParsing(false);
        i.setOnAction(e -> {
            String text = vm.copy(form);
            if (text != null) {
                Clipboards.copy(text);
            }
        });
        return i;
    }
}
