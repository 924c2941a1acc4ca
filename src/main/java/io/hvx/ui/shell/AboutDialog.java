package io.hvx.ui.shell;

import atlantafx.base.theme.Styles;
import io.hvx.core.Environment;
import io.hvx.core.Messages;
import javafx.geometry.Insets;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** Product, version and where it runs. */
final class AboutDialog {

    private AboutDialog() {
    }

    static Alert create(Window owner, Environment env) {
        Alert a = new Alert(Alert.AlertType.NONE, null, ButtonType.CLOSE);
        a.initOwner(owner);
        a.setTitle(Messages.get("about.title"));
        Label product = new Label(Messages.get("app.title"));
        product.getStyleClass().add(Styles.TITLE_3);
        Label tagline = new Label(Messages.get("about.tagline"));
        tagline.getStyleClass().add(Styles.TEXT_MUTED);
        tagline.setWrapText(true);
        GridPane facts = new GridPane();
        facts.setHgap(16);
        facts.setVgap(6);
        int r = 0;
        r = fact(facts, r, Messages.get("info.version"), env.version());
        r = fact(facts, r, Messages.get("info.mode"), MainWindow.modeName(env.mode()));
        r = fact(facts, r, Messages.get("info.elevated"), Messages.get(env.elevated() ? "common.yes" : "common.no"));
        r = fact(facts, r, Messages.get("info.java"), env.java());
        r = fact(facts, r, Messages.get("info.os"), env.os());
        r = fact(facts, r, Messages.get("info.dataDir"), env.dataDir().toString());
        fact(facts, r, Messages.get("info.sandboxDir"), env.sandboxDir().toString());
        VBox box = new VBox(6, product, tagline, facts);
        VBox.setMargin(facts, new Insets(12, 0, 0, 0));
        FontIcon icon = new FontIcon(Feather.SHARE_2);
        icon.getStyleClass().add("about-icon");
        a.setGraphic(icon);
        a.setHeaderText(null);
        a.getDialogPane().setContent(box);
        a.getDialogPane().setId("about-dialog");
        a.getDialogPane().setPrefWidth(560);
        return a;
    }

    private static int fact(GridPane g, int r, String name, String value) {
        Label n = new Label(name);
        n.getStyleClass().add(Styles.TEXT_MUTED);
        Label v = new Label(value);
        v.setWrapText(true);
        g.addRow(r, n, v);
        return r + 1;
    }
}
