package io.hvx.ui.common;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import javafx.beans.property.ObjectProperty;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * An inline error for a view: the sentence, a "Details" toggle that reveals the technical
 * detail, and a close button. Hidden (and taking no space) while there is no error.
 *
 * <p>Bind it to the view model's error; the close button clears that property:
 * <pre>{@code
 * ErrorBanner banner = new ErrorBanner();
 * banner.bind(model.errorProperty());      // ObjectProperty<ErrorText>, null = no error
 * }</pre>
 */
public final class ErrorBanner extends VBox {

    private final Label sentence = new Label();
    private final Hyperlink detailsToggle = new Hyperlink(Messages.get("error.details.show"));
    private final TextArea detail = new TextArea();
    private Runnable onClose = this::clear;

    public ErrorBanner() {
        getStyleClass().add("error-banner");
        setId("error-banner");
        FontIcon icon = new FontIcon(Feather.ALERT_CIRCLE);
        icon.getStyleClass().add("error-banner-icon");
        sentence.setWrapText(true);
        sentence.getStyleClass().add("error-banner-sentence");
        sentence.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(sentence, Priority.ALWAYS);
        Button close = new Button(null, new FontIcon(Feather.X));
        close.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL);
        close.setOnAction(e -> onClose.run());
        close.setAccessibleText(Messages.get("error.close"));
        detailsToggle.setOnAction(e -> setDetailExpanded(!detail.isVisible()));
        detailsToggle.setMinWidth(USE_PREF_SIZE);
        HBox top = new HBox(icon, sentence, detailsToggle, close);
        top.getStyleClass().add("error-banner-top");
        top.setAlignment(Pos.CENTER_LEFT);
        detail.setEditable(false);
        detail.setWrapText(false);
        detail.setPrefRowCount(6);
        detail.getStyleClass().add("mono");
        setDetailExpanded(false);
        getChildren().addAll(top, detail);
        setVisible(false);
        managedProperty().bind(visibleProperty());
    }

    /**
     * Shows {@code error} whenever it holds one and hides when it is null; the close button sets
     * it to null.
     */
    public void bind(ObjectProperty<ErrorText> error) {
        onClose = () -> error.set(null);
        error.addListener((o, old, now) -> show(now));
        show(error.get());
    }

    /** Shows the sentence and detail of {@code failure} (see {@link ErrorText#of}). */
    public void show(Throwable failure) {
        show(ErrorText.of(failure));
    }

    /** Shows {@code text}; null hides the banner. */
    public void show(ErrorText text) {
        if (text == null) {
            clear();
            return;
        }
        sentence.setText(text.sentence());
        detail.setText(text.hasDetail() ? text.detail() : "");
        detailsToggle.setVisible(text.hasDetail());
        detailsToggle.setManaged(text.hasDetail());
        setDetailExpanded(false);
        setVisible(true);
    }

    /** Hides the banner. */
    public void clear() {
        setVisible(false);
    }

    public boolean isShowing() {
        return isVisible();
    }

    /** The sentence shown (for tests and accessibility). */
    public String sentence() {
        return sentence.getText();
    }

    private void setDetailExpanded(boolean expanded) {
        detail.setVisible(expanded);
        detail.setManaged(expanded);
        detailsToggle.setText(Messages.get(expanded ? "error.details.hide" : "error.details.show"));
    }
}
