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

    /**
     * A dialog as the user sees it: the window behind it, dimmed a little, with the dialog in its
     * place on top (with a plain title bar, outlined, with a shadow), into {@code <directory>/<name>.png}.
     */
    public static Path writeDialog(Scene window, Scene dialog, String name) {
        WritableImage[] shots = new WritableImage[2];
        double[] at = new double[2];
        String[] title = new String[1];
        onFxThread(() -> {
            title[0] = dialog.getWindow() instanceof javafx.stage.Stage s ? s.getTitle() : null;
            shots[0] = window.snapshot(null);
            shots[1] = dialog.snapshot(null);
            // where the dialog sits over the window (centred when it has not been placed)
            double x = dialog.getWindow().getX() - window.getWindow().getX() - window.getX();
            double y = dialog.getWindow().getY() - window.getWindow().getY() - window.getY();
            boolean inside = x >= 0 && y >= 0 && x + shots[1].getWidth() <= shots[0].getWidth()
                    && y + shots[1].getHeight() <= shots[0].getHeight();
            at[0] = inside ? x : (shots[0].getWidth() - shots[1].getWidth()) / 2;
            at[1] = inside ? y : (shots[0].getHeight() - shots[1].getHeight()) / 2;
            return shots[0];
        });
        BufferedImage back = SwingFXUtils.fromFXImage(shots[0], null);
        BufferedImage front = SwingFXUtils.fromFXImage(shots[1], null);
        BufferedImage out = new BufferedImage(back.getWidth(), back.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = out.createGraphics();
        g.setRenderingHint(java.awt.RenderingHints.KEY_ANTIALIASING, java.awt.RenderingHints.VALUE_ANTIALIAS_ON);
        g.drawImage(back, 0, 0, java.awt.Color.WHITE, null);
        g.setColor(new java.awt.Color(0, 0, 0, 70));
        g.fillRect(0, 0, out.getWidth(), out.getHeight());
        int bar = 30;
        int x = (int) Math.round(at[0]);
        int y = Math.max(bar, (int) Math.round(at[1]));
        int top = y - bar;
        int w = front.getWidth();
        int h = front.getHeight() + bar;
        for (int i = 12; i > 0; i--) {
            g.setColor(new java.awt.Color(0, 0, 0, 6));
            g.fillRoundRect(x - i, top - i + 4, w + 2 * i, h + 2 * i, 2 * i, 2 * i);
        }
        // the title bar in the dialog's own colours: its background, a little darker or lighter
        java.awt.Color bg = new java.awt.Color(front.getRGB(4, 4));
        boolean dark = bg.getRed() + bg.getGreen() + bg.getBlue() < 3 * 128;
        g.setColor(dark ? bg.brighter() : new java.awt.Color(Math.max(0, bg.getRed() - 18),
                Math.max(0, bg.getGreen() - 18), Math.max(0, bg.getBlue() - 18)));
        g.fillRect(x, top, w, bar);
        if (title[0] != null) {
            g.setColor(dark ? new java.awt.Color(230, 237, 243) : new java.awt.Color(31, 35, 40));
            g.setRenderingHint(java.awt.RenderingHints.KEY_TEXT_ANTIALIASING, java.awt.RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
            java.awt.FontMetrics fm = g.getFontMetrics();
            g.drawString(title[0], x + (w - fm.stringWidth(title[0])) / 2, top + (bar + fm.getAscent() - fm.getDescent()) / 2);
        }
        g.drawImage(front, x, y, java.awt.Color.WHITE, null);
        g.setColor(new java.awt.Color(0, 0, 0, 90));
        g.drawRect(x - 1, top - 1, w + 1, h + 1);
        g.dispose();
        return saveOpaque(out, name);
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
        return saveOpaque(opaque, name);
    }

    private static Path saveOpaque(BufferedImage opaque, String name) {
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
