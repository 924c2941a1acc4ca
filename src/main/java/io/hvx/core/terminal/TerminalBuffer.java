package io.hvx.core.terminal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The scrollback of one terminal: the lines received and sent, bounded by a number of lines,
 * written by the connection's threads and read by the UI once per frame.
 *
 * <p><b>Lines.</b> Bytes are cut into lines at LF, CR or CRLF (a CR at the end of one read and an
 * LF at the start of the next make one CRLF), at {@link #MAX_LINE_BYTES}, and where the direction
 * changes (what was received so far ends its line when something is sent, and the other way
 * round). Each line keeps its bytes, its time and the offset of its first byte in its stream. The
 * last line may be open (no terminator yet): it is shown at once and grows as bytes arrive.
 *
 * <p><b>Bounds.</b> At most {@link #capacity()} lines are kept; older ones fall out and are
 * counted ({@link #dropped()}). Memory is therefore bounded by the scrollback, whatever arrives and
 * however long the UI does not look. A {@link Sink} (continuous capture) sees every line and every
 * received byte before any can fall out.
 *
 * <p><b>Addresses.</b> Lines are numbered from the start of the session ({@link #start()} is the
 * number of the oldest line kept, {@link #end()} one past the newest complete line); the open line,
 * if any, has the number {@code end()}. In the hex view every line takes one row per 16 bytes
 * (at least one), and rows are numbered from the start of the session too, so a position the user
 * looks at stays put while lines arrive and fall out.
 *
 * <p><b>Threads.</b> Every method is thread-safe; writers are the session's reader and writer
 * threads, the reader is the UI thread. {@link #version()} changes whenever anything visible does,
 * and can be read without the lock, so a UI frame with nothing new costs one volatile read.
 */
public final class TerminalBuffer {

    /** Lines kept by default. */
    public static final int DEFAULT_SCROLLBACK = 10_000;
    /** The most lines a scrollback may keep. */
    public static final int MAX_SCROLLBACK = 1_000_000;
    /** The fewest lines a scrollback may keep. */
    public static final int MIN_SCROLLBACK = 100;
    /** A line longer than this (a binary stream without line feeds) is cut. */
    public static final int MAX_LINE_BYTES = 4096;
    /** Bytes per row of the hex view. */
    public static final int HEX_ROW_BYTES = 16;

    /** Sees everything that enters the buffer, in order, before anything can fall out (a capture file). */
    public interface Sink {
        /** A line was completed (called with the buffer's lock held: return quickly). */
        default void line(TerminalLine line) {
        }

        /** Bytes were received, exactly as read (called before they are cut into lines). */
        default void received(byte[] data, int off, int len) {
        }
    }

    /**
     * One row of the view: a line, or one hex row of it.
     *
     * @param row   the row's number (a line number in the text view, a hex row number in the hex view)
     * @param index the line's number
     * @param line  the line (for the open line, as it is now)
     * @param sub   the hex row within the line (0 in the text view)
     * @param open  whether the line is still open
     */
    public record Row(long row, long index, TerminalLine line, int sub, boolean open) {
    }

    private final Clock clock;
    private int capacity;
    private TerminalLine[] ring;
    private long[] hexStart;
    private int head;
    private long start;
    private long end;
    private long dropped;
    private long hexTotal;
    private DisplayDecoder decoder;
    private int sgrReceived;
    private int sgrSent;
    private long receivedOffset;
    private long sentOffset;
    private Sink sink;

    // the open line
    private Direction tailDirection;
    private byte[] tailBytes = new byte[256];
    private int tailLength;
    private long tailTime;
    private long tailOffset;
    private boolean tailCr;
    private TerminalLine tailShown;

    private volatile long version;

    /**
     * @param capacity lines kept ({@link #MIN_SCROLLBACK} to {@link #MAX_SCROLLBACK})
     * @param charset  how bytes are decoded
     * @param ansi     whether ANSI SGR sequences set colours
     * @param clock    the time lines are stamped with
     */
    public TerminalBuffer(int capacity, Charset charset, boolean ansi, Clock clock) {
        this.capacity = checkCapacity(capacity);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.decoder = new DisplayDecoder(charset, ansi);
        this.ring = new TerminalLine[Math.min(capacity, 1024)];
        this.hexStart = new long[ring.length];
    }

    /** A buffer with the default scrollback, UTF-8 and ANSI colours. */
    public TerminalBuffer(Clock clock) {
        this(DEFAULT_SCROLLBACK, StandardCharsets.UTF_8, true, clock);
    }

    private static int checkCapacity(int capacity) {
        if (capacity < MIN_SCROLLBACK || capacity > MAX_SCROLLBACK) {
            throw new IllegalArgumentException("scrollback must be " + MIN_SCROLLBACK + " to " + MAX_SCROLLBACK + " lines");
        }
        return capacity;
    }

    // ---------------------------------------------------------------- writing

    /** Bytes received from the peer ({@code data[off..off+len)}; the array may be reused afterwards). */
    public synchronized void received(byte[] data, int off, int len) {
        if (sink != null) {
            sink.received(data, off, len);
        }
        append(Direction.RECEIVED, data, off, len, clock.millis());
        receivedOffset += len;
        version++;
    }

    /**
     * Bytes sent to the peer.
     *
     * @param shown whether they become lines of the view (local echo); a sink sees them either way
     */
    public synchronized void sent(byte[] data, boolean shown) {
        if (shown) {
            append(Direction.SENT, data, 0, data.length, clock.millis());
        } else if (sink != null) {
            // not shown, but a capture keeps a complete record of the conversation: one event per send
            int n = data.length;
            LineEnding e = n >= 2 && data[n - 2] == '\r' && data[n - 1] == '\n' ? LineEnding.CRLF
                    : n >= 1 && data[n - 1] == '\n' ? LineEnding.LF : n >= 1 && data[n - 1] == '\r' ? LineEnding.CR
                    : LineEnding.NONE;
            int len = n - e.length();
            DisplayDecoder.Decoded d = decoder.decode(data, 0, len, 0);
            sink.line(new TerminalLine(clock.millis(), Direction.SENT, sentOffset, d.text(), d.styles(),
                    d.exact() ? null : java.util.Arrays.copyOf(data, len), e));
        }
        sentOffset += data.length;
        version++;
    }

    /**
     * Sends through {@code transmit} and, when it took the bytes, records them as sent — both
     * under the buffer's lock, so that a reply can never be recorded before what it answers.
     * {@code transmit} must not block (it queues the bytes).
     *
     * @return what {@code transmit} returned
     */
    public synchronized boolean send(byte[] data, boolean shown, java.util.function.BooleanSupplier transmit) {
        if (!transmit.getAsBoolean()) {
            return false;
        }
        sent(data, shown);
        return true;
    }

    /** A line of the terminal's own (connected, closed by peer…); ends the open line first. */
    public synchronized void note(String text) {
        closeTail();
        add(TerminalLine.note(clock.millis(), text));
        version++;
    }

    /** Ends the open line, if any (the connection ended: no terminator will come). */
    public synchronized void endLine() {
        if (tailDirection != null) {
            closeTail();
            version++;
        }
    }

    /** Drops every line (the counters of bytes and of lines that fell out stay). */
    public synchronized void clear() {
        for (int i = 0; i < ring.length; i++) {
            ring[i] = null;
        }
        head = 0;
        start = end;
        tailDirection = null;
        tailLength = 0;
        tailCr = false;
        tailShown = null;
        version++;
    }

    private void append(Direction dir, byte[] b, int off, int len, long time) {
        if (tailDirection != null && tailDirection != dir) {
            closeTail();
        }
        long base = dir == Direction.RECEIVED ? receivedOffset : sentOffset;
        int end = off + len;
        int i = off;
        if (tailDirection != null && tailCr) {
            tailCr = false;
            if (i < end && b[i] == '\n') {
                commitTail(LineEnding.CRLF);
                i++;
            } else {
                commitTail(LineEnding.CR);
            }
        }
        while (i < end) {
            int j = i;
            while (j < end) {
                byte x = b[j];
                if (x == '\n' || x == '\r') {
                    break;
                }
                j++;
            }
            if (tailDirection == null && j < end && j - i <= MAX_LINE_BYTES && (b[j] == '\n' || j + 1 < end)) {
                // the common case: a whole line inside this read, decoded where it lies
                LineEnding e = b[j] == '\n' ? LineEnding.LF : b[j + 1] == '\n' ? LineEnding.CRLF : LineEnding.CR;
                commit(dir, time, base + (i - off), b, i, j - i, e);
                i = j + e.length();
                continue;
            }
            if (tailDirection == null) {
                tailDirection = dir;
                tailTime = time;
                tailOffset = base + (i - off);
            }
            tailAppend(b, i, j - i);
            if (j == end) {
                break;
            }
            if (b[j] == '\n') {
                commitTail(LineEnding.LF);
                i = j + 1;
            } else if (j + 1 < end) {
                boolean crlf = b[j + 1] == '\n';
                commitTail(crlf ? LineEnding.CRLF : LineEnding.CR);
                i = j + (crlf ? 2 : 1);
            } else {
                // a CR that ends the read: CRLF or CR is known with the next byte
                tailCr = true;
                i = j + 1;
            }
        }
        tailShown = null;
    }

    private void tailAppend(byte[] b, int off, int len) {
        while (len > 0) {
            int room = MAX_LINE_BYTES - tailLength;
            int n = Math.min(room, len);
            if (tailLength + n > tailBytes.length) {
                tailBytes = java.util.Arrays.copyOf(tailBytes, Math.min(MAX_LINE_BYTES, Math.max(tailLength + n, tailBytes.length * 2)));
            }
            System.arraycopy(b, off, tailBytes, tailLength, n);
            tailLength += n;
            off += n;
            len -= n;
            if (tailLength == MAX_LINE_BYTES) {
                int cut = decoder.isUtf8() ? utf8Cut(tailBytes, tailLength) : tailLength;
                Direction dir = tailDirection;
                commit(dir, tailTime, tailOffset, tailBytes, 0, cut, LineEnding.NONE);
                System.arraycopy(tailBytes, cut, tailBytes, 0, tailLength - cut);
                tailLength -= cut;
                tailOffset += cut;
            }
        }
    }

    /** Where to cut a full UTF-8 line so that no character is split: before an incomplete last one. */
    static int utf8Cut(byte[] b, int len) {
        int k = len - 1;
        while (k > 0 && k > len - 4 && (b[k] & 0xC0) == 0x80) {
            k--;
        }
        int c = b[k] & 0xFF;
        int need = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        return need > len - k && k > 0 ? k : len;
    }

    private void commitTail(LineEnding ending) {
        Direction dir = tailDirection;
        tailDirection = null;
        tailCr = false;
        commit(dir, tailTime, tailOffset, tailBytes, 0, tailLength, ending);
        tailLength = 0;
        if (tailBytes.length > 1024) {
            tailBytes = new byte[256]; // a long line's buffer is not kept for the short ones after it
        }
        tailShown = null;
    }

    private void closeTail() {
        if (tailDirection != null) {
            commitTail(tailCr ? LineEnding.CR : LineEnding.NONE);
        }
    }

    private void commit(Direction dir, long time, long offset, byte[] b, int off, int len, LineEnding ending) {
        int sgr = dir == Direction.RECEIVED ? sgrReceived : sgrSent;
        DisplayDecoder.Decoded d = decoder.decode(b, off, len, sgr);
        if (dir == Direction.RECEIVED) {
            sgrReceived = d.sgr();
        } else {
            sgrSent = d.sgr();
        }
        byte[] raw = d.exact() ? null : java.util.Arrays.copyOfRange(b, off, off + len);
        add(new TerminalLine(time, dir, offset, d.text(), d.styles(), raw, ending));
    }

    private void add(TerminalLine line) {
        int count = (int) (end - start);
        if (count == capacity) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            start++;
            dropped++;
            count--;
        }
        if (count == ring.length) {
            grow(Math.min(capacity, ring.length * 2));
        }
        int at = (head + count) % ring.length;
        ring[at] = line;
        hexStart[at] = hexTotal;
        hexTotal += hexRows(line);
        end++;
        if (sink != null) {
            sink.line(line);
        }
    }

    private void grow(int size) {
        int count = (int) (end - start);
        TerminalLine[] r = new TerminalLine[size];
        long[] h = new long[size];
        for (int k = 0; k < count; k++) {
            r[k] = ring[(head + k) % ring.length];
            h[k] = hexStart[(head + k) % ring.length];
        }
        ring = r;
        hexStart = h;
        head = 0;
    }

    /** Rows a line takes in the hex view. */
    public static int hexRows(TerminalLine line) {
        return Math.max(1, (line.byteLength() + HEX_ROW_BYTES - 1) / HEX_ROW_BYTES);
    }

    // ---------------------------------------------------------------- settings

    /** Changes how many lines are kept; the oldest fall out (and are counted) when it shrinks. */
    public synchronized void setCapacity(int lines) {
        checkCapacity(lines);
        while (end - start > lines) {
            ring[head] = null;
            head = (head + 1) % ring.length;
            start++;
            dropped++;
        }
        capacity = lines;
        int count = (int) (end - start);
        grow(Math.max(Math.min(lines, 1024), count));
        version++;
    }

    public synchronized int capacity() {
        return capacity;
    }

    /**
     * Decodes with another charset or ANSI setting from now on, and decodes the lines kept again,
     * so the whole view reads the same way.
     */
    public synchronized void setDecoding(Charset charset, boolean ansi) {
        if (charset.equals(decoder.charset()) && ansi == decoder.ansi()) {
            return;
        }
        decoder = new DisplayDecoder(charset, ansi);
        int sgrIn = 0;
        int sgrOut = 0;
        for (long k = start; k < end; k++) {
            int at = slot(k);
            TerminalLine l = ring[at];
            if (l.direction() == Direction.NOTE) {
                continue;
            }
            byte[] c = l.content();
            int sgr = l.direction() == Direction.RECEIVED ? sgrIn : sgrOut;
            DisplayDecoder.Decoded d = decoder.decode(c, 0, c.length, sgr);
            if (l.direction() == Direction.RECEIVED) {
                sgrIn = d.sgr();
            } else {
                sgrOut = d.sgr();
            }
            ring[at] = new TerminalLine(l.time(), l.direction(), l.offset(), d.text(), d.styles(), d.exact() ? null : c,
                    l.ending());
        }
        sgrReceived = sgrIn;
        sgrSent = sgrOut;
        tailShown = null;
        version++;
    }

    public synchronized Charset charset() {
        return decoder.charset();
    }

    /** Sets (or with null removes) the sink; returns the one it replaces. */
    public synchronized Sink setSink(Sink s) {
        Sink old = sink;
        sink = s;
        return old;
    }

    // ---------------------------------------------------------------- reading

    /** Changes whenever the lines, the open line or a setting that changes the view do. */
    public long version() {
        return version;
    }

    /** The number of the oldest line kept. */
    public synchronized long start() {
        return start;
    }

    /** One past the number of the newest complete line (the open line, if any, has this number). */
    public synchronized long end() {
        return end;
    }

    /** Whether a line is open (shown, but waiting for its terminator). */
    public synchronized boolean hasOpenLine() {
        return tailDirection != null;
    }

    /** Lines that fell out of the scrollback. */
    public synchronized long dropped() {
        return dropped;
    }

    /** Bytes received so far. */
    public synchronized long receivedBytes() {
        return receivedOffset;
    }

    /** Bytes sent so far. */
    public synchronized long sentBytes() {
        return sentOffset;
    }

    /** Lines kept now, complete ones and the open one. */
    public synchronized long lineCount() {
        return end - start + (tailDirection != null ? 1 : 0);
    }

    private int slot(long index) {
        return (int) ((head + (index - start)) % ring.length);
    }

    /** The line numbered {@code index} (the open line for {@code end()}), or null when not kept. */
    public synchronized TerminalLine line(long index) {
        if (index >= start && index < end) {
            return ring[slot(index)];
        }
        if (index == end && tailDirection != null) {
            return openLine();
        }
        return null;
    }

    private TerminalLine openLine() {
        if (tailShown == null) {
            int sgr = tailDirection == Direction.RECEIVED ? sgrReceived : sgrSent;
            DisplayDecoder.Decoded d = decoder.decode(tailBytes, 0, tailLength, sgr);
            tailShown = new TerminalLine(tailTime, tailDirection, tailOffset, d.text(), d.styles(),
                    d.exact() ? null : java.util.Arrays.copyOf(tailBytes, tailLength), LineEnding.NONE);
        }
        return tailShown;
    }

    /** The first row of the view (hex or text). */
    public synchronized long firstRow(boolean hex) {
        return hex ? (end > start ? hexStart[slot(start)] : hexTotal) : start;
    }

    /** One past the last row of the view (hex or text), the open line included. */
    public synchronized long endRow(boolean hex) {
        if (!hex) {
            return end + (tailDirection != null ? 1 : 0);
        }
        return hexTotal + (tailDirection != null ? hexRows(openLine()) : 0);
    }

    /** The row where line {@code index} starts. */
    public synchronized long rowOf(long index, boolean hex) {
        if (!hex) {
            return index;
        }
        if (index < start) {
            return firstRow(true);
        }
        return index < end ? hexStart[slot(index)] : hexTotal;
    }

    /** Up to {@code count} rows from row {@code from} (clamped to what is kept). */
    public synchronized List<Row> rows(long from, int count, boolean hex) {
        List<Row> out = new ArrayList<>(Math.max(0, Math.min(count, 256)));
        long first = firstRow(hex);
        long last = endRow(hex);
        long r = Math.max(from, first);
        if (!hex) {
            for (; r < last && out.size() < count; r++) {
                out.add(new Row(r, r, line(r), 0, r == end));
            }
            return out;
        }
        long index = lineAtHexRow(r);
        while (r < last && out.size() < count) {
            TerminalLine l = line(index);
            long lineRow = rowOf(index, true);
            int rows = hexRows(l);
            for (int sub = (int) (r - lineRow); sub < rows && out.size() < count; sub++, r++) {
                out.add(new Row(r, index, l, sub, index == end));
            }
            index++;
        }
        return out;
    }

    /** The number of the line that hex row {@code row} belongs to. */
    private long lineAtHexRow(long row) {
        if (row >= hexTotal) {
            return end;
        }
        long lo = start;
        long hi = end - 1;
        while (lo < hi) {
            long mid = (lo + hi + 1) >>> 1;
            if (hexStart[slot(mid)] <= row) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    /** The lines kept, oldest first, the open one last (for saving a transcript). */
    public synchronized List<TerminalLine> lines() {
        List<TerminalLine> out = new ArrayList<>((int) (end - start) + 1);
        for (long k = start; k < end; k++) {
            out.add(ring[slot(k)]);
        }
        if (tailDirection != null) {
            out.add(openLine());
        }
        return out;
    }
}
