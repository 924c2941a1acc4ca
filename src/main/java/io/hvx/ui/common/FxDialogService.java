package io.hvx.ui.common;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import javafx.util.StringConverter;
import org.controlsfx.validation.ValidationSupport;

/**
 * The app's {@link DialogService}: JavaFX dialogs owned by the main window, styled with the
 * theme and the app stylesheet. Created once by the composition root; each section registers
 * the views of its own {@link Form}s:
 *
 * <pre>{@code
 * dialogs.register(AddServiceForm.class, AddServiceView::new);   // Function<AddServiceForm, Node>
 * }</pre>
 *
 * Typed text is checked with ControlsFX {@link ValidationSupport}: the field is decorated, the
 * sentence shows under it and OK stays disabled until the text is acceptable.
 */
public final class FxDialogService implements DialogService {

    private final Window owner;
    private final Map<Class<?>, Function<Form, Node>> views = new ConcurrentHashMap<>();

    /** @param owner the window dialogs belong to (null: none, e.g. before the window exists) */
    public FxDialogService(Window owner) {
        this.owner = owner;
    }

    /** Says which view shows forms of {@code type} (one per form class, usually by its section). */
    public <F extends Form> void register(Class<F> type, Function<? super F, ? extends Node> view) {
        views.put(type, form -> view.apply(type.cast(form)));
    }

    @Override
    public boolean confirm(Confirmation q) {
        Alert a = q.warning()
                ? new Alert(Alert.AlertType.WARNING, "", ButtonType.YES, ButtonType.NO)
                : new Alert(Alert.AlertType.CONFIRMATION);
        prepare(a, q.title(), q.header());
        a.setContentText(q.content());
        ButtonType yes = q.warning() ? ButtonType.YES : ButtonType.OK;
        return a.showAndWait().filter(b -> b == yes).isPresent();
    }

    @Override
    public Optional<String> askText(TextQuestion q) {
        Dialog<ButtonType> d = new Dialog<>();
        prepare(d, q.title(), q.header());
        ButtonType ok = new ButtonType(q.okText(), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        TextField field = new TextField(q.initial());
        field.setId("dialog-text");
        ValidationSupport validation = new ValidationSupport();
        validation.registerValidator(field, false, Validation.of(q.problem()));
        VBox box = new VBox(field, Validation.problemLabel(validation));
        box.getStyleClass().addAll("dialog-form", "text-question");
        d.getDialogPane().setContent(box);
        d.getDialogPane().lookupButton(ok).disableProperty().bind(validation.invalidProperty());
        field.requestFocus();
        return d.showAndWait().filter(b -> b == ok)
                .map(b -> field.getText())
                .filter(text -> q.problem().apply(text) == null)
                .map(String::strip);
    }

    @Override
    public <T> Optional<T> askChoice(ChoiceQuestion<T> q) {
        Dialog<ButtonType> d = new Dialog<>();
        prepare(d, q.title(), q.header());
        d.getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        ComboBox<T> box = new ComboBox<>();
        box.setId("dialog-choice");
        box.getItems().setAll(q.choices());
        box.setConverter(new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : q.label().apply(t);
            }

            @Override
            public T fromString(String s) {
                // not editable: the box never turns text back into a choice
                return box.getValue();
            }
        });
        box.setValue(q.initial() != null ? q.initial() : q.choices().isEmpty() ? null : q.choices().getFirst());
        box.setMaxWidth(Double.MAX_VALUE);
        VBox content = new VBox(box);
        content.getStyleClass().add("dialog-form");
        d.getDialogPane().setContent(content);
        d.getDialogPane().lookupButton(ButtonType.OK).disableProperty().bind(box.valueProperty().isNull());
        return d.showAndWait().filter(b -> b == ButtonType.OK).map(b -> box.getValue());
    }

    @Override
    public boolean showForm(Form form) {
        Function<Form, Node> view = views.get(form.getClass());
        if (view == null) {
            throw new IllegalStateException("no view registered for " + form.getClass().getName());
        }
        Dialog<ButtonType> d = new Dialog<>();
        prepare(d, form.title(), form.header());
        ButtonType ok = new ButtonType(form.okText(), ButtonBar.ButtonData.OK_DONE);
        d.getDialogPane().getButtonTypes().addAll(ok, ButtonType.CANCEL);
        d.getDialogPane().setContent(view.apply(form));
        d.getDialogPane().lookupButton(ok).disableProperty().bind(Bindings.not(form.okAllowed()));
        d.setResizable(true);
        // the theme caps dialogs at 600 px, which suits a sentence but not a form or a table
        d.getDialogPane().getStyleClass().add("form-dialog");
        // the window takes its size from the content's preferred size: with the form's stylesheet
        // applied first, so the sizes of its CSS count (a resizable dialog is not sized again later)
        d.getDialogPane().applyCss();
        return d.showAndWait().filter(b -> b == ok).isPresent() && form.okAllowed().get();
    }

    @Override
    public Optional<Path> chooseFileToOpen(FileQuestion q) {
        FileChooser fc = chooser(q);
        return Optional.ofNullable(fc.showOpenDialog(owner)).map(File::toPath);
    }

    @Override
    public Optional<ChosenFile> chooseFileToSave(FileQuestion q) {
        FileChooser fc = chooser(q);
        if (q.initialName() != null) {
            fc.setInitialFileName(q.initialName());
        }
        File file = fc.showSaveDialog(owner);
        if (file == null) {
            return Optional.empty();
        }
        int selected = fc.getExtensionFilters().indexOf(fc.getSelectedExtensionFilter());
        return Optional.of(new ChosenFile(file.toPath(), selected < 0 ? null : q.filters().get(selected)));
    }

    @Override
    public void showError(ErrorText error) {
        ErrorDialog.create(owner, error).showAndWait();
    }

    private FileChooser chooser(FileQuestion q) {
        FileChooser fc = new FileChooser();
        fc.setTitle(q.title());
        for (FileFilter f : q.filters()) {
            List<String> patterns = f.extensions().stream().map(e -> e.equals("*") ? "*" : "*." + e).toList();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(f.description(), patterns));
        }
        return fc;
    }

    private void prepare(Dialog<?> d, String title, String header) {
        if (owner != null) {
            d.initOwner(owner);
        }
        d.setTitle(title);
        d.setHeaderText(header);
        d.getDialogPane().getStylesheets().add(Theme.APP_STYLESHEET);
    }
}
