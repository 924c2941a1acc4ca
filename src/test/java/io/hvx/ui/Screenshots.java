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
 * Writes PNG screenshots of scenes and nodes (Monocle renders them in software, no display
 * needed). {@link MakeScreenshots} uses it to regenerate {@code docs/screenshots/}; in a test it
 * helps to look at a view while working on it.
 *
 * <p>Images go to {@code target/screenshots/}, or to the directory named by the system property
 * {@value #DIRECTORY_PROPERTY} ({@code docs/screenshots/make} sets it).
 */
public final class Screenshots {

    /** System property naming the directory screenshots are written to. */
    public static final String DIRECTORY_PROPERTY = "hvx.screenshots.dir";

    private Screenshots() {
    }

    /** Where {@link #write} puts images in this run. */
    public static Path directory() {
        String dir = System.getProperty(DIRECTORY_PROPERTY, "");
        return dir.isBlank() ? Path.of("target", "screenshots") : Path.of(dir);
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
