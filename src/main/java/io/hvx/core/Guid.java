package io.hvx.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.util.Locale;
import java.util.Objects;

/**
 * A 128-bit GUID as Hyper-V sockets use it.
 *
 * <p>The value is held in string (RFC 4122, big-endian) order. Two byte encodings are offered
 * because both occur in the field: {@link #toWindowsBytes()} is the Windows in-memory
 * (mixed-endian) layout used inside {@code SOCKADDR_HV}, where {@code Data1}, {@code Data2} and
 * {@code Data3} are little-endian; {@link #toRfc4122Bytes()} is the byte order of the string.
 * Mixing them up is the classic hvsocket bug, so every conversion goes through this class.
 */
public final class Guid implements Comparable<Guid> {

    /** Number of bytes in either encoding. */
    public static final int BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    private final long msb;
    private final long lsb;

    private Guid(long msb, long lsb) {
        this.msb = msb;
        this.lsb = lsb;
    }

    /** A GUID from its two 64-bit halves in string order. */
    public static Guid of(long mostSignificant, long leastSignificant) {
        return new Guid(mostSignificant, leastSignificant);
    }

    /** A new random (version 4, RFC 4122 variant) GUID. */
    public static Guid random() {
        byte[] b = new byte[BYTES];
        RANDOM.nextBytes(b);
        b[6] = (byte) ((b[6] & 0x0f) | 0x40);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        return fromRfc4122Bytes(b, 0);
    }

    /**
     * Parses {@code xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx} in any letter case, optionally inside
     * one pair of braces, with surrounding whitespace ignored.
     *
     * @throws IllegalArgumentException when the text is not exactly that shape
     */
    public static Guid parse(String text) {
        Guid g = tryParse(text);
        if (g == null) {
            throw new IllegalArgumentException("'" + text + "' is not a GUID");
        }
        return g;
    }

    /** Like {@link #parse(String)} but returns {@code null} instead of throwing. */
    public static Guid tryParse(String text) {
        if (text == null) {
            return null;
        }
        String s = text.strip();
        if (s.length() == 38 && s.charAt(0) == '{' && s.charAt(37) == '}') {
            s = s.substring(1, 37);
        }
        if (s.length() != 36) {
            return null;
        }
        long hi = 0;
        long lo = 0;
        int digits = 0;
        for (int i = 0; i < 36; i++) {
            char c = s.charAt(i);
            if (i == 8 || i == 13 || i == 18 || i == 23) {
                if (c != '-') {
                    return null;
                }
                continue;
            }
            int v = Character.digit(c, 16);
            if (v < 0 || c > 'f') { // Character.digit accepts full-width digits; we do not
                return null;
            }
            if (digits < 16) {
                hi = (hi << 4) | v;
            } else {
                lo = (lo << 4) | v;
            }
            digits++;
        }
        return new Guid(hi, lo);
    }

    /** Decodes the Windows in-memory (mixed-endian) layout at {@code offset}. */
    public static Guid fromWindowsBytes(byte[] b, int offset) {
        Objects.checkFromIndexSize(offset, BYTES, b.length);
        ByteBuffer le = ByteBuffer.wrap(b, offset, BYTES).order(ByteOrder.LITTLE_ENDIAN);
        long data1 = Integer.toUnsignedLong(le.getInt());
        long data2 = Short.toUnsignedLong(le.getShort());
        long data3 = Short.toUnsignedLong(le.getShort());
        return new Guid(data1 << 32 | data2 << 16 | data3, le.order(ByteOrder.BIG_ENDIAN).getLong());
    }

    /** Decodes the RFC 4122 (string order) layout at {@code offset}. */
    public static Guid fromRfc4122Bytes(byte[] b, int offset) {
        Objects.checkFromIndexSize(offset, BYTES, b.length);
        ByteBuffer be = ByteBuffer.wrap(b, offset, BYTES);
        return new Guid(be.getLong(), be.getLong());
    }

    /** The Windows in-memory (mixed-endian) layout, as found in {@code SOCKADDR_HV}. */
    public byte[] toWindowsBytes() {
        byte[] b = new byte[BYTES];
        writeWindowsBytes(b, 0);
        return b;
    }

    /** Writes the Windows in-memory layout into {@code b} at {@code offset}. */
    public void writeWindowsBytes(byte[] b, int offset) {
        Objects.checkFromIndexSize(offset, BYTES, b.length);
        ByteBuffer.wrap(b, offset, BYTES).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(data1()).putShort((short) data2()).putShort((short) data3())
                .order(ByteOrder.BIG_ENDIAN).putLong(lsb);
    }

    /** The RFC 4122 layout: the bytes in the order the string shows them. */
    public byte[] toRfc4122Bytes() {
        return ByteBuffer.allocate(BYTES).putLong(msb).putLong(lsb).array();
    }

    /** {@code Data1}: the first 32 bits (the vsock port in a template GUID). */
    public int data1() {
        return (int) (msb >>> 32);
    }

    /** {@code Data2}: the second group of 16 bits. */
    public int data2() {
        return (int) (msb >>> 16) & 0xffff;
    }

    /** {@code Data3}: the third group of 16 bits. */
    public int data3() {
        return (int) msb & 0xffff;
    }

    /** {@code Data4}: the last eight bytes, in string order. */
    public byte[] data4() {
        return ByteBuffer.allocate(8).putLong(lsb).array();
    }

    public long mostSignificantBits() {
        return msb;
    }

    public long leastSignificantBits() {
        return lsb;
    }

    /** Whether this is the all-zero GUID. */
    public boolean isZero() {
        return msb == 0 && lsb == 0;
    }

    /** Canonical form: lowercase, no braces. */
    @Override
    public String toString() {
        String h = String.format(Locale.ROOT, "%016x%016x", msb, lsb);
        return h.substring(0, 8) + '-' + h.substring(8, 12) + '-' + h.substring(12, 16) + '-'
                + h.substring(16, 20) + '-' + h.substring(20, 32);
    }

    /** Uppercase with braces, the form Windows tools print. */
    public String toBracedUpperString() {
        return "{" + toString().toUpperCase(Locale.ROOT) + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Guid g && g.msb == msb && g.lsb == lsb;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(msb) * 31 + Long.hashCode(lsb);
    }

    @Override
    public int compareTo(Guid o) {
        int c = Long.compareUnsigned(msb, o.msb);
        return c != 0 ? c : Long.compareUnsigned(lsb, o.lsb);
    }
}
