package io.hvx.ui.guid;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.controls.Spacer;
import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.VmChoice;
import io.hvx.ui.common.CopyButton;
import io.hvx.ui.common.SectionHeader;
import io.hvx.ui.guid.GuidWorkbenchViewModel.State;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableStringValue;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The GUID workbench: input on top, then the facts, the socket address and the ready-to-paste forms. */
final class GuidWorkbenchView extends BorderPane {

    private final GuidWorkbenchViewModel model;
    private final ValidationSupport validation = new ValidationSupport();
    private final CustomTextField input = new CustomTextField();

    GuidWorkbenchView(GuidWorkbenchViewModel model) {
        this.model = model;
        getStyleClass().add("guid-workbench");
        // the title stays put like every section's; the cards below it scroll
        setTop(new SectionHeader(Messages.get("guid.title"), Messages.get("guid.subtitle")));
        VBox page = new VBox(12, inputCard(), factsCard(), addressCard(), formsCard());
        page.getStyleClass().add("page");
        page.setPadding(new Insets(4, 12, 20, 12));
        page.setMaxWidth(1040);
        VBox holder = new VBox(page);
        holder.setAlignment(Pos.TOP_CENTER);
        holder.getStyleClass().add("page-holder");
        ScrollPane scroll = new ScrollPane(holder);
        scroll.getStyleClass().add(atlantafx.base.theme.Tweaks.EDGE_TO_EDGE);
        scroll.setFitToWidth(true);
        setCenter(scroll);
    }

    TextField input() {
        return input;
    }

    ValidationSupport validation() {
        return validation;
    }

    private Node inputCard() {
        input.setId("guid-input");
        input.setPromptText(Messages.get("guid.input.prompt"));
        input.setLeft(new FontIcon(Feather.HASH));
        input.getStyleClass().addAll("mono", Styles.LARGE);
        input.textProperty().bindBidirectional(model.inputProperty());
        HBox.setHgrow(input, Priority.ALWAYS);
        validation.registerValidator(input, false, (javafx.scene.control.Control c, String text) ->
                GuidWorkbenchViewModel.problemWith(text)
                        .map(p -> ValidationResult.fromError(c, p))
                        .orElseGet(ValidationResult::new));
        model.stateProperty().addListener((o, a, s) ->
                input.pseudoClassStateChanged(Styles.STATE_DANGER, s == State.INVALID));

        Button clear = new Button(null, new FontIcon(Feather.X));
        clear.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        clear.setAccessibleText(Messages.get("guid.clear"));
        clear.setOnAction(e -> {
            model.inputProperty().set("");
            input.requestFocus();
        });
        clear.visibleProperty().bind(model.inputProperty().isNotEmpty());
        input.setRight(clear);

        Button newGuid = new Button(Messages.get("guid.new"), new FontIcon(Feather.REFRESH_CW));
        newGuid.setId("guid-new");
        newGuid.getStyleClass().addAll(Styles.ACCENT, Styles.LARGE);
        newGuid.setOnAction(e -> model.newGuid());
        newGuid.setMinWidth(Button.USE_PREF_SIZE);

        HBox row = new HBox(10, input, newGuid);
        row.setAlignment(Pos.CENTER_LEFT);

        Label message = new Label();
        message.setId("guid-message");
        message.setWrapText(true);
        message.textProperty().bind(Bindings.createStringBinding(() -> switch (model.stateProperty().get()) {
            case EMPTY -> Messages.get("guid.input.hint");
            case INVALID -> model.errorProperty().get();
            case VALID -> model.nameProperty().get();
        }, model.stateProperty(), model.errorProperty(), model.nameProperty()));
        FontIcon messageIcon = new FontIcon();
        message.setGraphic(messageIcon);
        model.stateProperty().addListener((o, a, s) -> styleMessage(message, messageIcon, s));
        styleMessage(message, messageIcon, model.stateProperty().get());

        VBox card = card(null, row, message);
        card.setSpacing(10);
        return card;
    }

