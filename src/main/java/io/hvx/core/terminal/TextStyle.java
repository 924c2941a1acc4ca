package io.hvx.core.terminal;

/**
 * The look of a stretch of terminal text, packed in an {@code int} so a line's styles are one
 * small array: what kind of text it is (shown as is, a control character made visible, a byte
 * that is not valid in the charset) and the ANSI colours and weight an SGR sequence set.
 *
 * <pre>
 *   bits 0-1   kind: 0 plain, 1 control, 2 invalid
 *   bits 2-6   foreground: 0 default, 1..16 ANSI colour 0..15
 *   bits 7-11  background: 0 default, 1..16 ANSI colour 0..15
 *   bit  12    bold
 * </pre>
 *
 * A line's styles are runs {@code [end0, style0, end1, style1, …]}: characters before
 * {@code end0} have {@code style0}, and so on; the last end is the text's length.
 */
public final class TextStyle {

    /** Default text. */
    public static final int PLAIN = 0;
    /** Kind: a control character shown as a picture (␛, ␀…) or an escape such as {@code \u202e}. */
    public static final int CONTROL = 1;
    /** Kind: a byte that is not valid in the charset, shown as {@code \xNN}. */
    public static final int INVALID = 2;

    private static final int BOLD = 1 << 12;

    private TextStyle() {
    }

    public static int kind(int style) {
        return style & 3;
    }

    /** The ANSI colour index 0..15 of the foreground, or -1 for the default. */
    public static int foreground(int style) {
        return ((style >>> 2) & 31) - 1;
    }

    /** The ANSI colour index 0..15 of the background, or -1 for the default. */
    public static int background(int style) {
        return ((style >>> 7) & 31) - 1;
    }

    public static boolean bold(int style) {
        return (style & BOLD) != 0;
    }

    public static int withKind(int style, int kind) {
        return (style & ~3) | kind;
    }

    /** @param colour 0..15, or -1 for the default */
    public static int withForeground(int style, int colour) {
        return (style & ~(31 << 2)) | ((colour + 1) << 2);
    }

    /** @param colour 0..15, or -1 for the default */
    public static int withBackground(int style, int colour) {
        return (style & ~(31 << 7)) | ((colour + 1) << 7);
    }

    public static int withBold(int style, boolean bold) {
        return bold ? style | BOLD : style & ~BOLD;
    }

    /** The style of character {@code index} in a line with these runs (null: all plain). */
    public static int at(int[] runs, int index) {
        if (runs == null) {
            return PLAIN;
        }
        for (int i = 0; i < runs.length; i += 2) {
            if (index < runs[i]) {
                return runs[i + 1];
            }
        }
        return runs.length == 0 ? PLAIN : runs[runs.length - 1];
    }
}
