package io.hvx.ui.shell;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.ui.common.Theme;
import javafx.scene.control.Alert;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Product, version, where it runs and where it logs, with Open log. */
final class AboutDialog {

    private AboutDialog() {
    }

    static Alert create(Window owner, ShellViewModel vm) {
        Alert a = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(Messages.get("about.title"));
        Label product = new Label(Messages.get("app.title"));
        product.getStyleClass().add(Styles.TITLE_3);
        Label tagline = new Label(Messages.get("about.tagline"));
        tagline.getStyleClass().add(Styles.TEXT_MUTED);
        tagline.setWrapText(true);
        GridPane facts = new GridPane();
        facts.getStyleClass().add("about-facts");
        int r = 0;
        for (ShellViewModel.Fact f : vm.aboutFacts()) {
            Label n = new Label(f.name());
            n.getStyleClass().add(Styles.TEXT_MUTED);
            Label v = new Label(f.value());
            v.setWrapText(true);
            facts.addRow(r++, n, v);
        }
        VBox box = new VBox(product, tagline, facts);
        box.getStyleClass().add("about-content");
        if (vm.canOpenLog()) {
            Button openLog = new Button(Messages.get("about.openLog"), new FontIcon(Feather.FILE_TEXT));
            openLog.setId("about-open-log");
            openLog.setOnAction(e -> vm.openLog());
            box.getChildren().add(openLog);
        }
        FontIcon icon = new FontIcon(AppIcon.GLYPH);
        icon.getStyleClass().add("about-icon");
        a.setGraphic(icon);
        a.setHeaderText(null);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("about-dialog");
        a.getDialogPane().getStyleClass().add("about-dialog");
        a.getDialogPane().getStylesheets().add(Theme.APP_STYLESHEET);
        return a;
    }
}
