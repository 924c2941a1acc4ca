package io.hvx.core;

import java.util.HexFormat;

/** Lowercase hex without separators, the form the CLI and the workbench print bytes in. */
public final class Hex {
    private static final HexFormat PLAIN = HexFormat.of();
    private static final HexFormat SPACED = HexFormat.ofDelimiter(" ");

    private Hex() {
    }

    public static String of(byte[] bytes) {
        return PLAIN.formatHex(bytes);
    }

    /** Bytes separated by single spaces, for reading. */
    public static String spaced(byte[] bytes) {
        return SPACED.formatHex(bytes);
    }

    public static byte[] parse(String hex) {
        return PLAIN.parseHex(hex.replace(" ", ""));
    }
}
