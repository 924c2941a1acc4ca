package io.hvx.core;

/**
 * Text from outside (names from files, the registry or PowerShell; VM data) made safe to print
 * on a terminal or show in one line: control characters could move the cursor, set the window
 * title ({@code ESC ] 0 ; … BEL}) or reorder the line (bidirectional overrides).
 */
public final class TextSafety {

    private TextSafety() {
    }

    /**
     * {@code s} with every control character escaped: C0 and C1 controls and DEL as {@code \xNN},
     * line and paragraph separators and bidirectional controls as {@code \\uNNNN}. Everything
     * else, including backslashes and any script, is kept. Null stays null.
     */
    public static String escapeControls(String s) {
        if (s == null || !hasControls(s)) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        s.codePoints().forEach(cp -> {
            if (!isControl(cp)) {
                out.appendCodePoint(cp);
            } else if (cp <= 0xFF) {
                out.append(String.format(java.util.Locale.ROOT, "\\x%02x", cp));
            } else {
                out.append(String.format(java.util.Locale.ROOT, "\\u%04x", cp));
            }
        });
        return out.toString();
    }

    /** Whether {@code s} holds a character {@link #escapeControls} would escape. */
    public static boolean hasControls(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            // printable ASCII is the common case: decide it without a table lookup
            if ((c < 0x20 || c >= 0x7F) && isControl(c)) {
                return true;
            }
        }
        return false;
    }

    /** C0/C1 controls, DEL, U+2028/U+2029 and the bidirectional formatting characters. */
    public static boolean isControl(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR
                || cp == 0x061C || cp == 0x200E || cp == 0x200F || cp >= 0x202A && cp <= 0x202E
                || cp >= 0x2066 && cp <= 0x2069;
    }
}
