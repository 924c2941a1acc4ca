package io.hvx.ui.services;

import atlantafx.base.theme.Styles;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.registry.ServiceFiles;
import io.hvx.ui.common.UiTasks;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.transformation.SortedList;
import javafx.geometry.Pos;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToolBar;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.controlsfx.control.textfield.TextFields;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Services view: the registrations in a sortable, filterable table with add, rename,
 * remove, export, import and undo, a read-only banner saying why when the store cannot be
 * written, and the list kept up to date with changes made outside the app.
 */
public final class ServicesView extends BorderPane {

    private static final KeyCombination UNDO = new KeyCodeCombination(KeyCode.Z, KeyCombination.SHORTCUT_DOWN);

    private final ServicesViewModel vm;
    private final ElevatedRestart restart;
    private final Consumer<String> openInWorkbench;
    private final TableView<ServiceRegistration> table = new TableView<>();

    /**
     * @param restart         restarts the app elevated (banner button), or null when not offered
     * @param openInWorkbench opens a GUID in the GUID workbench, or null when not offered
     */
    public ServicesView(ServicesViewModel vm, ElevatedRestart restart, Consumer<String> openInWorkbench) {
        this.vm = vm;
        this.restart = restart;
        this.openInWorkbench = openInWorkbench;
        setId("services-view");
        var css = ServicesView.class.getResource("/css/services.css");
        if (css != null) {
            getStylesheets().add(css.toExternalForm());
        }
        setTop(new VBox(header(), toolbar(), readOnlyBanner(), errorBar()));
        setCenter(table());
        Label status = new Label();
        status.setId("services-status");
        status.getStyleClass().add("services-status");
        status.textProperty().bind(vm.statusProperty());
        Label where = new Label(Messages.get("services.location", vm.location()));
        where.getStyleClass().add("services-status");
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        setBottom(new HBox(status, grow, where));
        addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (UNDO.match(e) && !(e.getTarget() instanceof TextField)) {
                vm.undo();
                e.consume();
            }
        });
        vm.onReselect(this::reselect);
    }

    private Button button(String id, String textKey, Feather icon) {
        Button b = new Button(Messages.get(textKey), new FontIcon(icon));
        b.setId(id);
        return b;
    }

    private HBox header() {
        Label title = new Label(Messages.get("services.title"));
        title.getStyleClass().add(Styles.TITLE_3);
        Label subtitle = new Label(Messages.get("services.view.subtitle"));
        subtitle.getStyleClass().add(Styles.TEXT_MUTED);
        HBox header = new HBox(12, title, subtitle);
        header.setAlignment(Pos.BASELINE_LEFT);
        header.setPadding(new Insets(12, 12, 6, 12));
        return header;
    }

    private HBox toolbar() {
        Button add = button("services-add", Messages.key("services.action.addButton"), Feather.PLUS);
        Button rename = button("services-rename", Messages.key("services.action.renameButton"), Feather.EDIT_2);
        Button remove = button("services-remove", Messages.key("services.action.removeButton"), Feather.TRASH_2);
        Button export = button("services-export", Messages.key("services.action.exportButton"), Feather.UPLOAD);
        Button importB = button("services-import", Messages.key("services.action.importButton"), Feather.DOWNLOAD);
        Button undo = button("services-undo", Messages.key("services.action.undoButton"), Feather.ROTATE_CCW);
        Button refresh = button("services-refresh", Messages.key("services.action.refreshButton"), Feather.REFRESH_CW);
        // icon only: the toolbar must fit next to the filter in the main window's content area
        refresh.setText(null);
        refresh.setTooltip(new Tooltip(Messages.get("services.action.refreshButton")));
        undo.setTooltip(new Tooltip(Messages.get("services.action.undoTip")));
        vm.lastChangeProperty().addListener((o, a, c) -> undo.getTooltip().setText(c == null
                ? Messages.get("services.action.undoTip")
                : Messages.get("services.action.undoWhat", Messages.get(c.labelKey()), c.ids().size(), c.at())));
        var noSelection = vm.selectedProperty().isNull();
        var readOnly = vm.writableProperty().not();
        var protectedEntry = Bindings.createBooleanBinding(() -> vm.selectedProperty().get() != null
                && vm.selectedProperty().get().kind() == ServiceRegistration.Kind.BUILTIN, vm.selectedProperty());
        add.disableProperty().bind(readOnly);
        rename.disableProperty().bind(readOnly.or(noSelection).or(protectedEntry));
        remove.disableProperty().bind(readOnly.or(noSelection).or(protectedEntry));
        importB.disableProperty().bind(readOnly);
        undo.disableProperty().bind(vm.canUndoProperty().not());
        add.setOnAction(e -> onAdd());
        rename.setOnAction(e -> onRename());
        remove.setOnAction(e -> onRemove());
        export.setOnAction(e -> onExport(null));
        importB.setOnAction(e -> onImport());
        undo.setOnAction(e -> vm.undo());
        refresh.setOnAction(e -> vm.refresh());

        TextField filter = TextFields.createClearableTextField();
        filter.setId("services-filter");
        filter.setPromptText(Messages.get("services.filter.prompt"));
        filter.textProperty().bindBidirectional(vm.filterProperty());
        filter.setPrefWidth(240);
        filter.setMinWidth(160);
        ToolBar bar = new ToolBar(add, rename, remove, undo, export, importB, refresh);
        HBox.setHgrow(bar, Priority.ALWAYS);
        HBox top = new HBox(8, bar, filter);
        top.setAlignment(Pos.CENTER_LEFT);
        top.setStyle("-fx-padding: 0 8 0 0;");
        return top;
    }

    private HBox readOnlyBanner() {
        Label reason = new Label();
        reason.setId("services-readonly-reason");
        reason.setWrapText(true);
        reason.textProperty().bind(vm.readOnlyReasonProperty());
        HBox.setHgrow(reason, Priority.ALWAYS);
        Button restartB = new Button(Messages.get("services.banner.restart"), new FontIcon(Feather.SHIELD));
        restartB.setId("services-restart");
        boolean canRestart = restart != null && restart.available();
        restartB.visibleProperty().bind(vm.needsElevationProperty().and(Bindings.createBooleanBinding(() -> canRestart)));
        restartB.managedProperty().bind(restartB.visibleProperty());
        restartB.setOnAction(e -> onRestart());
        Button reg = new Button(Messages.get("services.banner.exportReg"));
        reg.setId("services-banner-reg");
        reg.setOnAction(e -> onExport(ServiceFiles.Format.REG));
        Button ps1 = new Button(Messages.get("services.banner.exportPs1"));
        ps1.setId("services-banner-ps1");
        ps1.setOnAction(e -> onExport(ServiceFiles.Format.PS1));
        for (Button b : List.of(restartB, reg, ps1)) {
            b.setMinWidth(Region.USE_PREF_SIZE);
        }
        HBox banner = new HBox(10, new FontIcon(Feather.LOCK), reason, restartB, reg, ps1);
        banner.setId("services-readonly");
        banner.setAlignment(Pos.CENTER_LEFT);
        banner.getStyleClass().add("services-banner");
        banner.visibleProperty().bind(vm.writableProperty().not().and(vm.readOnlyReasonProperty().isNotNull()));
        banner.managedProperty().bind(banner.visibleProperty());
        return banner;
    }

    private HBox errorBar() {
        Label text = new Label();
        text.setId("services-error");
        text.setWrapText(true);
        text.textProperty().bind(vm.errorProperty());
        HBox.setHgrow(text, Priority.ALWAYS);
        Hyperlink details = new Hyperlink(Messages.get("services.error.details"));
        details.visibleProperty().bind(vm.errorDetailProperty().isNotNull());
        details.managedProperty().bind(details.visibleProperty());
        details.setOnAction(e -> {
            TextArea area = new TextArea(vm.errorDetailProperty().get());
            area.setEditable(false);
            area.setWrapText(true);
            Alert a = new Alert(Alert.AlertType.INFORMATION);
            a.initOwner(window());
            a.setHeaderText(vm.errorProperty().get());
            a.getDialogPane().setContent(area);
            a.showAndWait();
        });
        Button close = new Button("", new FontIcon(Feather.X));
        close.setOnAction(e -> vm.dismissError());
        HBox bar = new HBox(10, new FontIcon(Feather.ALERT_TRIANGLE), text, details, close);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("services-error");
        bar.visibleProperty().bind(vm.errorProperty().isNotNull());
        bar.managedProperty().bind(bar.visibleProperty());
        return bar;
    }

    private TableView<ServiceRegistration> table() {
        table.setId("services-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(new Label(Messages.get("services.list.empty")));
        TableColumn<ServiceRegistration, String> name = column(Messages.key("services.table.name"), r -> r.name() == null
                ? Messages.get("services.noName") : r.name());
        name.setPrefWidth(170);
        name.setMinWidth(120);
        TableColumn<ServiceRegistration, String> id = column(Messages.key("services.table.id"), r -> r.id().toString());
        id.setPrefWidth(340);
        id.setMinWidth(330);
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
        kind.setMaxWidth(100);
        TableColumn<ServiceRegistration, Long> port = new TableColumn<>(Messages.get("services.table.port"));
        port.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(cd.getValue().vsockPort()));
        port.setPrefWidth(100);
        port.setMinWidth(100);
        port.setMaxWidth(110);
        TableColumn<ServiceRegistration, String> by = column(Messages.key("services.table.createdBy"),
                r -> r.createdBy() == null ? "" : r.createdBy());
        by.setPrefWidth(110);
        TableColumn<ServiceRegistration, String> at = column(Messages.key("services.table.createdAt"),
                r -> shortTime(r.createdAt()));
        at.setPrefWidth(150);
        at.setMinWidth(150);
        table.getColumns().setAll(List.of(name, id, kind, port, by, at));
        SortedList<ServiceRegistration> sorted = new SortedList<>(vm.visible());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.getSortOrder().add(name);
        table.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null || !vm.busyProperty().get()) {
                vm.selectedProperty().set(b);
            }
        });
        table.setRowFactory(t -> {
            TableRow<ServiceRegistration> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty() && vm.writableProperty().get()
                        && row.getItem().kind() != ServiceRegistration.Kind.BUILTIN) {
                    onRename();
                }
            });
            return row;
        });
        table.setContextMenu(contextMenu());
        return table;
    }

    private static final java.time.format.DateTimeFormatter SHORT_TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    /** CreatedAt in local time to the minute; values that are not ISO instants are shown as they are. */
    static String shortTime(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return SHORT_TIME.format(java.time.Instant.parse(iso).atZone(java.time.ZoneId.systemDefault()));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    private static TableColumn<ServiceRegistration, String> column(String key,
                                                                   java.util.function.Function<ServiceRegistration, String> f) {
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
        menu.setOnShowing(e -> menu.getItems().forEach(i -> i.setDisable(vm.selectedProperty().get() == null)));
        return menu;
    }

    private MenuItem copyItem(String key, ServicesViewModel.CopyForm form) {
        MenuItem i = new MenuItem(Messages.get(key), new FontIcon(Feather.COPY));
        i.setOnAction(e -> {
            ServiceRegistration r = vm.selectedProperty().get();
            if (r != null) {
                ClipboardContent content = new ClipboardContent();
                content.putString(ServicesViewModel.copyText(r, form));
                Clipboard.getSystemClipboard().setContent(content);
                vm.statusProperty().set(Messages.get("services.status.copied", content.getString()));
            }
        });
        return i;
    }

    private void reselect(Guid id) {
        if (id == null) {
            table.getSelectionModel().clearSelection();
            return;
        }
        for (ServiceRegistration r : table.getItems()) {
            if (r.id().equals(id)) {
                table.getSelectionModel().select(r);
                table.scrollTo(r);
                return;
            }
        }
    }

    private Window window() {
        return getScene() == null ? null : getScene().getWindow();
    }

    private void onAdd() {
        AddServiceForm form = vm.newAddForm();
        if (ServiceDialogs.add(window(), form)) {
            vm.add(form.id(), form.name());
        }
    }

    private void onRename() {
        ServiceRegistration r = vm.selectedProperty().get();
        if (r == null) {
            return;
        }
        ServiceDialogs.rename(window(), r).ifPresent(name -> {
            boolean force = r.kind() == ServiceRegistration.Kind.OTHER;
            if (force && !ServiceDialogs.confirmOther(window(), r)) {
                return;
            }
            vm.rename(r.id(), name, force);
        });
    }

    private void onRemove() {
        ServiceRegistration r = vm.selectedProperty().get();
        if (r != null && ServiceDialogs.confirmRemove(window(), r)) {
            vm.remove(r.id(), r.kind() == ServiceRegistration.Kind.OTHER);
        }
    }

    private void onExport(ServiceFiles.Format preset) {
        FileChooser fc = new FileChooser();
        fc.setTitle(Messages.get("services.export.title"));
        for (ServiceFiles.Format f : ServiceFiles.Format.values()) {
            if (preset == null || preset == f) {
                fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(formatLabel(f), "*." + f.extension()));
            }
        }
        fc.setInitialFileName("hvsocket-services." + (preset == null ? "reg" : preset.extension()));
        File file = fc.showSaveDialog(window());
        if (file == null) {
            return;
        }
        ServiceFiles.Format format = preset != null ? preset
                : ServiceFiles.Format.byExtension(file.getName()).orElseGet(() -> byFilter(fc.getSelectedExtensionFilter()));
        vm.export(List.of(), format, file.toPath());
    }

    private static ServiceFiles.Format byFilter(FileChooser.ExtensionFilter f) {
        if (f != null) {
            for (ServiceFiles.Format x : ServiceFiles.Format.values()) {
                if (f.getExtensions().contains("*." + x.extension())) {
                    return x;
                }
            }
        }
        return ServiceFiles.Format.REG;
    }

    private static String formatLabel(ServiceFiles.Format f) {
        return switch (f) {
            case REG -> Messages.get("services.format.reg");
            case PS1 -> Messages.get("services.format.ps1");
            case JSON -> Messages.get("services.format.json");
        };
    }

    private void onImport() {
        FileChooser fc = new FileChooser();
        fc.setTitle(Messages.get("services.import.title"));
        fc.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter(Messages.get("services.format.importable"), "*.reg", "*.json"),
                new FileChooser.ExtensionFilter(Messages.get("services.format.all"), "*"));
        File file = fc.showOpenDialog(window());
        if (file != null) {
            importFile(file.toPath());
        }
    }

    /** Computes the plan of {@code file}, shows it, and applies it when the user agrees. */
    void importFile(Path file) {
        vm.planImport(file, false, false, plan -> {
            ServiceDialogs.PlanHolder holder = new ServiceDialogs.PlanHolder();
            boolean apply = ServiceDialogs.importPlan(window(), plan,
                    (deletes, force) -> vm.planImport(file, deletes, force, holder::set), holder);
            if (apply) {
                ImportPlan chosen = holder.plan;
                vm.applyImport(chosen);
            }
        });
    }

    private void onRestart() {
        UiTasks.run(restart::restart, outcome -> {
            if (outcome == ElevatedRestart.Outcome.STARTED) {
                Platform.exit();
            } else {
                vm.statusProperty().set(Messages.get("services.banner.cancelled"));
            }
        }, t -> {
            if (t instanceof HvxException h) {
                vm.errorProperty().set(h.getMessage());
                vm.errorDetailProperty().set(h.detail());
            } else {
                vm.errorProperty().set(String.valueOf(t));
            }
        });
    }
}
