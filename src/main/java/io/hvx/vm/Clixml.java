package io.hvx.vm;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes PowerShell's CLIXML error stream ({@code #< CLIXML <Objs…>}) readable for the details of
 * an error. Redirected stderr of {@code -EncodedCommand} arrives in this form; it is never parsed
 * for meaning, only shown.
 */
final class Clixml {

    private static final Pattern STRING = Pattern.compile("<S S=\"[^\"]*\">(.*?)</S>", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");

    private Clixml() {
    }

    /** The text of the stream: CLIXML strings joined, or the input unchanged when not CLIXML. */
    static String toText(String stderr) {
        if (stderr == null) {
            return "";
        }
        String s = stderr.strip();
        if (!s.startsWith("#< CLIXML")) {
            return s;
        }
        StringBuilder sb = new StringBuilder();
        Matcher m = STRING.matcher(s);
        while (m.find()) {
            sb.append(unescape(m.group(1)));
        }
        return sb.toString().strip();
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString().replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"")
                .replace("&apos;", "'").replace("&amp;", "&");
    }
}