    private static void styleMessage(Label message, FontIcon icon, State s) {
        message.getStyleClass().removeAll(Styles.TEXT_MUTED, Styles.DANGER, Styles.SUCCESS);
        icon.getStyleClass().removeAll(Styles.DANGER, Styles.SUCCESS);
        switch (s) {
            case EMPTY -> {
                message.getStyleClass().add(Styles.TEXT_MUTED);
                icon.setIconCode(Feather.INFO);
            }
            case INVALID -> {
                message.getStyleClass().add(Styles.DANGER);
                icon.setIconCode(Feather.ALERT_TRIANGLE);
                icon.getStyleClass().add(Styles.DANGER);
            }
            case VALID -> {
                icon.setIconCode(Feather.CHECK_CIRCLE);
                icon.getStyleClass().add(Styles.SUCCESS);
            }
        }
    }

    private Node factsCard() {
        GridPane grid = grid();
        int r = 0;
        row(grid, r++, "guid-canonical", Messages.get("guid.canonical"), model.canonicalProperty(), true, true);
        row(grid, r++, "guid-port", Messages.get("guid.vsockPort"), model.vsockPortProperty(), false, false);
        Label windows = row(grid, r++, "guid-windows-bytes", Messages.get("guid.windowsBytes"),
                model.windowsBytesProperty(), true, true);
        FontIcon info = new FontIcon(Feather.HELP_CIRCLE);
        info.getStyleClass().add(Styles.TEXT_MUTED);
        windows.setGraphic(info);
        windows.setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
        javafx.scene.control.Tooltip note = new javafx.scene.control.Tooltip(Messages.get("guid.bytes.note"));
        note.setWrapText(true);
        note.setMaxWidth(420);
        windows.setTooltip(note);
        row(grid, r, "guid-rfc-bytes", Messages.get("guid.rfc4122Bytes"), model.rfc4122BytesProperty(), true, true);
        return card(Messages.get("guid.card.facts"), grid);
    }

    private Node addressCard() {
        // the picker gets a new list each time the choices change: a list replaced in place keeps
        // the picker's old index, and its button then shows the VM at that index, not the choice
        ComboBox<VmChoice> vm = new ComboBox<>(FXCollections.observableArrayList(model.vmChoices()));
        vm.setId("guid-vm");
        vm.valueProperty().bindBidirectional(model.vmProperty());
        model.vmChoices().addListener((ListChangeListener<VmChoice>) c -> {
            vm.setItems(FXCollections.observableArrayList(model.vmChoices()));
            vm.setValue(model.vmProperty().get());
        });
        vm.setConverter(new StringConverter<>() {
            @Override
            public String toString(VmChoice c) {
                return c == null ? "" : c.alias() != null ? c.label() + "  ·  " + c.alias().sdkName() : c.label();
            }

            @Override
            public VmChoice fromString(String s) {
                // not editable: entries are only picked
                throw new UnsupportedOperationException();
            }
        });
        Label vmLabel = new Label(Messages.get("guid.address.vm"));
        vmLabel.getStyleClass().add(Styles.TEXT_MUTED);
        Label vmHelp = new Label();
        vmHelp.setId("guid-vm-help");
        vmHelp.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        vmHelp.setWrapText(true);
        vmHelp.textProperty().bind(model.vmHelpProperty());

        GridPane dump = new GridPane();
        dump.setId("guid-sockaddr");
        dump.getStyleClass().add("hex-dump");
        dump.setHgap(18);
        dump.setVgap(4);
        dumpRow(dump, 0, "0000", model.sockaddrHeaderProperty(), new SimpleStringProperty(Messages.get("guid.address.header")));
        dumpRow(dump, 1, "0004", model.sockaddrVmIdProperty(), Bindings.createStringBinding(
                () -> Messages.get("guid.address.vmId", model.vmProperty().get().label()), model.vmProperty()));
        dumpRow(dump, 2, "0014", model.sockaddrServiceIdProperty(), new SimpleStringProperty(Messages.get("guid.address.serviceId")));
        HBox.setHgrow(dump, Priority.ALWAYS);
        dump.setMaxWidth(Double.MAX_VALUE);
        CopyButton copy = new CopyButton(model.sockaddrHexProperty()::get);
        copy.setId("guid-sockaddr-copy");
        copy.disableProperty().bind(model.sockaddrHexProperty().isEmpty());
        HBox dumpRow = new HBox(12, dump, copy);
        dumpRow.setAlignment(Pos.CENTER_LEFT);
        VBox card = card(Messages.get("guid.card.address"), dumpRow, vmHelp);
        HBox head = (HBox) card.getChildren().getFirst();
        head.getChildren().addAll(vmLabel, vm);
        head.setSpacing(10);
        head.setAlignment(Pos.CENTER_LEFT);
        card.setSpacing(8);
        return card;
    }

