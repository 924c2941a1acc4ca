package io.hvx.ui.common;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.util.Duration;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * A small icon button that copies text to the clipboard and confirms with a check mark for a
 * moment. Disabled while the supplier has nothing to copy at click time is the caller's choice
 * (bind {@code disableProperty}).
 */
public final class CopyButton extends Button {

    private final PauseTransition reset = new PauseTransition(Duration.seconds(1.2));

    /** @param text what to copy, read at click time; null or empty copies nothing */
    public CopyButton(Supplier<String> text) {
        setGraphic(new FontIcon(Feather.COPY));
        getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT, Styles.SMALL, "copy-button");
        setTooltip(new Tooltip(Messages.get("common.copy")));
        setAccessibleText(Messages.get("common.copy"));
        reset.setOnFinished(e -> setGraphic(new FontIcon(Feather.COPY)));
        setOnAction(e -> {
            String t = text.get();
            if (t != null && !t.isEmpty()) {
                Clipboards.copy(t);
                FontIcon done = new FontIcon(Feather.CHECK);
                done.getStyleClass().add(Styles.SUCCESS);
                setGraphic(done);
                reset.playFromStart();
            }
        });
    }
}
