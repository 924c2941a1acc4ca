package io.hvx.core.terminal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;

/**
 * What a connection writes to its terminal, decoded at once while the terminal is shown and held
 * as raw bytes while it is not. Decoding bytes into lines is the costly part of a terminal; a
 * Listen tab with a thousand busy connections shows one of them, and decoding the others would
 * take the machine from the window.
 *
 * <p>While held, the events (bytes received, bytes sent, notes, the end of a line) wait in order;
 * the bytes are bounded by {@link #HELD_BYTES}: older ones give way to newer ones and are counted.
 * {@link #release()} writes what waited to the buffer (with one note saying how much was not kept,
 * if any) and feeds the buffer directly from then on; {@link #hold()} starts holding again. Lines
 * already in the buffer stay there, so a terminal shown once keeps its scrollback.
 *
 * <p>Thread-safe: the connection's threads write, the UI thread holds and releases. One lock
 * orders the events, so nothing is shown out of order across a release.
 */
public final class TerminalFeed {

    /** Bytes kept per connection while its terminal is not shown (the newest). */
    public static final int HELD_BYTES = 64 * 1024;

    private enum Kind { RECEIVED, SENT, SENT_UNSHOWN, NOTE, END_LINE }

    /** A held event; {@code data[from..]} are its bytes (SENT_UNSHOWN: none, {@code length} counts them). */
    private static final class Event {
        final Kind kind;
        final byte[] data;
        int from;
        long length;
        final String note;

        Event(Kind kind, byte[] data, long length, String note) {
            this.kind = kind;
            this.data = data;
            this.length = length;
            this.note = note;
        }

        int held() {
            return kind == Kind.RECEIVED || kind == Kind.SENT ? data.length - from : 0;
        }
    }

    private final TerminalBuffer buffer;
    private final BiFunction<Long, Long, String> gapNote;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Event> held = new ArrayDeque<>();
    /** Notes that were ahead of bytes that gave way: shown before the gap note. */
    private final List<String> notesBeforeGap = new ArrayList<>();
    private boolean holding;
    private long heldBytes;
    private long droppedReceived;
    private long droppedSent;
    private long unshownDropped;

    /**
     * @param buffer  the terminal's scrollback
     * @param gapNote the note shown where bytes were not kept: (bytes received, bytes sent) to text
     */
    public TerminalFeed(TerminalBuffer buffer, BiFunction<Long, Long, String> gapNote) {
        this.buffer = Objects.requireNonNull(buffer, "buffer");
        this.gapNote = Objects.requireNonNull(gapNote, "gapNote");
    }

    /** Bytes received ({@code data[off..off+len)}; the array may be reused afterwards). */
    public void received(byte[] data, int off, int len) {
        lock.lock();
        try {
            if (holding) {
                add(new Event(Kind.RECEIVED, Arrays.copyOfRange(data, off, off + len), len, null));
            } else {
                buffer.received(data, off, len);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Bytes sent ({@code data[off..off+len)}); {@code shown}: whether they become lines (local echo). */
    public void sent(byte[] data, int off, int len, boolean shown) {
        lock.lock();
        try {
            if (!holding) {
                buffer.sent(off == 0 && len == data.length ? data : Arrays.copyOfRange(data, off, off + len), shown);
            } else if (shown) {
                add(new Event(Kind.SENT, Arrays.copyOfRange(data, off, off + len), len, null));
            } else {
                // nothing to show, only the offset in the sent stream: no copy
                Event last = held.peekLast();
                if (last != null && last.kind == Kind.SENT_UNSHOWN) {
                    last.length += len;
                } else {
                    held.addLast(new Event(Kind.SENT_UNSHOWN, null, len, null));
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends through {@code transmit} (which must not block) and records the bytes as sent when it took them. */
    public boolean send(byte[] data, boolean shown, BooleanSupplier transmit) {
        lock.lock();
        try {
            if (!holding) {
                return buffer.send(data, shown, transmit);
            }
            if (!transmit.getAsBoolean()) {
                return false;
            }
            sent(data, 0, data.length, shown);
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** A line of the terminal's own. */
    public void note(String text) {
        lock.lock();
        try {
            if (holding) {
                held.addLast(new Event(Kind.NOTE, null, 0, text));
            } else {
                buffer.note(text);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Ends the open line (the connection ended). */
    public void endLine() {
        lock.lock();
        try {
            if (holding) {
                held.addLast(new Event(Kind.END_LINE, null, 0, null));
            } else {
                buffer.endLine();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Holds what arrives from now on, undecoded (the terminal is not shown). */
    public void hold() {
        lock.lock();
        try {
            holding = true;
        } finally {
            lock.unlock();
        }
    }

    /** Writes what was held to the buffer and feeds it directly from now on (the terminal is shown). */
    public void release() {
        lock.lock();
        try {
            if (!holding) {
                return;
            }
            holding = false;
            notesBeforeGap.forEach(buffer::note);
            notesBeforeGap.clear();
            if (droppedReceived > 0 || droppedSent > 0 || unshownDropped > 0) {
                buffer.skip(droppedReceived, droppedSent + unshownDropped, gapNote.apply(droppedReceived, droppedSent));
            }
            droppedReceived = 0;
            droppedSent = 0;
            unshownDropped = 0;
            for (Event e : held) {
                switch (e.kind) {
                    case RECEIVED -> buffer.received(e.data, e.from, e.data.length - e.from);
                    case SENT -> buffer.sent(e.from == 0 ? e.data : Arrays.copyOfRange(e.data, e.from, e.data.length), true);
                    case SENT_UNSHOWN -> buffer.skip(0, e.length, null);
                    case NOTE -> buffer.note(e.note);
                    case END_LINE -> buffer.endLine();
                }
            }
            held.clear();
            heldBytes = 0;
        } finally {
            lock.unlock();
        }
    }

    /** Whether what arrives is held (for tests and the view). */
    public boolean holding() {
        lock.lock();
        try {
            return holding;
        } finally {
            lock.unlock();
        }
    }

    /** Bytes held now, waiting for the terminal to be shown. */
    public long heldBytes() {
        lock.lock();
        try {
            return heldBytes;
        } finally {
            lock.unlock();
        }
    }

    /** Lock held: queues bytes, and lets the oldest give way beyond {@link #HELD_BYTES}. */
    private void add(Event e) {
        held.addLast(e);
        heldBytes += e.held();
        while (heldBytes > HELD_BYTES) {
            Event first = held.peekFirst();
            int n = first.held();
            if (n == 0) {
                held.removeFirst();
                switch (first.kind) {
                    case NOTE -> notesBeforeGap.add(first.note);
                    case SENT_UNSHOWN -> unshownDropped += first.length;
                    default -> {
                        // the end of a line before bytes that gave way: the gap ends it anyway
                    }
                }
                continue;
            }
            long cut = Math.min(n, heldBytes - HELD_BYTES);
            if (first.kind == Kind.RECEIVED) {
                droppedReceived += cut;
            } else {
                droppedSent += cut;
            }
            heldBytes -= cut;
            if (cut == n) {
                held.removeFirst();
            } else {
                first.from += (int) cut;
            }
        }
    }
}
