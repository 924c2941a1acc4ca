package io.hvx.cli;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A numeric command-line option and the values it takes. Every numeric option of hvx is
 * declared as text and read through here, so that a value that is not a number, is out of
 * range, or is too large for any number type gives the same one line (exit 2) in every command,
 * instead of picocli's conversion message, an {@link ArithmeticException} further down, or a
 * negative number silently read as "never".
 *
 * <p>Values are compared as {@link BigDecimal}s before they become a {@code long}, so no input
 * overflows. Only ASCII digits are numbers (no {@code NaN}, {@code Infinity}, hex floats,
 * exponents or other scripts' digits).
 *
 * @param name the option as typed ({@code --idle-timeout})
 * @param unit what the number counts; {@link Unit#DECIMAL_SECONDS} is held in milliseconds
 * @param min  the smallest accepted value, in the unit's {@code long} form
 * @param max  the largest accepted value, in the unit's {@code long} form
 */
record NumberOption(String name, Unit unit, long min, long max) {

    /** Longest part of a refused value quoted back (the rest is cut with an ellipsis). */
    static final int QUOTE_LIMIT = 40;

    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+\\.?\\d*|\\.\\d+)");
    private static final Pattern SIZE = Pattern.compile("([+-]?\\d+)\\s*([KkMm]?)");

    /** What an option's number counts, and how it is written. */
    enum Unit {
        MILLISECONDS(Messages.key("cli.option.unit.ms")),
        SECONDS(Messages.key("cli.option.unit.seconds")),
        /** Seconds with an optional fraction ({@code 0.5}); the {@code long} form is milliseconds. */
        DECIMAL_SECONDS(Messages.key("cli.option.unit.seconds")),
        COUNT(Messages.key("cli.option.unit.count")),
        /** Bytes; {@code K} and {@code M} multiply by 1024 and 1024². */
        BYTES(Messages.key("cli.option.unit.bytes"));

        private final String key;

        Unit(String key) {
            this.key = key;
        }
    }

    NumberOption {
        if (min > max) {
            throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
        }
    }

    /**
     * The value of {@code text} in the unit's {@code long} form.
     *
     * @throws InvalidInputException {@code cli.option.notNumber} or {@code cli.option.range}
     */
    long parse(String text) {
        String t = text == null ? "" : text.strip();
        BigDecimal v = exact(t);
        if (v == null) {
            throw refuse(Messages.key("cli.option.notNumber"), t);
        }
        if (v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw refuse(Messages.key("cli.option.range"), t);
        }
        return v.longValueExact();
    }

    /** {@link #parse} for options whose range fits an {@code int}. */
    int parseInt(String text) {
        if (min < Integer.MIN_VALUE || max > Integer.MAX_VALUE) {
            throw new IllegalStateException(name + " does not fit an int");
        }
        return (int) parse(text);
    }

    /** The number {@code t} stands for, in the unit's long form (rounded to whole ms), or null. */
    private BigDecimal exact(String t) {
        return switch (unit) {
            case MILLISECONDS, SECONDS, COUNT -> WHOLE.matcher(t).matches() ? new BigDecimal(t) : null;
            case DECIMAL_SECONDS -> DECIMAL.matcher(t).matches()
                    ? new BigDecimal(t).movePointRight(3).setScale(0, RoundingMode.HALF_UP) : null;
            case BYTES -> {
                Matcher m = SIZE.matcher(t);
                if (!m.matches()) {
                    yield null;
                }
                String suffix = m.group(2).toUpperCase(Locale.ROOT);
                long factor = suffix.equals("K") ? 1024 : suffix.equals("M") ? 1024 * 1024 : 1;
                yield new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(factor));
            }
        };
    }

    /**
     * A text that is no number is a usage error, as picocli's own type errors are ({@link
     * OptionValueException}: the help hint follows); a number out of range is refused in one line,
     * like the other checks a command makes of its values.
     */
    private InvalidInputException refuse(String key, String t) {
        Problem p = Problem.of(key, name, quote(t), Messages.get(unit.key), show(min), show(max));
        return key.equals("cli.option.notNumber") ? new OptionValueException(p) : new InvalidInputException(p);
    }

    /** A bound as users write it: seconds with their fraction for {@link Unit#DECIMAL_SECONDS}. */
    private String show(long bound) {
        return unit == Unit.DECIMAL_SECONDS
                ? BigDecimal.valueOf(bound).movePointLeft(3).stripTrailingZeros().toPlainString()
                : Long.toString(bound);
    }

    private static String quote(String t) {
        return t.length() <= QUOTE_LIMIT ? t : t.substring(0, QUOTE_LIMIT) + "\u2026";
    }
}
