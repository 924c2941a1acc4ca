package io.hvx.ui.shell;

import java.util.List;
import javafx.scene.Scene;
import javafx.scene.SnapshotParameters;
import javafx.scene.image.Image;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;
import javafx.scene.shape.Rectangle;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/** The window and task bar icon, drawn from the same glyph as the sidebar brand. */
final class AppIcon {

    /** The brand glyph of the sidebar, the About dialog and the icon. */
    static final Feather GLYPH = Feather.SHARE_2;
    private static final Color TILE = Color.web("#0969da");

    private AppIcon() {
    }

    /** The icon in the sizes window managers pick from (FX thread). */
    static List<Image> images() {
        return List.of(draw(64), draw(32));
    }

    private static Image draw(int size) {
        FontIcon glyph = new FontIcon(GLYPH);
        glyph.setIconSize((int) (size * 0.62));
        glyph.setIconColor(Color.WHITE);
        Rectangle tile = new Rectangle(size, size, TILE);
        tile.setArcWidth(size * 0.4);
        tile.setArcHeight(size * 0.4);
        StackPane icon = new StackPane(tile, glyph);
        new Scene(icon, size, size, Color.TRANSPARENT);
        SnapshotParameters p = new SnapshotParameters();
        p.setFill(Color.TRANSPARENT);
        return icon.snapshot(p, null);
    }
}
