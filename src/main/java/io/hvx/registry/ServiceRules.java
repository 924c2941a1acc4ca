package io.hvx.registry;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import io.hvx.core.VsockTemplate;
import java.util.Locale;

/** The input rules for service registrations, shared by every store, the CLI and the GUI. */
public final class ServiceRules {

    /** Longest friendly name accepted, in characters (code points). */
    public static final int MAX_NAME_LENGTH = 256;

    private ServiceRules() {
    }

    /**
     * The trimmed friendly name.
     *
     * @throws InvalidInputException when it is empty, too long or holds a control character
     */
    public static String name(String raw) {
        Problem p = nameProblem(raw);
        if (p != null) {
            throw new InvalidInputException(p);
        }
        return raw.strip();
    }

    /** What is wrong with a friendly name, or null when it is fine (for live validation). */
    public static Problem nameProblem(String raw) {
        String n = raw == null ? "" : raw.strip();
        if (n.isEmpty()) {
            return Problem.of("error.services.name.empty");
        }
        int len = n.codePointCount(0, n.length());
        if (len > MAX_NAME_LENGTH) {
            return Problem.of("error.services.name.tooLong", len, MAX_NAME_LENGTH);
        }
        int pos = 0;
        for (int i = 0; i < n.length(); ) {
            int cp = n.codePointAt(i);
            pos++;
            if (isForbidden(cp)) {
                return Problem.of("error.services.name.control",
                        String.format(Locale.ROOT, "U+%04X", cp), pos);
            }
            i += Character.charCount(cp);
        }
        return null;
    }

    private static boolean isForbidden(int cp) {
        int t = Character.getType(cp);
        return t == Character.CONTROL || t == Character.LINE_SEPARATOR || t == Character.PARAGRAPH_SEPARATOR;
    }

    /**
     * A service id as users type it: a GUID (any case, braces optional) or {@code vsock:PORT}.
     *
     * @throws InvalidInputException naming what is wrong
     */
    public static Guid id(String text) {
        Guid g = tryId(text);
        if (g == null) {
            throw new InvalidInputException(Problem.of("error.services.id.invalid", text == null ? "" : text.strip()));
        }
        return g;
    }

    /**
     * Like {@link #id} but returns null when the text is neither a GUID nor vsock:PORT; a
     * {@code vsock:} prefix with a bad port still throws, naming the port.
     */
    public static Guid tryId(String text) {
        if (text == null) {
            return null;
        }
        String t = text.strip();
        if (t.regionMatches(true, 0, "vsock:", 0, 6)) {
            return VsockTemplate.guidForPort(GuidFacts.parsePort(t.substring(6)));
        }
        return Guid.tryParse(t);
    }

    /**
     * The GUID for a vsock port given as text (decimal or 0x hex).
     *
     * @throws InvalidInputException when it is not a number in 0…0x7FFFFFFF
     */
    public static Guid vsockPort(String text) {
        return VsockTemplate.guidForPort(GuidFacts.parsePort(text == null ? "" : text));
    }
}
