import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/**
 * The baseline of bench/run's GUI start-up figure: a minimal JavaFX window, packaged the same way
 * as the app (same runtime, JVM options and AOT-cache training). Like the app's --smoke-test it
 * prints "smoke-test first-frame …" once its first frame is drawn (the second pulse after the
 * window is shown starts only when the first frame is done), then exits.
 */
public class Hello extends Application {
    private static final long MAIN = System.nanoTime();

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new Label("Hello"), 400, 300);
        int[] pulses = {0};
        scene.addPostLayoutPulseListener(() -> {
            if (stage.isShowing() && ++pulses[0] >= 2) {
                System.out.println("smoke-test first-frame after-main-ms=" + (System.nanoTime() - MAIN) / 1_000_000);
                Platform.exit();
            } else {
                Platform.requestNextPulse();
            }
        });
        stage.setScene(scene);
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
