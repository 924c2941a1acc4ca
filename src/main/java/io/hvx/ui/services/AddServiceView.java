package io.hvx.ui.services;

import io.hvx.core.Messages;
import io.hvx.ui.common.Validation;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.stage.WindowEvent;
import org.controlsfx.validation.ValidationSupport;

/**
 * The content of the Add dialog over an {@link AddServiceForm}: the three sources of the id, the
 * name, the registry key it will be written to and what is wrong so far. The form decides what
 * is valid; ControlsFX marks the field each problem belongs to.
 */
final class AddServiceView extends GridPane {

    private final ValidationSupport validation = new ValidationSupport();

    AddServiceView(AddServiceForm form) {
        getStyleClass().addAll("dialog-form", "add-service-form");
        getStylesheets().add(ServicesView.STYLESHEET);
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
        generated.getStyleClass().add("mono");
        generated.textProperty().bind(Bindings.createStringBinding(() -> form.generatedProperty().get().toString(),
                form.generatedProperty()));
        Button regenerate = new Button(Messages.get("services.add.regenerate"));
        regenerate.setOnAction(e -> form.regenerate());
        regenerate.disableProperty().bind(newId.selectedProperty().not());
        HBox generatedRow = new HBox(generated, regenerate);
        generatedRow.getStyleClass().add("form-row");
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

        // a field is marked only once the user has touched it (typed, or left it)
        validation.registerValidator(guidField, false, Validation.from(() ->
                form.sourceProperty().get() == AddServiceForm.Source.GIVEN ? form.shownIdProblemProperty().get() : null));
        validation.registerValidator(portField, false, Validation.from(() ->
                form.sourceProperty().get() == AddServiceForm.Source.VSOCK_PORT ? form.shownIdProblemProperty().get() : null));
        validation.registerValidator(name, false, Validation.from(() -> form.shownNameProblemProperty().get()));
        for (Observable o : new Observable[] {form.shownIdProblemProperty(), form.shownNameProblemProperty(), form.sourceProperty()}) {
            o.addListener(x -> validation.revalidate());
        }
        name.focusedProperty().addListener((o, was, now) -> {
            if (was && !now) {
                form.touchName();
            }
        });
        for (TextField idField : new TextField[] {guidField, portField}) {
            idField.focusedProperty().addListener((o, was, now) -> {
                if (was && !now) {
                    form.touchId();
                }
            });
        }

        Label path = new Label();
        path.setId("registry-path");
        path.setWrapText(true);
        path.textProperty().bind(form.registryPathProperty());
        Label problem = new Label();
        problem.setId("add-problem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll("danger", "dialog-problem");
        problem.textProperty().bind(Bindings.createStringBinding(form::problem,
                form.shownIdProblemProperty(), form.shownNameProblemProperty()));

        Label nameLabel = new Label(Messages.get("services.add.name"));
        Label pathLabel = new Label(Messages.get("services.add.path"));
        for (javafx.scene.control.Labeled l : new javafx.scene.control.Labeled[] {newId, given, port, nameLabel, pathLabel}) {
            l.setMinWidth(USE_PREF_SIZE); // the first column never cuts its labels
        }
        // the name first: it is what the user came to type, and the field that has the focus
        addRow(0, nameLabel, name);
        addRow(1, newId, generatedRow);
        addRow(2, given, guidField);
        addRow(3, port, portField);
        addRow(4, pathLabel, path);
        add(problem, 0, 5, 2, 1);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setMinWidth(USE_PREF_SIZE);
        ColumnConstraints fields = new ColumnConstraints();
        fields.setHgrow(Priority.ALWAYS);
        fields.setFillWidth(true);
        getColumnConstraints().setAll(labels, fields);
        // a dialog gives its first focus to a button: the name gets it once the window shows
        name.sceneProperty().addListener((o, old, scene) -> {
            if (scene != null && scene.getWindow() != null) {
                scene.getWindow().addEventHandler(WindowEvent.WINDOW_SHOWN, e -> name.requestFocus());
            }
        });
    }

    private static RadioButton radio(ToggleGroup group, AddServiceForm.Source s, String id) {
        RadioButton r = new RadioButton(AddServiceForm.label(s));
        r.setId(id);
        r.setToggleGroup(group);
        r.setUserData(s);
        return r;
    }
}
