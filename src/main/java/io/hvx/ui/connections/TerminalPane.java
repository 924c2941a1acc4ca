package io.hvx.ui.connections;

import io.hvx.core.terminal.Direction;
import io.hvx.core.terminal.TerminalBuffer;
import io.hvx.core.terminal.TextStyle;
import io.hvx.core.terminal.TimestampFormat;
import io.hvx.ui.common.Clipboards;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.AnimationTimer;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.Orientation;
import javafx.geometry.VPos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.AccessibleRole;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.FontPosture;
import javafx.scene.text.FontWeight;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * The terminal's output: a canvas that draws only the rows in view, once per frame at most, from
 * the {@link TerminalViewModel}'s scrollback. Its cost per frame depends on the window's size, not
 * on how much arrived, so a flood never freezes the window.
 *
 * <p>It follows the end while the view is at the bottom; scrolling up (wheel, scroll bar, keys)
 * stops following and keeps the same lines in view while more arrive, until the user scrolls back
 * down. Text is selected with the mouse (double click: a word, triple click: a row) and copied
 * with Ctrl+C; a find match is brought into view and highlighted. Colours and the font come from
 * CSS ({@code connections.css}), so both themes work.
 *
 * <p>Every character takes one cell, or two for East Asian wide characters (as in terminals), so
 * positions are computed without measuring text.
 */
public final class TerminalPane extends Region {

