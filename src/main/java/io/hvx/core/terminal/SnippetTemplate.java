package io.hvx.core.terminal;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The variables of what is sent: {@code {{counter}}} (1, 2, 3… per terminal),
 * {@code {{time}}} ({@code 14:03:07}), {@code {{date}}} ({@code 2025-03-01}), {@code {{uuid}}} (a
 * random UUID) and {@code {{random}}} (0 to 65535), written in any case. Only {@code {{word}}}
 * is a variable, so other braces (JSON) pass as they are; an unknown word is refused, since it
 * is most likely a typo.
 */
public final class SnippetTemplate {

    /** The variables, as users write them. */
    public static final List<String> VARIABLES = List.of("{{counter}}", "{{time}}", "{{date}}", "{{uuid}}", "{{random}}");

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([A-Za-z]+)\\s*}}");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);

    /**
     * Where variables get their values.
     *
     * @param counter the next counter value; asked only when the text uses {@code {{counter}}}
     * @param now     the current time
     * @param uuid    random UUIDs
     * @param random  random numbers from 0 to 65535
     */
    public record Values(LongSupplier counter, Supplier<ZonedDateTime> now, Supplier<UUID> uuid, IntSupplier random) {
    }

    private SnippetTemplate() {
    }

    /** Fixed values, for checking a text without using up a counter value or a random number. */
    public static final Values SAMPLE = new Values(() -> 1, () -> ZonedDateTime.parse("2025-01-01T00:00:00Z"),
            () -> new UUID(0, 0), () -> 0);

    /** Whether {@code text} uses a variable at all (cheap test before expanding). */
    public static boolean hasVariables(String text) {
        return text.contains("{{") && VARIABLE.matcher(text).find();
    }

    /**
     * {@code text} with every variable replaced.
     *
     * @throws InvalidInputException naming an unknown variable
     */
    public static String expand(String text, Values values) {
        if (!text.contains("{{")) {
            return text;
        }
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length() + 16);
        ZonedDateTime now = null;
        long counter = -1;
        while (m.find()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String value = switch (name) {
                case "counter" -> {
                    if (counter < 0) {
                        counter = values.counter().getAsLong();
                    }
                    yield Long.toString(counter);
                }
                case "time" -> (now = now != null ? now : values.now().get()).format(TIME);
                case "date" -> (now = now != null ? now : values.now().get()).format(DATE);
                case "uuid" -> values.uuid().get().toString();
                case "random" -> Integer.toString(values.random().getAsInt());
                default -> throw new InvalidInputException(Problem.of("term.snippet.unknownVariable", m.group(),
                        String.join(", ", VARIABLES)));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
