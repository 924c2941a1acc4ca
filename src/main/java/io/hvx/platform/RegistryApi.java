package io.hvx.platform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The few Win32 registry calls the service registry needs, as a seam: {@link JnaRegistryApi}
 * calls advapi32, tests use an in-memory fake that records each call's {@code samDesired} so
 * they can check that {@code KEY_WOW64_64KEY} reaches every call.
 *
 * <p>Every method takes {@code samExtra}, the access flags added to the call (the 64-bit view
 * flag), and throws {@link Failure} with the Win32 error code when the call fails. Values are
 * read with their type ({@link Value}): a subkey some other tool wrote with a DWORD or binary
 * {@code ElementName} is data to show, not a reason to fail.
 */
public interface RegistryApi {

    /** {@code KEY_WOW64_64KEY}: the 64-bit registry view (hvsocket-facts.md §3.2). */
    int KEY_WOW64_64KEY = 0x0100;
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_ACCESS_DENIED = 5;

    /** The predefined root keys this app uses. */
    enum Hive {
        HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER
    }

    /** Whether {@code path} exists (false only for ERROR_FILE_NOT_FOUND). */
    boolean keyExists(Hive hive, String path, int samExtra);

    /** Names of the subkeys of {@code path}. */
    List<String> keys(Hive hive, String path, int samExtra);

    /** The value {@code name} of {@code path} with its type, or null when the value does not exist. */
    Value getValue(Hive hive, String path, String name, int samExtra);

    /**
     * Creates {@code fullPath} (and missing parents) in one {@code RegCreateKeyEx} call that
     * carries {@code samExtra}.
     *
     * @return true when the key was created, false when it existed
     */
    boolean createKey(Hive hive, String fullPath, int samExtra);

    /** Writes the value {@code name} of {@code path} with the type and bytes of {@code value}. */
    void setValue(Hive hive, String path, String name, Value value, int samExtra);

    /**
     * Deletes the subkey {@code name} of {@code parentPath} with {@code RegDeleteKeyEx}, which
     * fails with {@link #ERROR_ACCESS_DENIED} while the key has subkeys of its own.
     */
    void deleteKey(Hive hive, String parentPath, String name, int samExtra);

    /**
     * A registry value as stored: its {@code REG_*} type and its bytes.
     *
     * @param type the {@code dwType} of {@code RegQueryValueEx}
     * @param data the raw bytes (strings are UTF-16LE, usually with a terminating NUL)
     */
    record Value(int type, byte[] data) {

        public static final int REG_SZ = 1;
        public static final int REG_EXPAND_SZ = 2;
        public static final int REG_BINARY = 3;
        public static final int REG_DWORD = 4;
        public static final int REG_MULTI_SZ = 7;
        public static final int REG_QWORD = 11;

        public Value {
            data = data.clone();
        }

        /** A {@code REG_SZ} with its terminating NUL, as {@code RegSetValueEx} expects it. */
        public static Value ofString(String s) {
            return new Value(REG_SZ, (s + '\0').getBytes(StandardCharsets.UTF_16LE));
        }

        /** A {@code REG_DWORD}. */
        public static Value ofDword(int v) {
            return new Value(REG_DWORD, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array());
        }

        @Override
        public byte[] data() {
            return data.clone();
        }

        /** Whether the value is text ({@code REG_SZ} or {@code REG_EXPAND_SZ}). */
        public boolean isString() {
            return type == REG_SZ || type == REG_EXPAND_SZ;
        }