    private static final StyleablePropertyFactory<TerminalPane> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    private static final KeyCombination COPY = new KeyCodeCombination(KeyCode.C, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination COPY_INSERT = new KeyCodeCombination(KeyCode.INSERT, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination SELECT_ALL = new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination TOP = new KeyCodeCombination(KeyCode.HOME, KeyCombination.SHORTCUT_DOWN);
    private static final KeyCombination BOTTOM = new KeyCodeCombination(KeyCode.END, KeyCombination.SHORTCUT_DOWN);
    private static final double PAD = 6;

    private final StyleableObjectProperty<Paint> background = paint("background", "-hvx-background", Color.WHITE);
    private final StyleableObjectProperty<Paint> textFill = paint("textFill", "-hvx-text-fill", Color.BLACK);
    private final StyleableObjectProperty<Paint> mutedFill = paint("mutedFill", "-hvx-muted-fill", Color.GRAY);
    private final StyleableObjectProperty<Paint> sentFill = paint("sentFill", "-hvx-sent-fill", Color.BLUE);
    private final StyleableObjectProperty<Paint> sentBackground = paint("sentBackground", "-hvx-sent-background",
            Color.TRANSPARENT);
    private final StyleableObjectProperty<Paint> controlFill = paint("controlFill", "-hvx-control-fill", Color.PURPLE);
    private final StyleableObjectProperty<Paint> invalidFill = paint("invalidFill", "-hvx-invalid-fill", Color.RED);
    private final StyleableObjectProperty<Paint> invalidBackground = paint("invalidBackground", "-hvx-invalid-background",
            Color.MISTYROSE);
    private final StyleableObjectProperty<Paint> gutterBackground = paint("gutterBackground", "-hvx-gutter-background",
            Color.WHITESMOKE);
    private final StyleableObjectProperty<Paint> selectionBackground = paint("selectionBackground",
            "-hvx-selection-background", Color.LIGHTBLUE);
    private final StyleableObjectProperty<Paint> matchBackground = paint("matchBackground", "-hvx-match-background",
            Color.GOLD);
    private final List<StyleableObjectProperty<Paint>> ansi = new ArrayList<>();

    private final Canvas canvas = new Canvas();
    private final ScrollBar vbar = new ScrollBar();
    private final ScrollBar hbar = new ScrollBar();
    private final Text probe = new Text("M");
    private final TerminalViewModel model;
    private final BooleanSupplier pulse;
    private final AnimationTimer timer;
    private final ReadOnlyLongWrapper frames = new ReadOnlyLongWrapper();
    private ContextMenu menu;

    private Font font = Font.font("Monospaced", 13);
    private Font bold = font;
    private Font italic = font;
    private double cellW = 8;
    private double rowH = 16;
    private double baseline = 12;

    private long top;
    private int hCol;
    private boolean dirty = true;
    private long drawnVersion = -1;
    private boolean adjustingBars;
    private double wheelRemainder;
    private List<TerminalBuffer.Row> shownRows = List.of();
    private final List<String> shownText = new ArrayList<>();
    private int gutterCells;

    // selection: anchor and caret as (row, character index); none while anchorRow < 0
    private long anchorRow = -1;
    private int anchorCol;
    private long caretRow;
    private int caretCol;

    /**
     * @param model the terminal shown
     * @param pulse called once per frame while the pane is showing (the owner's counters and the
     *              terminal's {@link TerminalViewModel#pulse()}); true when something changed
     */
    public TerminalPane(TerminalViewModel model, BooleanSupplier pulse) {
        this.model = model;
        this.pulse = pulse;
        for (int i = 0; i < 16; i++) {
            ansi.add(paint("ansi" + i, "-hvx-ansi-" + i, Color.BLACK));
        }
        getStyleClass().add("terminal-pane");
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TEXT_AREA);
        probe.getStyleClass().add("terminal-font");
        probe.setManaged(false);
        probe.setVisible(false);
        vbar.setOrientation(Orientation.VERTICAL);
        hbar.setOrientation(Orientation.HORIZONTAL);
        hbar.setVisible(false);
        getChildren().addAll(canvas, vbar, hbar, probe);
        probe.fontProperty().addListener(o -> measure());
        measure();
        vbar.valueProperty().addListener((o, a, v) -> {
            if (!adjustingBars) {
                scrollTo(model.firstRow() + Math.round(v.doubleValue()));
            }
        });
        hbar.valueProperty().addListener((o, a, v) -> {
            if (!adjustingBars) {
                hCol = (int) Math.round(v.doubleValue());
                dirty = true;
            }
        });
        for (var p : List.of(background, textFill, mutedFill, sentFill, sentBackground, controlFill, invalidFill,
                invalidBackground, gutterBackground, selectionBackground, matchBackground)) {
            p.addListener(o -> dirty = true);
        }
        ansi.forEach(p -> p.addListener(o -> dirty = true));
        model.timestampsProperty().addListener(o -> dirty = true);
        model.hexProperty().addListener(o -> keepTopLine());
        model.followingProperty().addListener((o, a, following) -> dirty = true);
        model.matchProperty().addListener((o, a, m) -> {
            if (m != null) {
                reveal(m);
            }
            dirty = true;
        });
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        setOnContextMenuRequested(e -> {
            if (menu != null) {
                menu.show(this, e.getScreenX(), e.getScreenY());
                e.consume();
            }
        });
        timer = new AnimationTimer() {
            @Override
            public void handle(long now) {
                frame();
            }
        };
        timer.start();
    }

    private StyleableObjectProperty<Paint> paint(String name, String css, Paint initial) {
        return (StyleableObjectProperty<Paint>) CSS.createStyleablePaintProperty(this, name, css,
                p -> name.startsWith("ansi") ? p.ansi.get(Integer.parseInt(name.substring(4)))
                        : switch (name) {
                            case "background" -> p.background;
                            case "textFill" -> p.textFill;
                            case "mutedFill" -> p.mutedFill;
                            case "sentFill" -> p.sentFill;
                            case "sentBackground" -> p.sentBackground;
                            case "controlFill" -> p.controlFill;
                            case "invalidFill" -> p.invalidFill;
                            case "invalidBackground" -> p.invalidBackground;
                            case "gutterBackground" -> p.gutterBackground;
                            case "selectionBackground" -> p.selectionBackground;
                            default -> p.matchBackground;
                        }, initial);
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        // the factory made the metadata with the first pane's properties
        return CSS.getCssMetaData();
    }

    /** The context menu shown on a right click. */
    public void setMenu(ContextMenu menu) {
        this.menu = menu;
    }

    /** Stops drawing (the tab closed). */
    public void dispose() {
        timer.stop();
    }

    // ------------------------------------------------------------ metrics and layout

    private void measure() {
        Font f = probe.getFont();
        String family = monospacedFamily(f);
        font = Font.font(family, FontWeight.NORMAL, FontPosture.REGULAR, f.getSize());
        bold = Font.font(family, FontWeight.BOLD, FontPosture.REGULAR, f.getSize());
        italic = Font.font(family, FontWeight.NORMAL, FontPosture.ITALIC, f.getSize());
        Text t = new Text("MMMMMMMMMM");
        t.setFont(font);
        cellW = t.getLayoutBounds().getWidth() / 10;
        rowH = Math.ceil(t.getLayoutBounds().getHeight() + 2);
        baseline = 1 + t.getBaselineOffset();
        dirty = true;
    }

    /** Fonts known to be monospaced, best first; the first installed one is used when the CSS font is not. */
    private static final List<String> MONOSPACED = List.of("JetBrains Mono", "Cascadia Mono", "Consolas",
            "DejaVu Sans Mono", "Liberation Mono", "Noto Sans Mono", "Ubuntu Mono", "Menlo", "SF Mono", "Monaco",
            "Courier New");

    /**
     * The family to draw with: the stylesheet's when it is really monospaced, else the first
     * monospaced family installed. JavaFX's logical "Monospaced" is a composite whose Latin
     * glyphs come from a proportional font in some locales (seen with zh-CN on Linux), which would
     * put the text off its cells.
     */
    static String monospacedFamily(Font css) {
        if (isMonospaced(css)) {
            return css.getFamily();
        }
        List<String> installed = Font.getFamilies();
        for (String f : MONOSPACED) {
            if (installed.contains(f) && isMonospaced(Font.font(f, css.getSize()))) {
                return f;
            }
        }
        return css.getFamily();
    }

    private static boolean isMonospaced(Font f) {
        Text narrow = new Text("iiiiiiiiii.:");
        narrow.setFont(f);
        Text wide = new Text("WWWWWWWWWWMM");
        wide.setFont(f);
        return Math.abs(narrow.getLayoutBounds().getWidth() - wide.getLayoutBounds().getWidth()) < 0.5;
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth();
        double h = getHeight();
        double vw = vbar.prefWidth(-1);
        double hh = hbar.isVisible() ? hbar.prefHeight(-1) : 0;
        vbar.resizeRelocate(w - vw, 0, vw, h - hh);
        hbar.resizeRelocate(0, h - hh, w - vw, hh);
        canvas.setWidth(Math.max(0, w - vw));
        canvas.setHeight(Math.max(0, h - hh));
        dirty = true;
    }

    @Override
    protected double computePrefWidth(double height) {
        return 600;
    }

    @Override
    protected double computePrefHeight(double width) {
        return 300;
    }

    private int visibleRows() {
        return Math.max(1, (int) Math.floor(canvas.getHeight() / rowH));
    }

    private int visibleCols() {
        return Math.max(1, (int) Math.floor((canvas.getWidth() - PAD * 2) / cellW) - gutterCells);
    }

    // ------------------------------------------------------------ per frame

    /** One frame: the owner's pulse, then a redraw when anything changed. */
    private void frame() {
        if (!isTreeVisible()) {
            return;
        }
        // the owner's pulse updates counters; whether to draw is this pane's own question, since
        // others (the status clock) may pulse the same terminal
        pulse.getAsBoolean();
        long version = model.buffer().version();
        if (version != drawnVersion || dirty) {
            drawnVersion = version;
            draw();
        }
    }

    private boolean isTreeVisible() {
        if (getScene() == null || getScene().getWindow() == null || !getScene().getWindow().isShowing()) {
            return false;
        }
        for (Node n = this; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private void draw() {
        dirty = false;
        frames.set(frames.get() + 1);
        long first = model.firstRow();
        long end = model.endRow();
        int visible = visibleRows();
        long lastTop = Math.max(first, end - visible);
        top = model.followingProperty().get() ? lastTop : Math.clamp(top, first, lastTop);
        model.setViewTop(top);
        shownRows = model.rows(top, visible);
        TimestampFormat ts = model.timestampsProperty().get();
        int stamp = 0;
        List<String> stamps = new ArrayList<>(shownRows.size());
        for (TerminalBuffer.Row r : shownRows) {
            String s = model.gutter(r);
            stamps.add(s);
            stamp = Math.max(stamp, s.length());
        }
        if (ts == TimestampFormat.TIME) {
            stamp = Math.max(stamp, 12);
        } else if (ts == TimestampFormat.DATE_TIME) {
            stamp = Math.max(stamp, 23);
        }
        gutterCells = (stamp > 0 ? stamp + 1 : 0) + 2;

        GraphicsContext g = canvas.getGraphicsContext2D();
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        g.setFill(background.get());
        g.fillRect(0, 0, w, h);
        g.setTextBaseline(VPos.BASELINE);
        g.setTextAlign(TextAlignment.LEFT);
        double contentX = PAD + gutterCells * cellW;
        int maxCells = 0;
        shownText.clear();
        TerminalViewModel.Match match = model.matchProperty().get();
        for (int i = 0; i < shownRows.size(); i++) {
            TerminalBuffer.Row row = shownRows.get(i);
            double y = i * rowH;
            Direction dir = row.line().direction();
            String text = model.text(row);
            if (dir == Direction.SENT) {
                g.setFill(sentBackground.get());
                g.fillRect(0, y, w, rowH);
            }
            drawSelection(g, row.row(), text, contentX, y);
            if (match != null && match.row() == row.row()) {
                g.setFill(matchBackground.get());
                g.fillRect(contentX + (cells(text, match.start()) - hCol) * cellW, y,
                        (cells(text, match.end()) - cells(text, match.start())) * cellW, rowH);
            }
            int width = drawContent(g, row, text, contentX - hCol * cellW, y);
            maxCells = Math.max(maxCells, width);
            shownText.add(stamps.get(i) + (stamps.get(i).isEmpty() ? "" : " ") + marker(dir, row.sub()) + " " + text);
        }
        // the gutter is drawn last, over content scrolled to the left
        g.setFill(gutterBackground.get());
        g.fillRect(0, 0, contentX - cellW * 0.5, h);
        for (int i = 0; i < shownRows.size(); i++) {
            TerminalBuffer.Row row = shownRows.get(i);
            double y = i * rowH + baseline;
            g.setFont(font);
            g.setFill(mutedFill.get());
            if (!stamps.get(i).isEmpty()) {
                g.fillText(stamps.get(i), PAD, y);
            }
            Direction dir = row.line().direction();
            g.setFill(dir == Direction.SENT ? sentFill.get() : mutedFill.get());
            g.fillText(marker(dir, row.sub()), PAD + (gutterCells - 2) * cellW, y);
        }
        updateBars(first, end, visible, maxCells);
    }

    private static String marker(Direction dir, int sub) {
        if (sub > 0) {
            return " ";
        }
        return switch (dir) {
            case SENT -> "→";
            case RECEIVED -> "←";
            case NOTE -> "•";
        };
    }

    /** Draws a row's text in its styles; returns its width in cells. */
    private int drawContent(GraphicsContext g, TerminalBuffer.Row row, String text, double x0, double y) {
        Direction dir = row.line().direction();
        boolean hex = model.hexProperty().get();
        int[] runs = hex || dir == Direction.NOTE ? null : row.line().styles();
        Paint base = dir == Direction.SENT ? sentFill.get() : dir == Direction.NOTE ? mutedFill.get() : textFill.get();
        int col = 0;
        int pos = 0;
        int runIndex = 0;
        while (pos < text.length()) {
            int end = runs == null ? text.length() : Math.min(runs[runIndex], text.length());
            int style = runs == null ? TextStyle.PLAIN : runs[runIndex + 1];
            if (end > pos) {
                col = drawRun(g, text, pos, end, style, base, dir == Direction.NOTE, x0, y, col);
            }
            pos = Math.max(pos, end);
            runIndex += 2;
            if (runs != null && runIndex >= runs.length) {
                if (pos < text.length()) {
                    col = drawRun(g, text, pos, text.length(), TextStyle.PLAIN, base, false, x0, y, col);
                }
                break;
            }
        }
        return col;
    }

    private int drawRun(GraphicsContext g, String text, int from, int to, int style, Paint base, boolean note,
                        double x0, double y, int col) {
        int kind = TextStyle.kind(style);
        Paint fill = kind == TextStyle.CONTROL ? controlFill.get() : kind == TextStyle.INVALID ? invalidFill.get()
                : TextStyle.foreground(style) >= 0 ? ansi.get(TextStyle.foreground(style)).get() : base;
        int startCol = col;
        int cellsInRun = 0;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            cellsInRun += cellWidth(cp);
            i += Character.charCount(cp);
        }
        double left = x0 + startCol * cellW;
        double right = left + cellsInRun * cellW;
        if (right < 0 || left > canvas.getWidth()) {
            return startCol + cellsInRun;
        }
        Paint bg = kind == TextStyle.INVALID ? invalidBackground.get()
                : TextStyle.background(style) >= 0 ? ansi.get(TextStyle.background(style)).get() : null;
        if (bg != null) {
            g.setFill(bg);
            g.fillRect(left, y + 1, right - left, rowH - 2);
        }
        g.setFont(note ? italic : TextStyle.bold(style) ? bold : font);
        g.setFill(fill);
        double baseY = y + baseline;
        // runs of one-cell characters are drawn at once; a wide character is fitted into two cells
        int runStart = from;
        int c = startCol;
        int runCol = startCol;
        for (int i = from; i < to; ) {
            int cp = text.codePointAt(i);
            int n = Character.charCount(cp);
            if (cellWidth(cp) == 2) {
                if (i > runStart) {
                    g.fillText(text.substring(runStart, i), x0 + runCol * cellW, baseY);
                }
                g.fillText(text.substring(i, i + n), x0 + c * cellW, baseY, 2 * cellW);
                c += 2;
                runStart = i + n;
                runCol = c;
            } else {
                c++;
            }
            i += n;
        }
        if (to > runStart) {
            g.fillText(text.substring(runStart, to), x0 + runCol * cellW, baseY);
        }
        return c;
    }

    /** Cells a character takes: two for East Asian wide and fullwidth characters and emoji, else one. */
    static int cellWidth(int cp) {
        if (cp < 0x1100) {
            return 1;
        }
        boolean wide = cp <= 0x115F
                || cp >= 0x2E80 && cp <= 0x303E || cp >= 0x3041 && cp <= 0x33FF
                || cp >= 0x3400 && cp <= 0x4DBF || cp >= 0x4E00 && cp <= 0x9FFF
                || cp >= 0xA000 && cp <= 0xA4CF || cp >= 0xAC00 && cp <= 0xD7A3
                || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F
                || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6
                || cp >= 0x1F300 && cp <= 0x1F64F || cp >= 0x1F900 && cp <= 0x1F9FF
                || cp >= 0x20000 && cp <= 0x3FFFD;
        return wide ? 2 : 1;
    }

    /** Cells taken by the first {@code index} characters of {@code text}. */
    static int cells(String text, int index) {
        int c = 0;
        int end = Math.min(index, text.length());
        for (int i = 0; i < end; ) {
            int cp = text.codePointAt(i);
            c += cellWidth(cp);
            i += Character.charCount(cp);
        }
        return c;
    }

    /** The character index at cell {@code cell} of {@code text} (the length past its end). */
    static int indexAt(String text, int cell) {
        int c = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int w = cellWidth(cp);
            if (cell < c + w) {
                return cell - c >= (w + 1) / 2 && w > 1 ? i + Character.charCount(cp) : i;
            }
            c += w;
            i += Character.charCount(cp);
        }
        return text.length();
    }

    private void updateBars(long first, long end, int visible, int maxCells) {
        adjustingBars = true;
        try {
            long total = end - first;
            vbar.setMin(0);
            vbar.setMax(Math.max(0, total - visible));
            vbar.setVisibleAmount(Math.min(visible, Math.max(1, total)));
            vbar.setBlockIncrement(Math.max(1, visible - 1));
            vbar.setUnitIncrement(1);
            vbar.setValue(top - first);
            int cols = visibleCols();
            int hmax = Math.max(hCol, Math.max(0, maxCells - cols + 1));
            hbar.setMin(0);
            hbar.setMax(hmax);
            hbar.setVisibleAmount(cols);
            hbar.setValue(hCol);
            if (hbar.isVisible() != hmax > 0) {
                // shown only while a row is wider than the view; the canvas gets the room back
                hbar.setVisible(hmax > 0);
                requestLayout();
            }
        } finally {
            adjustingBars = false;
        }
    }

    // ------------------------------------------------------------ scrolling

    /** Puts {@code row} at the top; following resumes when that shows the end. */
    private void scrollTo(long row) {
        long first = model.firstRow();
        long end = model.endRow();
        int visible = visibleRows();
        long lastTop = Math.max(first, end - visible);
        top = Math.clamp(row, first, lastTop);
        model.followingProperty().set(top >= lastTop);
        dirty = true;
    }

    private void keepTopLine() {
        // the line at the top stays at the top when the view switches between text and hex
        if (!shownRows.isEmpty()) {
            long line = shownRows.getFirst().index();
            top = model.rowOfLine(line);
        }
        anchorRow = -1;
        dirty = true;
    }

    private void reveal(TerminalViewModel.Match m) {
        int visible = visibleRows();
        if (m.row() < top || m.row() >= top + visible) {
            top = Math.max(model.firstRow(), m.row() - visible / 3);
        }
        String text = rowText(m.row());
        int startCell = cells(text, m.start());
        int cols = visibleCols();
        if (startCell < hCol || cells(text, m.end()) > hCol + cols) {
            hCol = Math.max(0, startCell - cols / 4);
        }
        dirty = true;
    }

    private void onScroll(ScrollEvent e) {
        if (e.isShiftDown() || Math.abs(e.getDeltaX()) > Math.abs(e.getDeltaY())) {
            double d = e.isShiftDown() ? e.getDeltaY() : e.getDeltaX();
            hCol = Math.max(0, hCol - (int) Math.round(d / cellW));
            dirty = true;
        } else {
            wheelRemainder += -e.getDeltaY() / rowH;
            long rows = (long) wheelRemainder;
            wheelRemainder -= rows;
            if (rows != 0) {
                scrollTo(top + rows);
            }
        }
        e.consume();
    }

    private void onKey(KeyEvent e) {
        int visible = visibleRows();
        if (COPY.match(e) || COPY_INSERT.match(e)) {
            copy();
        } else if (SELECT_ALL.match(e)) {
            selectAll();
        } else if (TOP.match(e)) {
            scrollTo(model.firstRow());
        } else if (BOTTOM.match(e)) {
            scrollTo(Long.MAX_VALUE);
        } else if (e.getCode() == KeyCode.PAGE_UP) {
            scrollTo(top - Math.max(1, visible - 1));
        } else if (e.getCode() == KeyCode.PAGE_DOWN) {
            scrollTo(top + Math.max(1, visible - 1));
        } else if (e.getCode() == KeyCode.UP) {
            scrollTo(top - 1);
        } else if (e.getCode() == KeyCode.DOWN) {
            scrollTo(top + 1);
        } else {
            return;
        }
        e.consume();
    }

    /** Goes back to the end and follows it. */
    public void scrollToEnd() {
        scrollTo(Long.MAX_VALUE);
    }

    // ------------------------------------------------------------ selection

    private record Hit(long row, int col) {
    }

    private Hit hit(double x, double y) {
        long row = top + (long) Math.floor(y / rowH);
        String text = rowText(row);
        int cell = (int) Math.floor((x - PAD) / cellW + 0.5) - gutterCells + hCol;
        return new Hit(row, indexAt(text, Math.max(0, cell)));
    }

    private String rowText(long row) {
        List<TerminalBuffer.Row> one = model.rows(row, 1);
        return one.isEmpty() || one.getFirst().row() != row ? "" : model.text(one.getFirst());
    }

    private void onPress(MouseEvent e) {
        requestFocus();
        // consumed, or the tab pane around would take the focus back
        e.consume();
        if (e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        Hit h = hit(e.getX(), e.getY());
        if (e.getClickCount() == 2) {
            String t = rowText(h.row());
            int a = h.col();
            int b = h.col();
            while (a > 0 && isWordChar(t.charAt(a - 1))) {
                a--;
            }
            while (b < t.length() && isWordChar(t.charAt(b))) {
                b++;
            }
            select(h.row(), a, h.row(), b);
        } else if (e.getClickCount() >= 3) {
            select(h.row(), 0, h.row(), rowText(h.row()).length());
        } else if (e.isShiftDown() && anchorRow >= 0) {
            caretRow = h.row();
            caretCol = h.col();
        } else {
            anchorRow = h.row();
            anchorCol = h.col();
            caretRow = h.row();
            caretCol = h.col();
        }
        dirty = true;
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == ':' || c == '/';
    }

    private void onDrag(MouseEvent e) {
        if (!e.isPrimaryButtonDown() || anchorRow < 0) {
            return;
        }
        if (e.getY() < 0) {
            scrollTo(top - 1);
        } else if (e.getY() > canvas.getHeight()) {
            scrollTo(top + 1);
        }
        Hit h = hit(e.getX(), Math.clamp(e.getY(), 0, canvas.getHeight() - 1));
        caretRow = h.row();
        caretCol = h.col();
        dirty = true;
        e.consume();
    }

    /** Selects from (row, character) to (row, character). */
    public void select(long fromRow, int fromCol, long toRow, int toCol) {
        anchorRow = fromRow;
        anchorCol = fromCol;
        caretRow = toRow;
        caretCol = toCol;
        dirty = true;
    }

    /** Selects every row kept. */
    public void selectAll() {
        long first = model.firstRow();
        long end = model.endRow();
        if (end > first) {
            select(first, 0, end - 1, Integer.MAX_VALUE);
        }
    }

    /** The selected text, or empty. */
    public String selectedText() {
        if (anchorRow < 0 || anchorRow == caretRow && anchorCol == caretCol) {
            return "";
        }
        return model.text(anchorRow, anchorCol, caretRow, caretCol);
    }

    /** Copies the selection to the clipboard. */
    public void copy() {
        String s = selectedText();
        if (!s.isEmpty()) {
            Clipboards.copy(s);
        }
    }

    private void drawSelection(GraphicsContext g, long row, String text, double contentX, double y) {
        if (anchorRow < 0) {
            return;
        }
        boolean forward = anchorRow < caretRow || anchorRow == caretRow && anchorCol <= caretCol;
        long r1 = forward ? anchorRow : caretRow;
        int c1 = forward ? anchorCol : caretCol;
        long r2 = forward ? caretRow : anchorRow;
        int c2 = forward ? caretCol : anchorCol;
        if (row < r1 || row > r2 || r1 == r2 && c1 == c2) {
            return;
        }
        int from = row == r1 ? cells(text, c1) : 0;
        int to = row == r2 ? cells(text, c2) : cells(text, text.length()) + 1;
        g.setFill(selectionBackground.get());
        g.fillRect(contentX + (from - hCol) * cellW, y, Math.max(0, to - from) * cellW, rowH);
    }

    // ------------------------------------------------------------ for tests and accessibility

    /** The rows drawn in the last frame as they read: timestamp, direction mark, text. */
    public List<String> shownRows() {
        return List.copyOf(shownText);
    }

    /** Frames drawn so far. */
    public ReadOnlyLongProperty framesProperty() {
        return frames.getReadOnlyProperty();
    }

    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT) {
            return String.join("\n", shownText);
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }
}
