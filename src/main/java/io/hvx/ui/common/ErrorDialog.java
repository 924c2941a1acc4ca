package io.hvx.ui.common;

import io.hvx.core.Messages;
import javafx.scene.control.Alert;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Window;

/**
 * A modal error: the sentence in the dialog, the technical detail behind the dialog's
 * "Show details" expander. For failures of an action the user started (a dialog, a button);
 * prefer {@link ErrorBanner} for errors that belong to a view.
 */
public final class ErrorDialog {

    private ErrorDialog() {
    }

    /** Shows the error and returns at once (must be called on the FX thread). */
    public static void show(Window owner, Throwable failure) {
        create(owner, ErrorText.of(failure)).show();
    }

    /** Builds the dialog without showing it (tests look inside). */
    public static Alert create(Window owner, ErrorText text) {
        Alert alert = new Alert(Alert.AlertType.ERROR);
        if (owner != null) {
            alert.initOwner(owner);
        }
        alert.setTitle(Messages.get("error.dialog.title"));
        alert.setHeaderText(null);
        Label sentence = new Label(text.sentence());
        sentence.setWrapText(true);
        sentence.setId("error-sentence");
        alert.getDialogPane().setContent(sentence);
        alert.getDialogPane().getStyleClass().add("error-dialog");
        alert.getDialogPane().getStylesheets().add(Theme.APP_STYLESHEET);
        if (text.hasDetail()) {
            TextArea area = new TextArea(text.detail());
            area.setId("error-detail");
            area.setEditable(false);
            area.setWrapText(false);
            area.getStyleClass().add("mono");
            area.setPrefRowCount(12);
            VBox.setVgrow(area, Priority.ALWAYS);
            alert.getDialogPane().setExpandableContent(new VBox(area));
        }
        return alert;
    }
}
