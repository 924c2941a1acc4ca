package io.hvx.ui.shell;

import io.hvx.core.Settings;
import io.hvx.core.Settings.Key;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.geometry.Rectangle2D;

/**
 * The main window's remembered place and size.
 *
 * @param x         left edge, or NaN when the window should be centred
 * @param y         top edge, or NaN when the window should be centred
 * @param width     width (not maximized)
 * @param height    height (not maximized)
 * @param maximized whether the window was maximized
 */
public record WindowGeometry(double x, double y, double width, double height, boolean maximized) {

    static final double MIN_WIDTH = 760;
    static final double MIN_HEIGHT = 520;
    /** How much of the title bar must be on a screen for a saved position to be used. */
    private static final double GRAB = 48;

    /** The size of a first start. */
    public static WindowGeometry defaults() {
        return new WindowGeometry(Double.NaN, Double.NaN, 1200, 780, false);
    }

    /** The saved geometry, or the defaults when nothing (or nothing usable) is saved. */
    public static WindowGeometry load(Settings s) {
        Optional<Double> w = s.getDouble(Key.WINDOW_WIDTH);
        Optional<Double> h = s.getDouble(Key.WINDOW_HEIGHT);
        WindowGeometry d = defaults();
        return new WindowGeometry(
                s.getDouble(Key.WINDOW_X).orElse(Double.NaN),
                s.getDouble(Key.WINDOW_Y).orElse(Double.NaN),
                Math.max(MIN_WIDTH, w.orElse(d.width)),
                Math.max(MIN_HEIGHT, h.orElse(d.height)),
                s.getBoolean(Key.WINDOW_MAXIMIZED, false));
    }

    public void save(Settings s) {
        s.put(Key.WINDOW_X, Double.isNaN(x) ? null : num(x));
        s.put(Key.WINDOW_Y, Double.isNaN(y) ? null : num(y));
        s.put(Key.WINDOW_WIDTH, num(width));
        s.put(Key.WINDOW_HEIGHT, num(height));
        s.put(Key.WINDOW_MAXIMIZED, Boolean.toString(maximized));
    }

    private static String num(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    public boolean hasPosition() {
        return !Double.isNaN(x) && !Double.isNaN(y);
    }

    /**
     * This geometry made to fit the screens: a position whose title bar is not on any screen
     * (a monitor was unplugged, resolution changed) is dropped so the window is centred, and the
     * size is limited to the largest screen.
     */
    public WindowGeometry fitTo(List<Rectangle2D> screens) {
        double maxW = screens.stream().mapToDouble(Rectangle2D::getWidth).max().orElse(width);
        double maxH = screens.stream().mapToDouble(Rectangle2D::getHeight).max().orElse(height);
        double w = Math.min(width, maxW);
        double h = Math.min(height, maxH);
        boolean reachable = hasPosition() && screens.stream().anyMatch(sc -> {
            Rectangle2D titleBar = new Rectangle2D(x, y, w, GRAB);
            if (!sc.intersects(titleBar)) {
                return false;
            }
            double visibleW = Math.min(x + w, sc.getMaxX()) - Math.max(x, sc.getMinX());
            return visibleW >= GRAB && y >= sc.getMinY() - GRAB / 2 && y <= sc.getMaxY() - GRAB;
        });
        return new WindowGeometry(reachable ? x : Double.NaN, reachable ? y : Double.NaN, w, h, maximized);
    }
}
