package io.hvx.ui.guid;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.App;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Mode;
import io.hvx.core.Settings;
import io.hvx.ui.Screenshots;
import io.hvx.ui.common.Theme;
import io.hvx.ui.shell.MainWindow;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Renders the README screenshot {@code guid-workbench.png}: the light theme at 1200×780 with
 * the workbench showing {@code vsock:5000}. Writes to {@code target/screenshots/} unless run
 * with {@code -Dhvx.screenshots=true} (then {@code docs/screenshots/}).
 */
@ExtendWith(ApplicationExtension.class)
class GuidWorkbenchScreenshotTest {

    @TempDir
    Path tmp;

    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        Settings settings = Settings.inMemory();
        settings.put("window.width", "1200");
        settings.put("window.height", "780");
        settings.put("theme", "light");
        window = App.createMainWindow(stage,
                new DefaultBackendFactory().create(Mode.SANDBOX, tmp.resolve("sandbox")), settings);
        window.show();
    }

    @Test
    void writesTheWorkbenchScreenshot(FxRobot robot) throws Exception {
        robot.interact(() -> robot.lookup("#guid-input").queryAs(TextField.class).setText("vsock:5000"));
        WaitForAsyncUtils.waitForFxEvents();

        Path png = Screenshots.write(stage.getScene(), "guid-workbench");

        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(img.getWidth()).isEqualTo((int) stage.getScene().getWidth());
        assertThat(img.getHeight()).isEqualTo((int) stage.getScene().getHeight());
        assertThat(img.getWidth()).isGreaterThanOrEqualTo(1100);
        assertThat(img.getRGB(240, img.getHeight() / 2) & 0xffffff).as("light background")
                .isGreaterThan(0xc0c0c0);
    }

    @Test
    void writesTheDarkThemeScreenshot(FxRobot robot) throws Exception {
        robot.interact(() -> {
            robot.lookup("#guid-input").queryAs(TextField.class).setText("parent");
            window.setTheme(Theme.DARK);
        });
        WaitForAsyncUtils.waitForFxEvents();

        BufferedImage img = ImageIO.read(Screenshots.write(stage.getScene(), "guid-workbench-dark").toFile());
        int rgb = img.getRGB(240, img.getHeight() / 2); // page margin right of the sidebar
        assertThat((rgb >> 16 & 0xff) + (rgb >> 8 & 0xff) + (rgb & 0xff)).as("dark background").isLessThan(200);
    }
}
