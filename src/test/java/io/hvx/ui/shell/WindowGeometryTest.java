package io.hvx.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Settings;
import java.util.List;
import javafx.geometry.Rectangle2D;
import org.junit.jupiter.api.Test;

class WindowGeometryTest {

    private static final List<Rectangle2D> ONE_SCREEN = List.of(new Rectangle2D(0, 0, 1920, 1040));

    @Test
    void savedGeometryRoundTripsThroughSettings() {
        Settings s = Settings.inMemory();
        new WindowGeometry(100, 80, 1300, 850, true).save(s);

        assertThat(WindowGeometry.load(s)).isEqualTo(new WindowGeometry(100, 80, 1300, 850, true));
    }

    @Test
    void nothingSavedGivesDefaultsWithoutPosition() {
        WindowGeometry g = WindowGeometry.load(Settings.inMemory());
        assertThat(g.hasPosition()).isFalse();
        assertThat(g.width()).isEqualTo(1200);
        assertThat(g.height()).isEqualTo(780);
    }

    @Test
    void garbageValuesFallBackToDefaultsAndMinimums() {
        Settings s = Settings.inMemory();
        s.put("window.x", "left");
        s.put("window.width", "12");
        s.put("window.height", "NaN");
        s.put("window.maximized", "perhaps");
        WindowGeometry g = WindowGeometry.load(s);
        assertThat(g.hasPosition()).isFalse();
        assertThat(g.width()).isEqualTo(WindowGeometry.MIN_WIDTH);
        assertThat(g.height()).isEqualTo(780);
        assertThat(g.maximized()).isFalse();
    }

    @Test
    void positionOnAScreenIsKept() {
        WindowGeometry g = new WindowGeometry(300, 200, 1200, 780, false).fitTo(ONE_SCREEN);
        assertThat(g.x()).isEqualTo(300);
        assertThat(g.y()).isEqualTo(200);
    }

    @Test
    void positionOffEveryScreenIsDropped() {
        WindowGeometry unplugged = new WindowGeometry(2500, 100, 1200, 780, false).fitTo(ONE_SCREEN);
        assertThat(unplugged.hasPosition()).isFalse();
        assertThat(unplugged.width()).isEqualTo(1200);

        WindowGeometry titleBarAbove = new WindowGeometry(100, -500, 1200, 780, false).fitTo(ONE_SCREEN);
        assertThat(titleBarAbove.hasPosition()).isFalse();

        WindowGeometry onlyASliver = new WindowGeometry(1900, 100, 1200, 780, false).fitTo(ONE_SCREEN);
        assertThat(onlyASliver.hasPosition()).as("20 px visible is not enough to grab").isFalse();
    }

    @Test
    void positionOnASecondScreenIsKept() {
        List<Rectangle2D> two = List.of(new Rectangle2D(0, 0, 1920, 1040), new Rectangle2D(1920, 0, 2560, 1400));
        WindowGeometry g = new WindowGeometry(2500, 100, 1200, 780, false).fitTo(two);
        assertThat(g.x()).isEqualTo(2500);
    }

    @Test
    void sizeIsLimitedToTheLargestScreen() {
        WindowGeometry g = new WindowGeometry(0, 0, 4000, 3000, false).fitTo(ONE_SCREEN);
        assertThat(g.width()).isEqualTo(1920);
        assertThat(g.height()).isEqualTo(1040);
    }
}
