package io.hvx.cli;

import io.hvx.core.TextSafety;
import java.io.PrintWriter;
import java.util.List;

/**
 * The CLI's text tables: every cell has its control characters escaped (text from files, the
 * registry or PowerShell cannot drive the terminal), and columns are padded by display width, so
 * a column after Chinese or Japanese names lines up.
 */
final class TextTable {

    private TextTable() {
    }

    /** Prints {@code rows} (the first is the header) as columns two spaces apart, without trailing spaces. */
    static void print(PrintWriter out, List<String[]> rows) {
        int cols = rows.getFirst().length;
        String[][] cells = new String[rows.size()][];
        int[] w = new int[cols];
        for (int r = 0; r < rows.size(); r++) {
            cells[r] = new String[cols];
            for (int c = 0; c < cols; c++) {
                String v = rows.get(r)[c];
                cells[r][c] = v == null ? "" : TextSafety.escapeControls(v);
                w[c] = Math.max(w[c], width(cells[r][c]));
            }
        }
        for (String[] row : cells) {
            StringBuilder sb = new StringBuilder();
            for (int c = 0; c < cols; c++) {
                sb.append(row[c]);
                if (c < cols - 1) {
                    sb.append(" ".repeat(w[c] - width(row[c]) + 2));
                }
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    /**
     * Terminal columns of {@code s}: East Asian wide and fullwidth characters take two, combining
     * marks and format characters none, everything else one.
     */
    static int width(String s) {
        return s.codePoints().map(TextTable::columns).sum();
    }

    private static int columns(int cp) {
        if (cp < 0x300) {
            // Latin and the symbols before the first combining marks: one column
            return 1;
        }
        int type = Character.getType(cp);
        if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK || type == Character.FORMAT) {
            return 0;
        }
        return wide(cp) ? 2 : 1;
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || cp >= 0x1100 && cp <= 0x115F || cp >= 0x2E80 && cp <= 0x303E || cp >= 0x3041 && cp <= 0x33FF
                || cp >= 0xA000 && cp <= 0xA4CF || cp >= 0xF900 && cp <= 0xFAFF || cp >= 0xFE30 && cp <= 0xFE4F
                || cp >= 0xFF00 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6
                || cp >= 0x1F300 && cp <= 0x1F64F || cp >= 0x1F900 && cp <= 0x1F9FF
                || cp >= 0x20000 && cp <= 0x3FFFD;
    }
}
