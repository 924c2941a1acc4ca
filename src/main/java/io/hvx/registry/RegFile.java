package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Registry files as regedit writes and reads them. The writer produces exactly what regedit
 * exports (UTF-16LE with BOM, {@code Windows Registry Editor Version 5.00}, CRLF). The reader
 * also takes {@code REGEDIT4} (ANSI) and UTF-8 files, keys with or without braces in any case,
 * comments and blank lines; keys outside {@code GuestCommunicationServices} are refused with
 * their line number, and so is the abbreviated root {@code HKLM}, which regedit does not accept
 * in a file (Microsoft's .reg syntax, https://support.microsoft.com/kb/310516, names the root in
 * full). The reader runs in time linear in the file: continuation lines are joined in one
 * buffer and hex is read in one pass.
 *
 * <p>{@code hex(1)} (REG_SZ as bytes) is UTF-16LE in a version 5 file but ANSI in a
 * {@code REGEDIT4} file, one byte per character, as regedit of Windows 95/NT 4 wrote it; either
 * way the one terminating NUL is dropped and a NUL inside the text is kept, and bytes that are
 * not valid text in that encoding are refused rather than turned into U+FFFD.
 */
public final class RegFile {

    public static final String HEADER_V5 = "Windows Registry Editor Version 5.00";
    public static final String HEADER_V4 = "REGEDIT4";
    /** Full path of the parent key as regedit names it. */
    public static final String PARENT = "HKEY_LOCAL_MACHINE\\" + GuidFacts.REGISTRY_KEY;

    private static final String CRLF = "\r\n";
    /** The ANSI code page REGEDIT4 files are read in: Windows-1252, the common one. */
    private static final Charset ANSI = Charset.forName("windows-1252");
    private static final HexFormat HEX = HexFormat.of();
    private static final HexFormat HEX_LIST = HexFormat.ofDelimiter(",");
    private static final int HEX_BYTES_PER_LINE = 25;

    private RegFile() {
    }