    private static void dumpRow(GridPane grid, int r, String offset, ObservableStringValue bytes,
                                ObservableStringValue legend) {
        Label off = new Label(offset);
        off.getStyleClass().addAll("mono", Styles.TEXT_MUTED);
        Label hex = new Label();
        hex.getStyleClass().add("mono");
        hex.textProperty().bind(Bindings.createStringBinding(
                () -> bytes.get().isEmpty() ? "··" : bytes.get(), bytes));
        hex.setMinWidth(Label.USE_PREF_SIZE);
        Label what = new Label();
        what.textProperty().bind(legend);
        what.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TEXT_SMALL);
        grid.addRow(r, off, hex, what);
    }

    private Node formsCard() {
        GridPane grid = grid();
        grid.setVgap(6);
        grid.getColumnConstraints().getFirst().setMinWidth(120);
        grid.getColumnConstraints().getFirst().setPrefWidth(120);
        form(grid, 0, "guid-form-define", Messages.get("guid.form.defineGuid"), model.defineGuidProperty());
        form(grid, 1, "guid-form-initializer", Messages.get("guid.form.initializer"), model.initializerProperty());
        form(grid, 2, "guid-form-powershell", Messages.get("guid.form.powershell"), model.powerShellProperty());
        form(grid, 3, "guid-form-registry", Messages.get("guid.form.registry"), model.registryPathProperty());
        return card(Messages.get("guid.card.forms"), grid);
    }

    /** A code line that wraps instead of hiding its end; the copy button takes it whole. */
    private static void form(GridPane grid, int r, String id, String title, ObservableStringValue value) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        Label code = new Label();
        code.setId(id);
        code.getStyleClass().addAll("mono", "code-line");
        code.setWrapText(true);
        code.setMaxWidth(Double.MAX_VALUE);
        code.textProperty().bind(value);
        CopyButton copy = new CopyButton(value::get);
        copy.setId(id + "-copy");
        copy.disableProperty().bind(Bindings.createBooleanBinding(() -> value.get().isEmpty(), value));
        grid.addRow(r, label, code, copy);
        GridPane.setValignment(label, javafx.geometry.VPos.TOP);
        GridPane.setValignment(copy, javafx.geometry.VPos.TOP);
        GridPane.setMargin(label, new Insets(3, 0, 0, 0));
        GridPane.setMargin(code, new Insets(3, 0, 0, 0));
    }

    private static GridPane grid() {
        GridPane grid = new GridPane();
        grid.setHgap(12);
        grid.setVgap(0);
        ColumnConstraints label = new ColumnConstraints();
        label.setMinWidth(136);
        label.setPrefWidth(136);
        ColumnConstraints value = new ColumnConstraints();
        value.setHgrow(Priority.ALWAYS);
        value.setFillWidth(true);
        grid.getColumnConstraints().addAll(label, value, new ColumnConstraints());
        return grid;
    }

    private static Label row(GridPane grid, int r, String id, String title, ObservableStringValue value,
                             boolean mono, boolean copyable) {
        Label label = new Label(title);
        label.getStyleClass().add(Styles.TEXT_MUTED);
        TextField field = new TextField();
        field.setId(id);
        field.setEditable(false);
        field.setFocusTraversable(false);
        field.getStyleClass().add("value-field");
        if (mono) {
            field.getStyleClass().add("mono");
        }
        field.textProperty().bind(value);
        field.setMaxWidth(Double.MAX_VALUE);
        grid.add(label, 0, r);
        grid.add(field, 1, r);
        if (copyable) {
            CopyButton copy = new CopyButton(value::get);
            copy.setId(id + "-copy");
            copy.disableProperty().bind(Bindings.createBooleanBinding(() -> value.get().isEmpty(), value));
            grid.add(copy, 2, r);
        }
        return label;
    }

    private static VBox card(String title, Node... content) {
        VBox card = new VBox(8);
        card.getStyleClass().add("card");
        if (title != null) {
            Label t = new Label(title);
            t.getStyleClass().addAll(Styles.TITLE_4, "card-title");
            HBox head = new HBox(t, new Spacer());
            card.getChildren().add(head);
        }
        card.getChildren().addAll(content);
        return card;
    }
}
