package io.hvx.ui.services;

import io.hvx.core.ImportPlan;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.registry.Registrations;
import io.hvx.registry.ServiceRules;
import java.util.Optional;
import java.util.function.BiConsumer;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/** The dialogs of the Services view: add, rename, remove confirmations and the import plan. */
final class ServiceDialogs {

    private ServiceDialogs() {
    }

    /** The Add dialog over {@code form}; true when the user confirmed a valid form. */
    static boolean add(Window owner, AddServiceForm form) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("services.add.title"));
        d.setHeaderText(Messages.get("services.add.header"));
        ButtonType ok = new ButtonType(Messages.get("services.add.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);

        ToggleGroup group = new ToggleGroup();
        RadioButton newId = radio(group, AddServiceForm.Source.NEW, "source-new");
        RadioButton given = radio(group, AddServiceForm.Source.GIVEN, "source-given");
        RadioButton port = radio(group, AddServiceForm.Source.VSOCK_PORT, "source-port");
        group.selectToggle(switch (form.sourceProperty().get()) {
            case NEW -> newId;
            case GIVEN -> given;
            case VSOCK_PORT -> port;
        });
        group.selectedToggleProperty().addListener((o, a, b) ->
                form.sourceProperty().set((AddServiceForm.Source) b.getUserData()));

        Label generated = new Label();
        generated.setId("generated-guid");
        generated.textProperty().bind(Bindings.createStringBinding(() -> form.generatedProperty().get().toString(),
                form.generatedProperty()));
        Button regenerate = new Button(Messages.get("services.add.regenerate"));
        regenerate.setOnAction(e -> form.regenerate());
        regenerate.disableProperty().bind(newId.selectedProperty().not());
        TextField guidField = new TextField();
        guidField.setId("given-guid");
        guidField.setPromptText("xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx");
        guidField.textProperty().bindBidirectional(form.givenIdProperty());
        guidField.disableProperty().bind(given.selectedProperty().not());
        TextField portField = new TextField();
        portField.setId("vsock-port");
        portField.setPromptText("5000");
        portField.textProperty().bindBidirectional(form.portProperty());
        portField.disableProperty().bind(port.selectedProperty().not());
        TextField name = new TextField();
        name.setId("service-name");
        name.setPromptText(Messages.get("services.add.namePrompt"));
        name.textProperty().bindBidirectional(form.nameProperty());

        Label path = new Label();
        path.setId("registry-path");
        path.setWrapText(true);
        path.textProperty().bind(form.registryPathProperty());
        Label problem = new Label();
        problem.setId("add-problem");
        problem.setWrapText(true);
        problem.getStyleClass().add("danger");
        problem.textProperty().bind(form.problemProperty());

        GridPane g = new GridPane(10, 8);
        g.setPadding(new Insets(10));
        g.addRow(0, newId, new HBox(8, generated, regenerate));
        g.addRow(1, given, guidField);
        g.addRow(2, port, portField);
        g.addRow(3, new Label(Messages.get("services.add.name")), name);
        g.addRow(4, new Label(Messages.get("services.add.path")), path);
        g.add(problem, 0, 5, 2, 1);
        GridPane.setHgrow(guidField, Priority.ALWAYS);
        g.setPrefWidth(640);
        d.getDialogPane().setContent(g);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(form.validProperty().not());
        name.requestFocus();
        return d.showAndWait().filter(b -> b == ok).isPresent() && form.validProperty().get();
    }

    private static RadioButton radio(ToggleGroup group, AddServiceForm.Source s, String id) {
        RadioButton r = new RadioButton(AddServiceForm.label(s));
        r.setId(id);
        r.setToggleGroup(group);
        r.setUserData(s);
        return r;
    }

    /** Asks for a new name with live validation; empty when cancelled. */
    static Optional<String> rename(Window owner, ServiceRegistration r) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("services.rename.title"));
        d.setHeaderText(Messages.get("services.rename.header", r.id()));
        ButtonType ok = new ButtonType(Messages.get("services.rename.ok"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        TextField name = new TextField(r.name() == null ? "" : r.name());
        name.setId("rename-name");
        Label problem = new Label();
        problem.getStyleClass().add("danger");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            var p = ServiceRules.nameProblem(name.getText());
            return p == null ? "" : p.message();
        }, name.textProperty()));
        VBox box = new VBox(8, name, problem);
        box.setPrefWidth(480);
        d.getDialogPane().setContent(box);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.createBooleanBinding(
                () -> ServiceRules.nameProblem(name.getText()) != null, name.textProperty()));
        return d.showAndWait().filter(b -> b == ok).map(b -> name.getText().strip());
    }

    /**
     * Confirms a removal; entries of other tools need a second confirmation naming the values
     * that say who owns them.
     *
     * @return whether to remove, and with force
     */
    static boolean confirmRemove(Window owner, ServiceRegistration r) {
        Alert a = new Alert(Alert.AlertType.CONFIRMATION);
        a.initOwner(owner);
        a.setTitle(Messages.get("services.remove.title"));
        a.setHeaderText(Messages.get("services.remove.header", r.name() == null ? "—" : r.name()));
        a.setContentText(Messages.get("services.remove.content", r.id()));
        if (a.showAndWait().filter(b -> b == ButtonType.OK).isEmpty()) {
            return false;
        }
        if (r.kind() != ServiceRegistration.Kind.OTHER) {
            return true;
        }
        Alert second = new Alert(Alert.AlertType.WARNING, "", ButtonType.YES, ButtonType.NO);
        second.initOwner(owner);
        second.setTitle(Messages.get("services.remove.title"));
        second.setHeaderText(Messages.get("services.remove.otherHeader"));
        second.setContentText(Messages.get("services.remove.otherContent", Registrations.ownerValues(r)));
        return second.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    /** Confirms renaming an entry of another tool, naming its owner values. */
    static boolean confirmOther(Window owner, ServiceRegistration r) {
        Alert second = new Alert(Alert.AlertType.WARNING, "", ButtonType.YES, ButtonType.NO);
        second.initOwner(owner);
        second.setTitle(Messages.get("services.rename.title"));
        second.setHeaderText(Messages.get("services.remove.otherHeader"));
        second.setContentText(Messages.get("services.rename.otherContent", Registrations.ownerValues(r)));
        return second.showAndWait().filter(b -> b == ButtonType.YES).isPresent();
    }

    /**
     * Shows the import plan; the check boxes recompute it through {@code replan}.
     *
     * @return whether to apply the plan shown last
     */
    static boolean importPlan(Window owner, ImportPlan plan, BiConsumer<Boolean, Boolean> replan,
                              PlanHolder holder) {
        Dialog<ButtonType> d = new Dialog<>();
        d.initOwner(owner);
        d.setTitle(Messages.get("services.import.title"));
        ButtonType apply = new ButtonType(Messages.get("services.import.apply"), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(apply, ButtonType.CANCEL);
        TableView<ImportPlan.Step> table = new TableView<>();
        table.setId("plan-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column(Messages.get("services.column.action"), s -> Messages.get(s.action().labelKey())));
        table.getColumns().add(column(Messages.get("services.column.id"), s -> s.entry().id().toString()));
        table.getColumns().add(column(Messages.get("services.column.name"),
                s -> s.entry().name() != null ? s.entry().name() : s.currentName() == null ? "" : s.currentName()));
        table.getColumns().add(column(Messages.get("services.column.reason"),
                s -> s.reason() == null ? "" : s.reason().message()));
        table.getItems().setAll(plan.steps());
        table.setPrefSize(860, 320);
        CheckBox deletes = new CheckBox(Messages.get("services.import.allowDelete"));
        CheckBox force = new CheckBox(Messages.get("services.import.force"));
        Label summary = new Label();
        Runnable update = () -> {
            ImportPlan p = holder.plan;
            table.getItems().setAll(p.steps());
            summary.setText(Messages.get("services.import.summary", p.count(ImportPlan.Action.ADD),
                    p.count(ImportPlan.Action.UPDATE_NAME), p.count(ImportPlan.Action.DELETE),
                    p.count(ImportPlan.Action.UNCHANGED), p.count(ImportPlan.Action.REFUSED)));
            // a refused row refuses the whole import (ServiceRegistry.apply): nothing to apply then
            d.getDialogPane().lookupButton(apply).setDisable(p.changes().isEmpty() || p.refusal().isPresent());
        };
        holder.plan = plan;
        holder.onChange = update;
        deletes.setOnAction(e -> replan.accept(deletes.isSelected(), force.isSelected()));
        force.setOnAction(e -> replan.accept(deletes.isSelected(), force.isSelected()));
        Node content = new VBox(8, table, summary, new HBox(16, deletes, force));
        d.getDialogPane().setContent(content);
        update.run();
        return d.showAndWait().filter(b -> b == apply).isPresent();
    }

    /** The plan the import dialog shows, replaced when the options change. */
    static final class PlanHolder {
        ImportPlan plan;
        Runnable onChange = () -> { };

        void set(ImportPlan p) {
            plan = p;
            onChange.run();
        }
    }

    private static TableColumn<ImportPlan.Step, String> column(String title,
                                                               java.util.function.Function<ImportPlan.Step, String> f) {
        TableColumn<ImportPlan.Step, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyStringWrapper(f.apply(cd.getValue())));
        return c;
    }
}
