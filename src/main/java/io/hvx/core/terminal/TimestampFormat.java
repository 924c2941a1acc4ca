package io.hvx.core.terminal;

import io.hvx.core.Messages;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

/** How a terminal line's time is shown: not at all, time of day, date and time, or since the start. */
public enum TimestampFormat {
    OFF(Messages.key("term.timestamps.off")),
    TIME(Messages.key("term.timestamps.time")),
    DATE_TIME(Messages.key("term.timestamps.dateTime")),
    RELATIVE(Messages.key("term.timestamps.relative"));

    private static final DateTimeFormatter TIME_MS = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter DATE_TIME_MS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS", Locale.ROOT);

    private final String labelKey;

    TimestampFormat(String labelKey) {
        this.labelKey = labelKey;
    }

    public String label() {
        return Messages.get(labelKey);
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Optional<TimestampFormat> byId(String id) {
        for (TimestampFormat f : values()) {
            if (f.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    /**
     * The time {@code millis} as this format shows it ({@code ""} when off).
     *
     * @param origin what {@link #RELATIVE} counts from (epoch milliseconds)
     */
    public String format(long millis, long origin, ZoneId zone) {
        return switch (this) {
            case OFF -> "";
            case TIME -> TIME_MS.format(Instant.ofEpochMilli(millis).atZone(zone));
            case DATE_TIME -> DATE_TIME_MS.format(Instant.ofEpochMilli(millis).atZone(zone));
            case RELATIVE -> {
                long d = millis - origin;
                String sign = d < 0 ? "-" : "+";
                d = Math.abs(d);
                yield String.format(Locale.ROOT, "%s%d.%03d", sign, d / 1000, d % 1000);
            }
        };
    }
}
