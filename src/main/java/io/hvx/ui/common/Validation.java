package io.hvx.ui.common;

import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import javafx.beans.binding.Bindings;
import javafx.scene.control.Control;
import javafx.scene.control.Label;
import org.controlsfx.validation.ValidationMessage;
import org.controlsfx.validation.ValidationResult;
import org.controlsfx.validation.ValidationSupport;
import org.controlsfx.validation.Validator;

/**
 * Live input checks in views, with ControlsFX {@link ValidationSupport}: a view model (or form)
 * says what is wrong as a sentence, the view decorates the field, shows the sentence with
 * {@link #problemLabel} and disables OK with {@link ValidationSupport#invalidProperty()}.
 *
 * <pre>{@code
 * ValidationSupport v = new ValidationSupport();
 * v.registerValidator(nameField, false, Validation.of(ServiceRules::nameProblemSentence));
 * box.getChildren().add(Validation.problemLabel(v));
 * okButton.disableProperty().bind(v.invalidProperty());
 * }</pre>
 */
public final class Validation {

    private Validation() {
    }

    /** A validator from "what is wrong with this text" (a sentence, or null when it is fine). */
    public static Validator<String> of(UnaryOperator<String> problem) {
        return (Control c, String text) -> {
            String p = problem.apply(text);
            return p == null ? new ValidationResult() : ValidationResult.fromError(c, p);
        };
    }

    /**
     * A validator over state the control does not hold (a form that checks several fields
     * together); call {@link ValidationSupport#revalidate()} when that state changes.
     */
    public static Validator<Object> from(Supplier<String> problem) {
        return (Control c, Object value) -> {
            String p = problem.get();
            return p == null ? new ValidationResult() : ValidationResult.fromError(c, p);
        };
    }

    /** A label that shows the first error sentence of {@code validation} (empty when none). */
    public static Label problemLabel(ValidationSupport validation) {
        Label problem = new Label();
        problem.setId("dialog-problem");
        problem.setWrapText(true);
        problem.getStyleClass().addAll("danger", "dialog-problem");
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            ValidationResult r = validation.getValidationResult();
            return r == null ? "" : r.getErrors().stream().findFirst().map(ValidationMessage::getText).orElse("");
        }, validation.validationResultProperty()));
        return problem;
    }
}
