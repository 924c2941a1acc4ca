package io.hvx.vm;

import java.io.StringReader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Makes PowerShell's CLIXML error stream ({@code #< CLIXML <Objs…>}) readable for the details of
 * an error. Redirected stderr of {@code -EncodedCommand} arrives in this form; it is never parsed
 * for meaning, only shown. Read with StAX (XML entities such as {@code &amp;} decoded by the
 * parser, no DTDs or external entities), then PowerShell's own {@code _xHHHH_} escapes of
 * characters XML cannot carry (CR, LF, …) are decoded.
 */
final class Clixml {

    private static final System.Logger LOG = System.getLogger(Clixml.class.getName());
    private static final String HEADER = "#< CLIXML";
    private static final Pattern ESCAPE = Pattern.compile("_x([0-9A-Fa-f]{4})_");
    private static final XMLInputFactory XML = XMLInputFactory.newFactory();

    static {
        XML.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        XML.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    }

    private Clixml() {
    }

    /** The text of the stream: the strings of its records joined, or the input unchanged when not CLIXML. */
    static String toText(String stderr) {
        if (stderr == null) {
            return "";
        }
        String s = stderr.strip();
        if (!s.startsWith(HEADER)) {
            return s;
        }
        // one or more documents, each after its own header line: read them as one element
        String body = "<clixml>" + s.replace(HEADER, "") + "</clixml>";
        StringBuilder text = new StringBuilder();
        try {
            XMLStreamReader r = XML.createXMLStreamReader(new StringReader(body));
            try {
                StringBuilder current = null;
                while (r.hasNext()) {
                    switch (r.next()) {
                        case XMLStreamConstants.START_ELEMENT -> {
                            // a stream record: <S S="Error">…</S>; other strings (<S N="…">) are fields
                            if (r.getLocalName().equals("S") && r.getAttributeValue(null, "S") != null) {
                                current = new StringBuilder();
                            }
                        }
                        case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA -> {
                            if (current != null) {
                                current.append(r.getText());
                            }
                        }
                        case XMLStreamConstants.END_ELEMENT -> {
                            if (current != null && r.getLocalName().equals("S")) {
                                text.append(unescape(current.toString()));
                                current = null;
                            }
                        }
                        default -> {
                            // comments, processing instructions, whitespace between records
                        }
                    }
                }
            } finally {
                r.close();
            }
        } catch (XMLStreamException e) {
            // cut off (a killed process) or not CLIXML after all: show what was read, else the raw text
            LOG.log(System.Logger.Level.DEBUG, "CLIXML could not be read to the end", e);
            if (text.isEmpty()) {
                return s;
            }
        }
        return text.toString().strip();
    }

    private static String unescape(String s) {
        Matcher m = ESCAPE.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(sb, Matcher.quoteReplacement(String.valueOf((char) Integer.parseInt(m.group(1), 16))));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
