package io.hvx.ui;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Control;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TextInputControl;
import javafx.scene.text.Text;

/**
 * Finds text that the user cannot read in full: a {@link Labeled} whose skin shows less than its
 * text (cut to "…", or clipped), or a field's placeholder (prompt text) wider than the room the
 * field gives it, or a horizontal scroll bar (content wider than its room). Call it on the FX
 * thread after layout.
 *
 * <p>A labeled's skin draws its text in a {@link Text} child: when the text does not fit, the
 * skin puts a shortened string with an ellipsis there, so comparing the two finds every cut
 * label, table cell, column header, button and link. A mnemonic's underscore also makes them
 * differ, so a label whose {@code _} was taken as a mnemonic counts as cut too.
 */
public final class Truncation {

    private Truncation() {
    }

    /** What is cut under {@code root}, one line per node (empty when everything shows in full). */
    public static List<String> under(Parent root) {
        List<String> found = new ArrayList<>();
        visit(root, found);
        return found;
    }

    private static void visit(Node node, List<String> found) {
        if (!node.isVisible()) {
            return;
        }
        if (node instanceof Labeled l) {
            check(l, found);
        }
        if (node instanceof TextInputControl field) {
            checkPrompt(field, found);
        }
        if (node instanceof Control c && !(node instanceof ScrollBar)) {
            checkRightEdge(c, found);
        }
        if (node instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL) {
            // a table or pane wider than its room: its right part is cut off
            found.add(describe(bar) + " scrolls sideways: its content is wider than its room");
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                visit(child, found);
            }
        }
    }

    private static void check(Labeled l, List<String> found) {
        String text = l.getText();
        if (text == null || text.isEmpty() || l.getWidth() <= 0 || l.getContentDisplay() == ContentDisplay.GRAPHIC_ONLY) {
            return;
        }
        Text shown = shownText(l);
        if (shown == null) {
            return;
        }
        if (!text.equals(shown.getText())) {
            found.add(describe(l) + " shows \"" + shown.getText() + "\" of \"" + text + "\"");
        } else if (!l.isWrapText() && shown.getLayoutBounds().getWidth() > l.getWidth() + 1) {
            found.add(describe(l) + " is clipped: \"" + text + "\" needs " + Math.ceil(shown.getLayoutBounds().getWidth())
                    + " px, has " + l.getWidth());
        }
    }

    /** The text node a labeled's skin draws its text with (a direct child of the labeled). */
    private static Text shownText(Labeled l) {
        for (Node child : l.getChildrenUnmodifiable()) {
            // the skin's LabeledText has the style class "text"; an icon font graphic is a Text too
            if (child instanceof Text t && child != l.getGraphic() && child.getStyleClass().contains("text")) {
                return t;
            }
        }
        return null;
    }

    /** A control reaching past the right edge of the clip that contains it (a split pane's side, a viewport). */
    private static void checkRightEdge(Control c, List<String> found) {
        if (c.getWidth() <= 0) {
            return;
        }
        for (Node a = c.getParent(); a != null; a = a.getParent()) {
            if (a.getClip() != null) {
                double right = a.localToScene(a.getClip().getBoundsInLocal()).getMaxX();
                double mine = c.localToScene(c.getLayoutBounds()).getMaxX();
                if (mine > right + 1) {
                    found.add(describe(c) + " is cut off on the right by " + Math.ceil(mine - right) + " px");
                }
                return;
            }
        }
    }

    private static void checkPrompt(TextInputControl field, List<String> found) {
        String prompt = field.getPromptText();
        if (prompt == null || prompt.isEmpty() || (field.getText() != null && !field.getText().isEmpty())
                || field.getWidth() <= 0) {
            return;
        }
        Text promptNode = findText(field, prompt);
        if (promptNode == null || !promptNode.isVisible()) {
            return;
        }
        // the skin clips its text group to the room inside the field's padding
        Node clipped = promptNode;
        while (clipped != null && clipped != field && clipped.getClip() == null) {
            clipped = clipped.getParent();
        }
        if (clipped == null || clipped == field) {
            return;
        }
        Bounds room = clipped.getClip().getBoundsInLocal();
        double need = promptNode.getLayoutBounds().getWidth();
        if (need > room.getWidth() + 1) {
            found.add(describe(field) + " placeholder \"" + prompt + "\" needs " + Math.ceil(need) + " px, has "
                    + Math.floor(room.getWidth()));
        }
    }

    /** The first {@link Text} under {@code node} that shows {@code text}, or null. */
    static Text findText(Node node, String text) {
        if (node instanceof Text t && text.equals(t.getText())) {
            return t;
        }
        if (node instanceof Parent p) {
            for (Node child : p.getChildrenUnmodifiable()) {
                Text t = findText(child, text);
                if (t != null) {
                    return t;
                }
            }
        }
        return null;
    }

    private static String describe(Node n) {
        StringBuilder path = new StringBuilder(n.getClass().getSimpleName());
        if (n.getId() != null) {
            path.append('#').append(n.getId());
        }
        for (Node p = n.getParent(); p != null; p = p.getParent()) {
            if (p.getId() != null) {
                path.append(" in #").append(p.getId());
                break;
            }
        }
        return path.toString();
    }
}
