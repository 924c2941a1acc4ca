package io.hvx.core.tester;

import io.hvx.core.Messages;
import java.util.Locale;
import java.util.Optional;

/** Which way a throughput test moves data. */
public enum Direction {
    /** Client → service: the service checks the stream (needs the test header, {@link TestProtocol}). */
    UP(Messages.key("tester.direction.up")),
    /** Service → client: the client checks the stream (needs the test header). */
    DOWN(Messages.key("tester.direction.down")),
    /** Through an echo: the client sends the stream and checks what comes back (any echo). */
    BOTH(Messages.key("tester.direction.both"));

    private final String labelKey;

    Direction(String labelKey) {
        this.labelKey = labelKey;
    }

    /** {@code up}, {@code down} or {@code both}, as the CLI and JSON write it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The label users read. */
    public String label() {
        return Messages.get(labelKey);
    }

    public static Optional<Direction> byId(String id) {
        for (Direction d : values()) {
            if (d.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }
}
