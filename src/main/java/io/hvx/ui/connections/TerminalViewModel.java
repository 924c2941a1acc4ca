package io.hvx.ui.connections;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.terminal.Direction;
import io.hvx.core.terminal.TerminalBuffer;
import io.hvx.core.terminal.TerminalFeed;
import io.hvx.core.terminal.TerminalFiles;
import io.hvx.core.terminal.TerminalLine;
import io.hvx.core.terminal.TimestampFormat;
import io.hvx.core.terminal.TranscriptFormat;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.DialogService.FileFilter;
import io.hvx.ui.common.ErrorText;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The output side of a terminal, testable without the toolkit: the scrollback
 * ({@link TerminalBuffer}, filled by the connection's threads), how it is shown (text or hex,
 * timestamps, charset, ANSI colours, local echo), following the end or paused, find, copy, clear,
 * and saving or capturing the transcript through the {@link TerminalFiles} port.
 *
 * <p>The connection's reader hands its bytes straight to the buffer and never waits for the UI.
 * The view calls {@link #pulse()} once per frame; it updates the counters when the buffer changed
 * and tells the view whether to draw again, so a flood costs the UI one redraw per frame, not one
 * task per read.
 */
public final class TerminalViewModel implements AutoCloseable {

    /** A find result: characters {@code [start, end)} of row {@code row}. */
    public record Match(long row, int start, int end) {
    }

    private final TerminalContext ctx;
    private final TerminalPreferences prefs;
    private final TerminalBuffer buffer;
    private final TerminalFeed feed;
    private final BooleanProperty hex = new SimpleBooleanProperty(false);
    private final ObjectProperty<TimestampFormat> timestamps;
    private final ObjectProperty<Charset> charset;
    private final BooleanProperty localEcho;
    private final BooleanProperty ansi;
    private final BooleanProperty following = new SimpleBooleanProperty(true);
    private final ReadOnlyLongWrapper lineCount = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper dropped = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper unseen = new ReadOnlyLongWrapper();
    private final ReadOnlyStringWrapper droppedNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper scrollback;
    private final ReadOnlyObjectWrapper<TerminalFiles.Capture> capture = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ErrorText> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final StringProperty findQuery = new SimpleStringProperty("");
    private final BooleanProperty matchCase = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<Match> match = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper notFound = new ReadOnlyBooleanWrapper(false);

    private long origin;
    private long seenVersion = -1;
    private long endWhenPaused;
    private long viewTop;
    private String fileStem = "terminal";
    private boolean shown = true;

    public TerminalViewModel(TerminalContext ctx) {
        this.ctx = ctx;
        this.prefs = ctx.preferences();
        this.buffer = new TerminalBuffer(prefs.scrollback(), prefs.charset(), prefs.ansi(), ctx.clock());
        this.timestamps = new SimpleObjectProperty<>(prefs.timestamps());
        this.charset = new SimpleObjectProperty<>(prefs.charset());
        this.localEcho = new SimpleBooleanProperty(prefs.localEcho());
        this.ansi = new SimpleBooleanProperty(prefs.ansi());
        this.feed = new TerminalFeed(buffer, (received, sent) -> Messages.get("term.note.notKept",
                TerminalFeed.HELD_BYTES / 1024, received, sent));
        this.scrollback = new ReadOnlyIntegerWrapper(buffer.capacity());
        this.origin = ctx.clock().millis();
        timestamps.addListener((o, a, now) -> prefs.timestamps(now));
        localEcho.addListener((o, a, now) -> prefs.localEcho(now));
        charset.addListener((o, a, now) -> {
            prefs.charset(now);
            redecode();
        });
        ansi.addListener((o, a, now) -> {
            prefs.ansi(now);
            redecode();
        });
        following.addListener((o, a, now) -> {
            endWhenPaused = buffer.end();
            unseen.set(0);
        });
        hex.addListener(o -> match.set(null));
        findQuery.addListener(o -> {
            match.set(null);
            notFound.set(false);
        });
    }

    /** Decodes the kept lines again off the UI thread (a long scrollback takes a moment). */
    private void redecode() {
        Charset cs = charset.get();
        boolean colours = ansi.get();
        ctx.tasks().run(() -> {
            buffer.setDecoding(cs, colours);
            return null;
        }, ok -> seenVersion = -1, this::fail);
    }

    // ------------------------------------------------------------ what the connection feeds

    /** The scrollback; the connection's threads write to it directly, or through {@link #received} while it may be hidden. */
    public TerminalBuffer buffer() {
        return buffer;
    }

    /**
     * Bytes received ({@code data[off..off+len)}, the array may be reused afterwards): decoded at
     * once while the terminal is shown, held undecoded while it is not ({@link #setShown}). Any thread.
     */
    public void received(byte[] data, int off, int len) {
        feed.received(data, off, len);
    }

    /** Records bytes that were sent (shown when local echo is on; a capture keeps them either way). Any thread. */
    public void recordSent(byte[] data) {
        feed.sent(data, 0, data.length, localEcho.get());
    }

    /** Records {@code data[off..off+len)} as sent; copies only what is kept. Any thread. */
    public void recordSent(byte[] data, int off, int len) {
        feed.sent(data, off, len, localEcho.get());
    }

    /** Ends the open line (the connection ended: no terminator will come). Any thread. */
    public void endLine() {
        feed.endLine();
    }

    /**
     * Whether the terminal is on screen. While it is not (a Listen tab's connection that is not
     * selected) what arrives is not decoded: the newest {@link TerminalFeed#HELD_BYTES} wait as
     * bytes and are decoded when it is shown again, with a note saying how much was not kept. A
     * running capture keeps the terminal fed, since the capture must see every byte. UI thread.
     */
    public void setShown(boolean shown) {
        this.shown = shown;
        updateHold();
    }

    private void updateHold() {
        if (shown || capture.get() != null) {
            feed.release();
        } else {
            feed.hold();
        }
    }

    /** Whether what arrives is held undecoded now (the terminal is not shown). */
    public boolean holding() {
        return feed.holding();
    }

    /**
     * Queues bytes with {@code transmit} (which must not block) and records them as sent in one
     * step, so the echo of a line never shows above the line.
     */
    public boolean send(byte[] data, java.util.function.BooleanSupplier transmit) {
        return feed.send(data, localEcho.get(), transmit);
    }

    /** A note of the terminal's own (connected, closed…), between the lines. */
    public void note(String text) {
        feed.note(text);
    }

    /** Makes relative timestamps count from now (a new connection). */
    public void markOrigin() {
        origin = ctx.clock().millis();
        seenVersion = -1;
    }

    /** The name proposed for saved files, without extension (e.g. {@code demo-linux-echo}). */
    public void setFileStem(String stem) {
        String s = stem == null ? "" : stem.replaceAll("[^\\p{L}\\p{N}._-]+", "-").replaceAll("^-+|-+$", "");
        fileStem = s.isEmpty() ? "terminal" : s;
    }

    // ------------------------------------------------------------ per frame

    /**
     * Called by the view once per frame: updates the counters when something arrived and
     * reports whether the view must draw again.
     */
    public boolean pulse() {
        long v = buffer.version();
        if (v == seenVersion) {
            return false;
        }
        seenVersion = v;
        lineCount.set(buffer.lineCount());
        dropped.set(buffer.dropped());
        if (!following.get()) {
            unseen.set(Math.max(0, buffer.end() - endWhenPaused));
        }
        TerminalFiles.Capture c = capture.get();
        if (c != null && c.failure().isPresent()) {
            buffer.setSink(null);
            capture.set(null);
            updateHold();
            error.set(ErrorText.of(c.failure().get()));
        }
        updateDroppedNote();
        return true;
    }

    private void updateDroppedNote() {
        long n = dropped.get();
        TerminalFiles.Capture c = capture.get();
        droppedNote.set(n == 0 ? "" : c != null
                ? Messages.get("term.dropped.logged", n, c.file().getFileName().toString())
                : Messages.get("term.dropped", n));
    }

    // ------------------------------------------------------------ rows

    /** The first row of the current view (text: a line number; hex: a hex row number). */
    public long firstRow() {
        return buffer.firstRow(hex.get());
    }

    /** One past the last row of the current view. */
    public long endRow() {
        return buffer.endRow(hex.get());
    }

    /** Up to {@code count} rows from {@code from}. */
    public List<TerminalBuffer.Row> rows(long from, int count) {
        return buffer.rows(from, count, hex.get());
    }

    /** The row where line {@code index} starts in the current view. */
    public long rowOfLine(long index) {
        return buffer.rowOf(index, hex.get());
    }

    /** What a row shows (without the timestamp). */
    public String text(TerminalBuffer.Row row) {
        return hex.get() ? hexText(row.line(), row.sub()) : row.line().text();
    }

    /** The timestamp of a row (on the first row of a line only), or empty. */
    public String gutter(TerminalBuffer.Row row) {
        return row.sub() > 0 ? "" : timestamps.get().format(row.line().time(), origin, ctx.zone());
    }

    /** A row of the hex view: offset in its stream, 16 bytes in hex, and the same bytes as ASCII. */
    static String hexText(TerminalLine line, int sub) {
        if (line.direction() == Direction.NOTE) {
            return line.text();
        }
        byte[] b = line.bytes();
        int from = sub * TerminalBuffer.HEX_ROW_BYTES;
        int n = Math.max(0, Math.min(TerminalBuffer.HEX_ROW_BYTES, b.length - from));
        StringBuilder out = new StringBuilder(80);
        out.append(String.format(Locale.ROOT, "%08x  ", line.offset() + from));
        for (int k = 0; k < TerminalBuffer.HEX_ROW_BYTES; k++) {
            if (k < n) {
                int v = b[from + k] & 0xFF;
                out.append(Character.forDigit(v >> 4, 16)).append(Character.forDigit(v & 0xF, 16)).append(' ');
            } else {
                out.append("   ");
            }
            if (k == 7) {
                out.append(' ');
            }
        }
        out.append(" |");
        for (int k = 0; k < n; k++) {
            int v = b[from + k] & 0xFF;
            out.append(v >= 0x20 && v < 0x7F ? (char) v : '.');
        }
        return out.append('|').toString();
    }

    /** The text between two positions (row, character), rows joined by line feeds, for copying. */
    public String text(long fromRow, int fromCol, long toRow, int toCol) {
        if (fromRow > toRow || fromRow == toRow && fromCol > toCol) {
            return text(toRow, toCol, fromRow, fromCol);
        }
        StringBuilder out = new StringBuilder();
        long r = fromRow;
        while (r <= toRow) {
            List<TerminalBuffer.Row> rows = rows(r, (int) Math.min(4096, toRow - r + 1));
            if (rows.isEmpty()) {
                break;
            }
            for (TerminalBuffer.Row row : rows) {
                String t = text(row);
                int a = row.row() == fromRow ? Math.min(fromCol, t.length()) : 0;
                int b = row.row() == toRow ? Math.min(toCol, t.length()) : t.length();
                if (out.length() > 0 || row.row() != fromRow) {
                    out.append('\n');
                }
                out.append(t, a, Math.max(a, b));
            }
            r = rows.getLast().row() + 1;
        }
        return out.toString();
    }

    /** Where the view's top row is (find starts there); set by the view. */
    public void setViewTop(long row) {
        viewTop = row;
    }

    // ------------------------------------------------------------ find

    public StringProperty findQueryProperty() {
        return findQuery;
    }

    public BooleanProperty matchCaseProperty() {
        return matchCase;
    }

    /** The match shown, or null. */
    public ReadOnlyObjectProperty<Match> matchProperty() {
        return match.getReadOnlyProperty();
    }

    /** Whether the last search found nothing. */
    public ReadOnlyBooleanProperty notFoundProperty() {
        return notFound.getReadOnlyProperty();
    }

    public void findNext() {
        find(true);
    }

    public void findPrevious() {
        find(false);
    }

    private void find(boolean forward) {
        String q = findQuery.get();
        if (q == null || q.isEmpty()) {
            match.set(null);
            notFound.set(false);
            return;
        }
        Match from = match.get();
        long row = from != null ? from.row() : viewTop;
        int col = from != null ? from.start() + (forward ? 1 : -1) : forward ? 0 : -1;
        boolean isHex = hex.get();
        boolean cs = matchCase.get();
        ctx.tasks().run(() -> search(q, cs, isHex, row, col, forward), m -> {
            if (hex.get() == isHex && q.equals(findQuery.get())) {
                match.set(m);
                notFound.set(m == null);
                if (m != null) {
                    following.set(false);
                }
            }
        }, this::fail);
    }

    /**
     * The next match from (row, col) on — at or after it going forward, before it going backward
     * — wrapping around the rows kept once; null when there is none.
     */
    Match search(String query, boolean caseSensitive, boolean isHex, long row, int col, boolean forward) {
        String q = caseSensitive ? query : query.toLowerCase(Locale.ROOT);
        long first = buffer.firstRow(isHex);
        long n = buffer.endRow(isHex) - first;
        if (n <= 0) {
            return null;
        }
        long start = Math.clamp(row, first, first + n - 1);
        for (long k = 0; k <= n; k++) {
            long r = first + Math.floorMod(start - first + (forward ? k : -k), n);
            List<TerminalBuffer.Row> one = buffer.rows(r, 1, isHex);
            if (one.isEmpty()) {
                continue;
            }
            String t = isHex ? hexText(one.getFirst().line(), one.getFirst().sub()) : one.getFirst().line().text();
            String hay = caseSensitive ? t : t.toLowerCase(Locale.ROOT);
            int at;
            if (k == 0) {
                at = forward ? hay.indexOf(q, Math.max(0, col)) : col < 0 ? -1 : hay.lastIndexOf(q, col);
            } else {
                at = forward ? hay.indexOf(q) : hay.lastIndexOf(q);
                if (k == n && (forward ? at >= col : at <= col)) {
                    at = -1; // the start row again after wrapping: that part was searched first
                }
            }
            if (at >= 0) {
                return new Match(r, at, at + q.length());
            }
        }
        return null;
    }

    // ------------------------------------------------------------ actions

    /** Drops every line kept (the byte counters keep counting). */
    public void clear() {
        buffer.clear();
        match.set(null);
        seenVersion = -1;
    }

    /** Asks for the number of lines to keep and keeps it for this and later terminals. */
    public void askScrollback() {
        DialogService.TextQuestion q = new DialogService.TextQuestion(Messages.get("term.scrollback.title"),
                Messages.get("term.scrollback.header", TerminalBuffer.MIN_SCROLLBACK, TerminalBuffer.MAX_SCROLLBACK),
                Messages.get("term.scrollback.ok"), Integer.toString(scrollback.get()), text -> {
                    try {
                        parseScrollback(text);
                        return null;
                    } catch (InvalidInputException e) {
                        return e.getMessage();
                    }
                });
        ctx.dialogs().askText(q).ifPresent(text -> setScrollback(parseScrollback(text)));
    }

    static int parseScrollback(String text) {
        String t = text == null ? "" : text.strip().replace(",", "").replace("_", "");
        try {
            int n = Integer.parseInt(t);
            if (n >= TerminalBuffer.MIN_SCROLLBACK && n <= TerminalBuffer.MAX_SCROLLBACK) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below, with the range that is accepted
        }
        throw new InvalidInputException(Problem.of("term.scrollback.bad", text == null ? "" : text.strip(),
                TerminalBuffer.MIN_SCROLLBACK, TerminalBuffer.MAX_SCROLLBACK));
    }

    /** Keeps {@code lines} lines from now on (and in new terminals). */
    public void setScrollback(int lines) {
        buffer.setCapacity(lines);
        prefs.scrollback(lines);
        scrollback.set(lines);
        seenVersion = -1;
    }

    private static List<FileFilter> transcriptFilters() {
        List<FileFilter> out = new ArrayList<>();
        for (TranscriptFormat f : TranscriptFormat.values()) {
            out.add(FileFilter.of(f.label(), f.extension()));
        }
        return out;
    }

    private static TranscriptFormat formatOf(DialogService.ChosenFile chosen) {
        if (chosen.filter() != null) {
            for (TranscriptFormat f : TranscriptFormat.values()) {
                if (chosen.filter().extensions().contains(f.extension())) {
                    return f;
                }
            }
        }
        return TranscriptFormat.forFileName(chosen.path().getFileName().toString());
    }

    /** Asks where, then saves the lines kept (text, raw received bytes, CSV or JSON Lines). */
    public void saveTranscript() {
        Optional<DialogService.ChosenFile> chosen = ctx.dialogs().chooseFileToSave(new DialogService.FileQuestion(
                Messages.get("term.save.title"), transcriptFilters(), fileStem + ".txt"));
        if (chosen.isEmpty()) {
            return;
        }
        TranscriptFormat format = formatOf(chosen.get());
        List<TerminalLine> lines = buffer.lines();
        ctx.tasks().run(() -> {
            ctx.files().save(chosen.get().path(), format, lines);
            return lines.size();
        }, n -> status.set(Messages.get("term.save.done", n, chosen.get().path().toString())),
                t -> ctx.dialogs().showError(ErrorText.of(t)));
    }

    /** Asks where, then writes everything from now on to that file until {@link #stopCapture()}. */
    public void startCapture() {
        if (capture.get() != null) {
            return;
        }
        Optional<DialogService.ChosenFile> chosen = ctx.dialogs().chooseFileToSave(new DialogService.FileQuestion(
                Messages.get("term.capture.title"), transcriptFilters(), fileStem + "-capture.txt"));
        if (chosen.isEmpty()) {
            return;
        }
        TranscriptFormat format = formatOf(chosen.get());
        ctx.tasks().run(() -> ctx.files().capture(chosen.get().path(), format), c -> {
            if (capture.get() != null) {
                c.close(); // a second capture started meanwhile: keep the first
                return;
            }
            capture.set(c);
            updateHold();
            buffer.setSink(c);
            status.set(Messages.get("term.capture.started", c.file().toString()));
            updateDroppedNote();
        }, t -> ctx.dialogs().showError(ErrorText.of(t)));
    }

    /** Ends the capture: writes what is buffered and closes the file. */
    public void stopCapture() {
        TerminalFiles.Capture c = capture.get();
        if (c == null) {
            return;
        }
        buffer.setSink(null);
        capture.set(null);
        updateHold();
        updateDroppedNote();
        ctx.tasks().run(() -> {
            c.close();
            return c.written();
        }, n -> c.failure().ifPresentOrElse(f -> error.set(ErrorText.of(f)),
                () -> status.set(Messages.get("term.capture.done", n, c.file().toString()))), this::fail);
    }

    private void fail(Throwable t) {
        error.set(ErrorText.of(t));
    }

    /** Stops a capture (the tab closes). */
    @Override
    public void close() {
        stopCapture();
    }

    // ------------------------------------------------------------ properties

    public BooleanProperty hexProperty() {
        return hex;
    }

    public ObjectProperty<TimestampFormat> timestampsProperty() {
        return timestamps;
    }

    public ObjectProperty<Charset> charsetProperty() {
        return charset;
    }

    public BooleanProperty localEchoProperty() {
        return localEcho;
    }

    public BooleanProperty ansiProperty() {
        return ansi;
    }

    /** Whether the view follows the end (false: paused, or scrolled up by the user). */
    public BooleanProperty followingProperty() {
        return following;
    }

    /** Lines kept now. */
    public ReadOnlyLongProperty lineCountProperty() {
        return lineCount.getReadOnlyProperty();
    }

    /** Lines that fell out of the scrollback. */
    public ReadOnlyLongProperty droppedProperty() {
        return dropped.getReadOnlyProperty();
    }

    /** Lines that arrived since the view stopped following. */
    public ReadOnlyLongProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    /** "12,345 older lines not shown" (and where they were saved), or empty. */
    public ReadOnlyStringProperty droppedNoteProperty() {
        return droppedNote.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty scrollbackProperty() {
        return scrollback.getReadOnlyProperty();
    }

    /** The running capture, or null. */
    public ReadOnlyObjectProperty<TerminalFiles.Capture> captureProperty() {
        return capture.getReadOnlyProperty();
    }

    /** A failure of the terminal's own (a capture that stopped, decoding again), or null. */
    public ReadOnlyObjectWrapper<ErrorText> errorProperty() {
        return error;
    }

    /** What the last file action did ("Saved 120 lines to …"). */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }
}