        /**
         * The text as this app shows it: a string value up to its terminating NUL; any other type
         * as its raw value noted in brackets, e.g. {@code [REG_DWORD 0x00000005]} or
         * {@code [REG_BINARY 01 02 ff]}, so the entry is listed and nobody mistakes it for a name.
         * The note is exact: {@link #fromDisplay} turns it back into the same value.
         */
        public String display() {
            if (isString()) {
                return utf16(data);
            }
            ByteBuffer le = ByteBuffer.wrap(data).order(ByteOrder.LITTLE_ENDIAN);
            String raw;
            if (type == REG_DWORD && data.length == 4) {
                raw = String.format(Locale.ROOT, " 0x%08x", le.getInt(0));
            } else if (type == REG_QWORD && data.length == 8) {
                raw = String.format(Locale.ROOT, " 0x%016x", le.getLong(0));
            } else {
                raw = data.length == 0 ? "" : " " + HEX.formatHex(data);
            }
            return "[" + typeName(type) + raw + "]";
        }

        /**
         * The value a {@link #display()} note stands for, or empty when {@code text} is not
         * exactly such a note (then it is just text).
         */
        public static Optional<Value> fromDisplay(String text) {
            Matcher m = NOTE.matcher(text);
            if (!m.matches()) {
                return Optional.empty();
            }
            String raw = m.group(2) == null ? "" : m.group(2);
            int type;
            byte[] data;
            try {
                type = typeOf(m.group(1));
                if (raw.startsWith("0x")) {
                    long n = Long.parseUnsignedLong(raw.substring(2), 16);
                    ByteBuffer le = ByteBuffer.allocate(raw.length() - 2 == 16 ? 8 : 4).order(ByteOrder.LITTLE_ENDIAN);
                    data = (le.capacity() == 8 ? le.putLong(n) : le.putInt((int) n)).array();
                } else {
                    data = raw.isEmpty() ? new byte[0] : HEX.parseHex(raw);
                }
            } catch (IllegalArgumentException e) {
                // not a note this class wrote: the text is an ordinary string value, nothing is lost
                return Optional.empty();
            }
            Value v = new Value(type, data);
            return !v.isString() && v.display().equals(text) ? Optional.of(v) : Optional.empty();
        }

        private static final HexFormat HEX = HexFormat.ofDelimiter(" ");
        private static final Pattern NOTE = Pattern.compile("\\[(REG_[A-Z_]+|type \\d+)(?: (.+))?\\]");
        private static final String[] NAMES = {"REG_NONE", "REG_SZ", "REG_EXPAND_SZ", "REG_BINARY", "REG_DWORD",
            "REG_DWORD_BIG_ENDIAN", "REG_LINK", "REG_MULTI_SZ", "REG_RESOURCE_LIST", "REG_FULL_RESOURCE_DESCRIPTOR",
            "REG_RESOURCE_REQUIREMENTS_LIST", "REG_QWORD"};

        private static String typeName(int type) {
            return type >= 0 && type < NAMES.length ? NAMES[type] : "type " + Integer.toUnsignedString(type);
        }

        private static int typeOf(String name) {
            int i = Arrays.asList(NAMES).indexOf(name);
            return i >= 0 ? i : name.startsWith("type ") ? Integer.parseUnsignedInt(name.substring(5)) : -1;
        }

        /**
         * The string up to its terminator. RegQueryValueEx returns the bytes as stored: with the
         * terminating NUL, or without when a tool left it out; only trailing NULs are dropped so a
         * NUL inside the text is kept rather than cut off.
         */
        private static String utf16(byte[] b) {
            String s = new String(b, 0, b.length & ~1, StandardCharsets.UTF_16LE);
            int end = s.length();
            while (end > 0 && s.charAt(end - 1) == '\0') {
                end--;
            }
            return s.substring(0, end);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Value v && v.type == type && Arrays.equals(v.data, data);
        }

        @Override
        public int hashCode() {
            return 31 * type + Arrays.hashCode(data);
        }

        @Override
        public String toString() {
            return display();
        }
    }

    /** A failed registry call. */
    final class Failure extends RuntimeException {
        private final int code;

        public Failure(int code, String message) {
            super(message);
            this.code = code;
        }

        /** The Win32 error code. */
        public int code() {
            return code;
        }
    }
}
