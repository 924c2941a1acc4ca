package io.hvx.net.windows;

import io.hvx.core.HvxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Windows IT saw on a real machine for the open items of hvsocket-facts.md §8 (error codes,
 * timings): printed on stdout (kept in the surefire report) and appended to
 * {@code target/hvsock-facts.txt}, which the Windows CI job uploads.
 */
final class ObservedFacts {

    private static final Path FILE = Path.of("target", "hvsock-facts.txt");
    private static final Pattern CODE = Pattern.compile("Winsock error (\\d+)");

    private ObservedFacts() {
    }

    /** Records one observation, e.g. {@code record("8.1 connect, no listener", "Winsock error 10061 …")}. */
    static synchronized void record(String item, String observed) {
        String line = "HVSOCK-FACT " + item + ": " + observed;
        System.out.println(line);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The Winsock code in an exception's detail ({@link WinsockErrors#detail}), if any. */
    static OptionalInt code(Throwable t) {
        if (t instanceof HvxException h && h.detail() != null) {
            Matcher m = CODE.matcher(h.detail());
            if (m.find()) {
                return OptionalInt.of(Integer.parseInt(m.group(1)));
            }
        }
        return OptionalInt.empty();
    }

    /** {@code 10061 WSAECONNREFUSED (problem key)} or the exception itself when it has no code. */
    static String describe(Throwable t) {
        OptionalInt c = code(t);
        String key = t instanceof HvxException h ? " (" + h.problem().key() + ")" : "";
        return c.isPresent() ? "Winsock error " + c.getAsInt() + " " + WinsockErrors.name(c.getAsInt()) + key : String.valueOf(t);
    }
}
