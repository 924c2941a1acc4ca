package io.hvx.ui.common;

import atlantafx.base.theme.Styles;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/**
 * The top line of every section: its title, a muted sentence saying what the section is for,
 * and the section's own controls on the right. One class with one stylesheet rule
 * ({@code .section-header} in {@code app.css}: padding and a minimum height that fits a button),
 * so the title sits at the same place in every section whatever controls follow it.
 *
 * <pre>{@code
 * setTop(new SectionHeader(Messages.get("vms.view.title"), null, refreshButton));
 * }</pre>
 */
public final class SectionHeader extends HBox {

    /**
     * @param subtitle the sentence after the title, or null
     * @param trailing controls shown at the right end (buttons, a status text)
     */
    public SectionHeader(String titleText, String subtitle, Node... trailing) {
        getStyleClass().add("section-header");
        setAlignment(Pos.CENTER_LEFT);
        Label title = new Label(titleText);
        title.setId("section-title");
        title.getStyleClass().addAll(Styles.TITLE_3, "section-title");
        title.setMinWidth(USE_PREF_SIZE);
        // title and sentence share a baseline; the whole line is centred on the header's height
        HBox words = new HBox(title);
        words.getStyleClass().add("section-header-words");
        words.setAlignment(Pos.BASELINE_LEFT);
        if (subtitle != null) {
            Label sub = new Label(subtitle);
            sub.setId("section-subtitle");
            sub.getStyleClass().addAll(Styles.TEXT_MUTED, "section-subtitle");
            // the sentence gives way first when the window is narrow (it ends in "…", the title never does)
            sub.setMinWidth(0);
            words.getChildren().add(sub);
        }
        getChildren().add(words);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        getChildren().add(grow);
        for (Node n : trailing) {
            if (n instanceof Region r) {
                r.setMinWidth(USE_PREF_SIZE);
            }
            getChildren().add(n);
        }
    }
}
