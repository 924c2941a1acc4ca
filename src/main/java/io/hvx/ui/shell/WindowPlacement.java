package io.hvx.ui.shell;

import io.hvx.core.Settings;
import java.util.List;
import javafx.geometry.Rectangle2D;
import javafx.stage.Screen;
import javafx.stage.Stage;

/**
 * Puts the main window where it was ({@link WindowGeometry}) and remembers where it is: the
 * bounds of the last normal (not maximized, not minimized) state, saved when the window closes.
 */
final class WindowPlacement {

    private final Stage stage;
    private final Settings settings;
    private double normalX = Double.NaN;
    private double normalY = Double.NaN;
    private double normalW;
    private double normalH;

    WindowPlacement(Stage stage, Settings settings) {
        this.stage = stage;
        this.settings = settings;
        stage.setMinWidth(WindowGeometry.MIN_WIDTH);
        stage.setMinHeight(WindowGeometry.MIN_HEIGHT);
    }

    /** Places the window as remembered (or centred) and shows it. */
    void show() {
        List<Rectangle2D> screens = Screen.getScreens().stream().map(Screen::getVisualBounds).toList();
        WindowGeometry g = WindowGeometry.load(settings).fitTo(screens);
        stage.setWidth(g.width());
        stage.setHeight(g.height());
        if (g.hasPosition()) {
            stage.setX(g.x());
            stage.setY(g.y());
        } else {
            stage.centerOnScreen();
        }
        stage.setMaximized(g.maximized());
        stage.show();
        rememberNormalBounds();
        stage.xProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.yProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.widthProperty().addListener((o, a, b) -> rememberNormalBounds());
        stage.heightProperty().addListener((o, a, b) -> rememberNormalBounds());
    }

    private void rememberNormalBounds() {
        if (!stage.isMaximized() && !stage.isIconified()) {
            normalX = stage.getX();
            normalY = stage.getY();
            normalW = stage.getWidth();
            normalH = stage.getHeight();
        }
    }

    /** Saves where the window is (nothing when it was never shown). */
    void save() {
        if (!Double.isNaN(normalX)) {
            new WindowGeometry(normalX, normalY, normalW, normalH, stage.isMaximized()).save(settings);
        }
    }
}
