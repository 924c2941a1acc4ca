package io.hvx.core.session;

/**
 * Collects the bytes a session's reader thread receives until a consumer takes them in one
 * piece, e.g. a view model once per UI frame: the reader adds and goes on reading (it never
 * waits for the consumer), and only the first add after a drain asks for a drain, so a fast
 * sender causes one UI task per batch, not one per read.
 *
 * <p>Bounded: while nobody drains, it keeps the newest {@code limit} bytes (up to twice that
 * before trimming, so trimming is rare) and counts the older ones as dropped. Thread-safe.
 */
public final class ReceiveBatch {

    private final int limit;
    private byte[] bytes = new byte[8192];
    private int size;
    private long dropped;
    private boolean drainRequested;

    /** @param limit the newest bytes kept while nobody drains (at least 1) */
    public ReceiveBatch(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
    }

    /**
     * What a drain took.
     *
     * @param bytes   the bytes kept, oldest first
     * @param dropped bytes that arrived before {@code bytes} but were dropped to stay bounded
     */
    public record Drained(byte[] bytes, long dropped) {
        /** Every byte that arrived in this batch, kept or dropped. */
        public long total() {
            return bytes.length + dropped;
        }
    }

    /**
     * Adds {@code data[off..off+len)}.
     *
     * @return true when the caller should schedule a {@link #drain()}: this is the first add
     *         since the last drain
     */
    public synchronized boolean add(byte[] data, int off, int len) {
        if (size + len > bytes.length) {
            byte[] grown = new byte[Math.max(bytes.length * 2, size + len)];
            System.arraycopy(bytes, 0, grown, 0, size);
            bytes = grown;
        }
        System.arraycopy(data, off, bytes, size, len);
        size += len;
        if (size > 2 * limit) {
            int drop = size - limit;
            System.arraycopy(bytes, drop, bytes, 0, limit);
            size = limit;
            dropped += drop;
        }
        boolean request = !drainRequested;
        drainRequested = true;
        return request;
    }

    /** Takes everything collected since the last drain (possibly nothing). */
    public synchronized Drained drain() {
        byte[] out = java.util.Arrays.copyOf(bytes, size);
        Drained d = new Drained(out, dropped);
        if (bytes.length > 64 * 1024) {
            bytes = new byte[8192]; // a flood's buffer is not kept for the quiet time after it
        }
        size = 0;
        dropped = 0;
        drainRequested = false;
        return d;
    }
}
