package io.hvx.core.terminal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

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
 * <p><b>Threads.</b> Every method is thread-safe. Writers (the session's reader, senders) take a
 * <em>producer</em> lock for the work — cutting, decoding, the sink — and the <em>view</em> lock
 * only to publish finished lines, a few array stores. The UI thread takes only the view lock, which
 * is fair: reading a frame waits for one publication at most, never for decoding, a disk write or
 * a writer the system descheduled. {@link #version()} changes whenever anything visible does and
 * is read without a lock, so a frame with nothing new costs one volatile read.
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
        /** A line was completed (called on the writer's thread; the UI does not wait for it). */
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

    // ---- the writers' state: guarded by producer
    private final ReentrantLock producer = new ReentrantLock();
    private DisplayDecoder decoder;
    private int sgrReceived;
    private int sgrSent;
    private volatile long receivedOffset;
    private volatile long sentOffset;
    private Sink sink;
    private Direction tailDirection;
    private byte[] tailBytes = new byte[256];
    private int tailLength;
    private long tailTime;
    private long tailOffset;
    private boolean tailCr;
    /** Lines finished by the current write, published at its end. */
    private final List<TerminalLine> pending = new ArrayList<>();

    // ---- what the UI reads: guarded by view
    private final ReentrantLock view = new ReentrantLock(true);
    private int capacity;
    private TerminalLine[] ring;
    private long[] hexStart;
    private int head;
    private long start;
    private long end;
    private long dropped;
    private long hexTotal;
    private TerminalLine open;

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
    public void received(byte[] data, int off, int len) {
        producer.lock();
        try {
            if (sink != null) {
                sink.received(data, off, len);
            }
            append(Direction.RECEIVED, data, off, len, clock.millis());
            receivedOffset += len;
            publish();
        } finally {
            producer.unlock();
        }
    }

    /**
     * Bytes sent to the peer.
     *
     * @param shown whether they become lines of the view (local echo); a sink sees them either way
     */
    public void sent(byte[] data, boolean shown) {
        producer.lock();
        try {
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
                        d.exact() ? null : Arrays.copyOf(data, len), e));
            }
            sentOffset += data.length;
            publish();
        } finally {
            producer.unlock();
        }
    }

    /**
     * Sends through {@code transmit} and, when it took the bytes, records them as sent — both
     * under the writers' lock, so that a reply can never be recorded before what it answers.
     * {@code transmit} must not block (it queues the bytes).
     *
     * @return what {@code transmit} returned
     */
    public boolean send(byte[] data, boolean shown, BooleanSupplier transmit) {
        producer.lock();
        try {
            if (!transmit.getAsBoolean()) {
                return false;
            }
            sent(data, shown);
            return true;
        } finally {
            producer.unlock();
        }
    }

    /** A line of the terminal's own (connected, closed by peer…); ends the open line first. */
    public void note(String text) {
        producer.lock();
        try {
            closeTail();
            commitLine(TerminalLine.note(clock.millis(), text));
            publish();
        } finally {
            producer.unlock();
        }
    }

    /** Ends the open line, if any (the connection ended: no terminator will come). */
    public void endLine() {
        producer.lock();
        try {
            if (tailDirection != null) {
                closeTail();
                publish();
            }
        } finally {
            producer.unlock();
        }
    }

    /**
     * Bytes that passed without becoming lines: moves the offsets of both streams on. With a
     * {@code note} (bytes a terminal not shown did not keep), ends the open line and adds the note
     * where they would have been; without one (sent bytes not echoed) nothing else changes, as
     * with {@link #sent(byte[], boolean) sent(data, false)}.
     */
    public void skip(long received, long sent, String note) {
        producer.lock();
        try {
            if (note != null) {
                closeTail();
                commitLine(TerminalLine.note(clock.millis(), note));
            }
            receivedOffset += received;
            sentOffset += sent;
            publish();
        } finally {
            producer.unlock();
        }
    }

    /** Drops every line (the counters of bytes and of lines that fell out stay). */
    public void clear() {
        producer.lock();
        view.lock();
        try {
            Arrays.fill(ring, null);
            head = 0;
            start = end;
            tailDirection = null;
            tailLength = 0;
            tailCr = false;
            open = null;
            version++;
        } finally {
            view.unlock();
            producer.unlock();
        }
    }

    /** Cuts bytes into lines (producer lock held); finished lines go to {@code pending}. */
    private void append(Direction dir, byte[] b, int off, int len, long time) {
        if (tailDirection != null && tailDirection != dir) {
            closeTail();
        }
        long base = dir == Direction.RECEIVED ? receivedOffset : sentOffset;
        int stop = off + len;
        int i = off;
        if (tailDirection != null && tailCr) {
            tailCr = false;
            if (i < stop && b[i] == '\n') {
                commitTail(LineEnding.CRLF);
                i++;
            } else {
                commitTail(LineEnding.CR);
            }
        }
        while (i < stop) {
            int j = i;
            while (j < stop) {
                byte x = b[j];
                if (x == '\n' || x == '\r') {
                    break;
                }
                j++;
            }
            if (tailDirection == null && j < stop && j - i <= MAX_LINE_BYTES && (b[j] == '\n' || j + 1 < stop)) {
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
            if (j == stop) {
                break;
            }
            if (b[j] == '\n') {
                commitTail(LineEnding.LF);
                i = j + 1;
            } else if (j + 1 < stop) {
                boolean crlf = b[j + 1] == '\n';
                commitTail(crlf ? LineEnding.CRLF : LineEnding.CR);
                i = j + (crlf ? 2 : 1);
            } else {
                // a CR that ends the read: CRLF or CR is known with the next byte
                tailCr = true;
                i = j + 1;
            }
        }
    }

    private void tailAppend(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(MAX_LINE_BYTES - tailLength, len);
            if (tailLength + n > tailBytes.length) {
                tailBytes = Arrays.copyOf(tailBytes, Math.min(MAX_LINE_BYTES, Math.max(tailLength + n, tailBytes.length * 2)));
            }
            System.arraycopy(b, off, tailBytes, tailLength, n);
            tailLength += n;
            off += n;
            len -= n;
            if (tailLength == MAX_LINE_BYTES) {
                int cut = decoder.isUtf8() ? utf8Cut(tailBytes, tailLength) : tailLength;
                commit(tailDirection, tailTime, tailOffset, tailBytes, 0, cut, LineEnding.NONE);
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
        byte[] raw = d.exact() ? null : Arrays.copyOfRange(b, off, off + len);
        commitLine(new TerminalLine(time, dir, offset, d.text(), d.styles(), raw, ending));
    }

    private void commitLine(TerminalLine line) {
        pending.add(line);
        if (sink != null) {
            sink.line(line);
        }
    }

    /** Shows what the current write finished, and the open line as it is now (producer lock held). */
    private void publish() {
        TerminalLine openNow = null;
        if (tailDirection != null) {
            int sgr = tailDirection == Direction.RECEIVED ? sgrReceived : sgrSent;
            DisplayDecoder.Decoded d = decoder.decode(tailBytes, 0, tailLength, sgr);
            openNow = new TerminalLine(tailTime, tailDirection, tailOffset, d.text(), d.styles(),
                    d.exact() ? null : Arrays.copyOf(tailBytes, tailLength), LineEnding.NONE);
        }
        view.lock();
        try {
            for (TerminalLine l : pending) {
                add(l);
            }
            open = openNow;
            version++;
        } finally {
            view.unlock();
        }
        pending.clear();
    }

    /** View lock held. */
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
    public void setCapacity(int lines) {
        checkCapacity(lines);
        view.lock();
        try {
            while (end - start > lines) {
                ring[head] = null;
                head = (head + 1) % ring.length;
                start++;
                dropped++;
            }
            capacity = lines;
            grow(Math.max(Math.min(lines, 1024), (int) (end - start)));
            version++;
        } finally {
            view.unlock();
        }
    }

    public int capacity() {
        view.lock();
        try {
            return capacity;
        } finally {
            view.unlock();
        }
    }

    /**
     * Decodes with another charset or ANSI setting from now on, and decodes the lines kept again,
     * so the whole view reads the same way.
     */
    public void setDecoding(Charset charset, boolean ansi) {
        producer.lock();
        try {
            if (charset.equals(decoder.charset()) && ansi == decoder.ansi()) {
                return;
            }
            decoder = new DisplayDecoder(charset, ansi);
            int sgrIn = 0;
            int sgrOut = 0;
            view.lock();
            try {
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
                    ring[at] = new TerminalLine(l.time(), l.direction(), l.offset(), d.text(), d.styles(),
                            d.exact() ? null : c, l.ending());
                }
            } finally {
                view.unlock();
            }
            sgrReceived = sgrIn;
            sgrSent = sgrOut;
            publish();
        } finally {
            producer.unlock();
        }
    }

    public Charset charset() {
        producer.lock();
        try {
            return decoder.charset();
        } finally {
            producer.unlock();
        }
    }

    /** Sets (or with null removes) the sink; returns the one it replaces. */
    public Sink setSink(Sink s) {
        producer.lock();
        try {
            Sink old = sink;
            sink = s;
            return old;
        } finally {
            producer.unlock();
        }
    }

    // ---------------------------------------------------------------- reading

    /** Changes whenever the lines, the open line or a setting that changes the view do. */
    public long version() {
        return version;
    }

    /** The number of the oldest line kept. */
    public long start() {
        view.lock();
        try {
            return start;
        } finally {
            view.unlock();
        }
    }

    /** One past the number of the newest complete line (the open line, if any, has this number). */
    public long end() {
        view.lock();
        try {
            return end;
        } finally {
            view.unlock();
        }
    }

    /** Whether a line is open (shown, but waiting for its terminator). */
    public boolean hasOpenLine() {
        view.lock();
        try {
            return open != null;
        } finally {
            view.unlock();
        }
    }

    /** Lines that fell out of the scrollback. */
    public long dropped() {
        view.lock();
        try {
            return dropped;
        } finally {
            view.unlock();
        }
    }

    /** Bytes received so far. */
    public long receivedBytes() {
        return receivedOffset;
    }

    /** Bytes sent so far. */
    public long sentBytes() {
        return sentOffset;
    }

    /** Lines kept now, complete ones and the open one. */
    public long lineCount() {
        view.lock();
        try {
            return end - start + (open != null ? 1 : 0);
        } finally {
            view.unlock();
        }
    }

    /** View lock held. */
    private int slot(long index) {
        return (int) ((head + (index - start)) % ring.length);
    }

    /** The line numbered {@code index} (the open line for {@code end()}), or null when not kept. */
    public TerminalLine line(long index) {
        view.lock();
        try {
            if (index >= start && index < end) {
                return ring[slot(index)];
            }
            return index == end ? open : null;
        } finally {
            view.unlock();
        }
    }

    /** The first row of the view (hex or text). */
    public long firstRow(boolean hex) {
        view.lock();
        try {
            return hex ? (end > start ? hexStart[slot(start)] : hexTotal) : start;
        } finally {
            view.unlock();
        }
    }

    /** One past the last row of the view (hex or text), the open line included. */
    public long endRow(boolean hex) {
        view.lock();
        try {
            if (!hex) {
                return end + (open != null ? 1 : 0);
            }
            return hexTotal + (open != null ? hexRows(open) : 0);
        } finally {
            view.unlock();
        }
    }

    /** The row where line {@code index} starts. */
    public long rowOf(long index, boolean hex) {
        view.lock();
        try {
            if (!hex) {
                return index;
            }
            if (index < start) {
                return firstRow(true);
            }
            return index < end ? hexStart[slot(index)] : hexTotal;
        } finally {
            view.unlock();
        }
    }

    /** Up to {@code count} rows from row {@code from} (clamped to what is kept). */
    public List<Row> rows(long from, int count, boolean hex) {
        view.lock();
        try {
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
        } finally {
            view.unlock();
        }
    }

    /** The number of the line that hex row {@code row} belongs to (view lock held). */
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
    public List<TerminalLine> lines() {
        view.lock();
        try {
            List<TerminalLine> out = new ArrayList<>((int) (end - start) + 1);
            for (long k = start; k < end; k++) {
                out.add(ring[slot(k)]);
            }
            if (open != null) {
                out.add(open);
            }
            return out;
        } finally {
            view.unlock();
        }
    }
}
