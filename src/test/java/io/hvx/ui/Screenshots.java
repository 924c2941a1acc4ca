package io.hvx.ui;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.image.WritableImage;
import javax.imageio.ImageIO;

/**
 * Writes PNG screenshots of scenes and nodes from headless GUI tests (Monocle renders them in
 * software, no display needed).
 *
 * <p>By default images go to {@code target/screenshots/} so ordinary test runs leave the tree
 * clean; with {@code -Dhvx.screenshots=true} they go to {@code docs/screenshots/}, the
 * images the README shows:
 *
 * <pre>{@code
 * ./mvnw -q -B -o test -Dtest=GuidWorkbenchScreenshotTest -Dhvx.screenshots=true
 * }</pre>
 *
 * In a test: {@code Path png = Screenshots.write(stage.getScene(), "services");}
 */
public final class Screenshots {

    /** System property that sends screenshots to {@code docs/screenshots/}. */
    public static final String PROPERTY = "hvx.screenshots";

    private Screenshots() {
    }

    /** Where {@link #write} puts images in this run. */
    public static Path directory() {
        return Boolean.getBoolean(PROPERTY) ? Path.of("docs", "screenshots") : Path.of("target", "screenshots");
    }

    /** Snapshots the whole scene into {@code <directory>/<name>.png}; callable from any thread. */
    public static Path write(Scene scene, String name) {
        return save(onFxThread(() -> scene.snapshot(null)), name);
    }

    /** Snapshots one node (with its current styles) into {@code <directory>/<name>.png}. */
    public static Path write(Node node, String name) {
        return save(onFxThread(() -> node.snapshot(null, null)), name);
    }

    private static WritableImage onFxThread(java.util.function.Supplier<WritableImage> shot) {
        if (Platform.isFxApplicationThread()) {
            return shot.get();
        }
        CompletableFuture<WritableImage> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(shot.get());
            } catch (RuntimeException e) {
                f.completeExceptionally(e);
            }
        });
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("snapshot failed", e);
        }
    }

    private static Path save(WritableImage image, String name) {
        BufferedImage rgb = SwingFXUtils.fromFXImage(image, null);
        // PNG without alpha: a snapshot's transparent corners would show as black in viewers
        BufferedImage opaque = new BufferedImage(rgb.getWidth(), rgb.getHeight(), BufferedImage.TYPE_INT_RGB);
        opaque.getGraphics().drawImage(rgb, 0, 0, java.awt.Color.WHITE, null);
        Path file = directory().resolve(name + ".png");
        try {
            Files.createDirectories(file.getParent());
            if (!ImageIO.write(opaque, "png", file.toFile())) {
                throw new IOException("no PNG writer");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
        return file;
    }
}