    /** The .reg file registering {@code entries} (regedit's v5 format, bytes ready to save). */
    public static byte[] write(List<ServiceRegistration> entries) {
        StringBuilder sb = new StringBuilder();
        sb.append(HEADER_V5).append(CRLF).append(CRLF);
        sb.append('[').append(PARENT).append(']').append(CRLF).append(CRLF);
        for (ServiceRegistration r : entries) {
            sb.append('[').append(PARENT).append('\\').append(r.id()).append(']').append(CRLF);
            value(sb, "ElementName", r.name());
            value(sb, "CreatedBy", r.createdBy());
            value(sb, "CreatedAt", r.createdAt());
            sb.append(CRLF);
        }
        byte[] text = sb.toString().getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[text.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    private static void value(StringBuilder sb, String name, String value) {
        if (value == null) {
            return;
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            // regedit writes strings it cannot quote on one line as hex(1): UTF-16LE plus terminator
            hexValue(sb, name, value);
            return;
        }
        sb.append('"').append(name).append("\"=\"").append(escape(value)).append('"').append(CRLF);
    }

    /** Escapes a string for inside double quotes: backslash and quote get a backslash. */
    public static String escape(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    private static void hexValue(StringBuilder sb, String name, String value) {
        byte[] b = (value + '\0').getBytes(StandardCharsets.UTF_16LE);
        sb.append('"').append(name).append("\"=hex(1):");
        for (int i = 0; i < b.length; i++) {
            sb.append(HEX.toHexDigits(b[i]));
            if (i < b.length - 1) {
                sb.append(',');
                if ((i + 1) % HEX_BYTES_PER_LINE == 0) {
                    sb.append('\\').append(CRLF).append("  ");
                }
            }
        }
        sb.append(CRLF);
    }

    /** Decodes a registry file's bytes: UTF-16 with BOM, UTF-8 (BOM optional), else ANSI. */
    public static String decode(byte[] b) {
        if (b.length >= 2 && (b[0] & 0xff) == 0xFF && (b[1] & 0xff) == 0xFE) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16LE);
        }
        if (b.length >= 2 && (b[0] & 0xff) == 0xFE && (b[1] & 0xff) == 0xFF) {
            return new String(b, 2, b.length - 2, StandardCharsets.UTF_16BE);
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xEF && (b[1] & 0xff) == 0xBB && (b[2] & 0xff) == 0xBF) {
            return new String(b, 3, b.length - 3, StandardCharsets.UTF_8);
        }
        if (b.length >= 2 && b[0] != 0 && b[1] == 0) {
            return new String(b, StandardCharsets.UTF_16LE);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            // REGEDIT4 files are in the ANSI code page; Windows-1252 is the common one
            return new String(b, ANSI);
        }
    }

    /**
     * Reads the service entries of a registry file.
     *
     * @param source the file name, for messages
     * @throws InvalidInputException naming the line when the file is not a registry file, has
     *                               a key outside GuestCommunicationServices or a line it cannot read
     */
    public static List<ImportPlan.Entry> read(String source, byte[] bytes) {
        String[] lines = decode(bytes).split("\r\n|\n|\r", -1);
        int i = 0;
        while (i < lines.length && lines[i].isBlank()) {
            i++;
        }
        String header = i < lines.length ? lines[i].strip() : "";
        if (!header.equals(HEADER_V5) && !header.equals(HEADER_V4)) {
            throw new InvalidInputException(Problem.of("error.services.reg.header", source));
        }
        boolean ansi = header.equals(HEADER_V4);
        i++;
        Map<Guid, Acc> entries = new LinkedHashMap<>();
        List<ImportPlan.Entry> out = new ArrayList<>();
        Acc current = null;
        boolean inParent = false;
        for (; i < lines.length; i++) {
            int lineNo = i + 1;
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith(";")) {
                continue;
            }
            // hex values continue on the next line after a trailing backslash; joined in one
            // buffer, since joining string by string is quadratic in the length of the value
            if (line.endsWith("\\") && line.contains("=hex") && i + 1 < lines.length) {
                StringBuilder joined = new StringBuilder(line.length() * 2).append(line, 0, line.length() - 1);
                while (i + 1 < lines.length) {
                    String next = lines[++i].strip();
                    if (next.endsWith("\\")) {
                        joined.append(next, 0, next.length() - 1);
                    } else {
                        joined.append(next);
                        break;
                    }
                }
                line = joined.toString();
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw syntax(source, lineNo, line);
                }
                boolean delete = line.startsWith("[-");
                String key = line.substring(delete ? 2 : 1, line.length() - 1).strip();
                String root = key.indexOf('\\') < 0 ? key : key.substring(0, key.indexOf('\\'));
                if (root.equalsIgnoreCase("HKLM")) {
                    throw new InvalidInputException(Problem.of("error.services.reg.abbreviatedRoot", source, lineNo, root));
                }
                String rest = underParent(key);
                if (rest == null) {
                    throw new InvalidInputException(Problem.of("error.services.reg.outside", source, lineNo, key));
                }
                if (rest.isEmpty()) {
                    if (delete) {
                        throw new InvalidInputException(Problem.of("error.services.reg.deleteParent", source, lineNo));
                    }
                    current = null;
                    inParent = true;
                    continue;
                }
                if (rest.contains("\\")) {
                    throw new InvalidInputException(Problem.of("error.services.reg.nested", source, lineNo, key));
                }
                Guid id = Guid.tryParse(rest);
                if (id == null) {
                    throw new InvalidInputException(Problem.of("error.services.reg.notGuid", source, lineNo, rest));
                }
                inParent = false;
                if (delete) {
                    current = null;
                    out.add(new ImportPlan.Entry(id, null, null, null, true, lineNo));
                } else {
                    current = new Acc(id, lineNo);
                    out.add(null); // placeholder, filled in file order below
                    entries.put(id, current);
                    current.index = out.size() - 1;
                }
                continue;
            }
            if (line.startsWith("\"") || line.startsWith("@")) {
                if (current == null) {
                    if (inParent) {
                        continue; // values of the parent key are not ours to import
                    }
                    throw new InvalidInputException(Problem.of("error.services.reg.valueOutside", source, lineNo));
                }
                parseValue(source, lineNo, line, current, ansi);
                continue;
            }
            throw syntax(source, lineNo, line);
        }
        for (Acc a : entries.values()) {
            out.set(a.index, new ImportPlan.Entry(a.id, a.name, a.createdBy, a.createdAt, false, a.line));
        }
        // a key given twice leaves a placeholder for its first occurrence; later ones win
        return out.stream().filter(e -> e != null).toList();
    }

    private static InvalidInputException syntax(String source, int line, String text) {
        String shown = text.length() > 60 ? text.substring(0, 60) + "…" : text;
        return new InvalidInputException(Problem.of("error.services.reg.syntax", source, line, shown));
    }

    /** The part after GuestCommunicationServices ("" for the key itself), or null when outside. */
    private static String underParent(String key) {
        int slash = key.indexOf('\\');
        String hive = slash < 0 ? key : key.substring(0, slash);
        if (!hive.equalsIgnoreCase("HKEY_LOCAL_MACHINE")) {
            return null;
        }
        String path = slash < 0 ? "" : key.substring(slash + 1);
        String parent = GuidFacts.REGISTRY_KEY;
        if (path.equalsIgnoreCase(parent)) {
            return "";
        }
        if (path.length() > parent.length() + 1 && path.regionMatches(true, 0, parent, 0, parent.length())
                && path.charAt(parent.length()) == '\\') {
            return path.substring(parent.length() + 1);
        }
        return null;
    }

    private static final class Acc {
        final Guid id;
        final int line;
        int index;
        String name;
        String createdBy;
        String createdAt;

        Acc(Guid id, int line) {
            this.id = id;
            this.line = line;
        }
    }

    private static void parseValue(String source, int lineNo, String line, Acc acc, boolean ansi) {
        String valueName;
        int pos;
        if (line.startsWith("@")) {
            valueName = null;
            pos = 1;
        } else {
            int[] end = new int[1];
            valueName = quoted(line, 0, end);
            if (valueName == null) {
                throw syntax(source, lineNo, line);
            }
            pos = end[0];
        }
        if (pos >= line.length() || line.charAt(pos) != '=') {
            throw syntax(source, lineNo, line);
        }
        String raw = line.substring(pos + 1).strip();
        String value;
        if (raw.equals("-")) {
            value = null;
        } else if (raw.startsWith("\"")) {
            int[] end = new int[1];
            value = quoted(raw, 0, end);
            if (value == null || !raw.substring(end[0]).isBlank()) {
                throw syntax(source, lineNo, line);
            }
        } else if (raw.regionMatches(true, 0, "hex(1):", 0, 7)) {
            value = hexString(source, lineNo, valueName, raw.substring(7), ansi);
        } else if (raw.regionMatches(true, 0, "hex", 0, 3) || raw.regionMatches(true, 0, "dword:", 0, 6)) {
            return; // other value types are not ours
        } else {
            throw syntax(source, lineNo, line);
        }
        if (valueName == null) {
            return;
        }
        switch (valueName.toLowerCase(Locale.ROOT)) {
            case "elementname" -> acc.name = value;
            case "createdby" -> acc.createdBy = value;
            case "createdat" -> acc.createdAt = value;
            default -> {
                // other values are kept by the registry and not imported
            }
        }
    }

    /** A double-quoted string starting at {@code from}; {@code end[0]} receives the index after it. */
    private static String quoted(String s, int from, int[] end) {
        if (from >= s.length() || s.charAt(from) != '"') {
            return null;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = from + 1; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                sb.append(s.charAt(++i));
            } else if (c == '"') {
                end[0] = i + 1;
                return sb.toString();
            } else {
                sb.append(c);
            }
        }
        return null;
    }

    /**
     * The text of a {@code hex(1)} value: UTF-16LE (or ANSI in a REGEDIT4 file), without its one
     * terminating NUL. Bytes that are not valid text are refused, naming the value.
     */
    private static String hexString(String source, int lineNo, String valueName, String hex, boolean ansi) {
        byte[] b = hexBytes(source, lineNo, hex);
        int terminator = ansi ? 1 : 2;
        int end = b.length;
        if (end >= terminator && b[end - 1] == 0 && (ansi || b[end - 2] == 0)) {
            end -= terminator;
        }
        Charset cs = ansi ? ANSI : StandardCharsets.UTF_16LE;
        try {
            return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b, 0, end)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(Problem.of("error.services.reg.badText", source, lineNo,
                    valueName == null ? "@" : valueName, ansi ? "ANSI (Windows-1252)" : "UTF-16LE"));
        }
    }

    /** Comma-separated hex bytes ({@code 41,00,…}), blanks around them allowed, in linear time. */
    private static byte[] hexBytes(String source, int lineNo, String hex) {
        StringBuilder compact = new StringBuilder(hex.length());
        for (int i = 0; i < hex.length(); i++) {
            char c = hex.charAt(i);
            if (!Character.isWhitespace(c)) {
                compact.append(c);
            }
        }
        try {
            return HEX_LIST.parseHex(compact);
        } catch (IllegalArgumentException e) {
            throw syntax(source, lineNo, hex);
        }
    }
}
