package io.hvx.ui.shell;

import java.util.List;
import java.util.Objects;
import javafx.scene.image.Image;
import org.kordamp.ikonli.feather.Feather;

/** The window and task bar icon (resources/icons, drawn from installer/icons/hvsocket-explorer.svg) and the brand glyph. */
final class AppIcon {

    /** The brand glyph of the sidebar, the About dialog and the icon. */
    static final Feather GLYPH = Feather.SHARE_2;

    private AppIcon() {
    }

    /** The icon in the sizes window managers pick from: the same PNGs the packages use. */
    static List<Image> images() {
        return List.of(16, 32, 64, 128).stream().map(AppIcon::load).toList();
    }

    private static Image load(int size) {
        return new Image(Objects.requireNonNull(AppIcon.class.getResource("/icons/hvsocket-explorer-" + size + ".png"),
                "icon resource").toExternalForm());
    }
}
