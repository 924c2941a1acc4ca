package io.hvx.core.doctor;

import io.hvx.core.Messages;
import java.util.Locale;

/** The outcome of one doctor check. */
public enum CheckStatus {
    /** The check found nothing wrong. */
    PASS(Messages.key("doctor.status.pass")),
    /** The check found a cause that stops the connection. */
    FAIL(Messages.key("doctor.status.fail")),
    /** The check could not tell, or what it found may or may not matter (the sentence says which). */
    UNKNOWN(Messages.key("doctor.status.unknown"));

    private final String labelKey;

    CheckStatus(String labelKey) {
        this.labelKey = labelKey;
    }

    /** {@code pass}, {@code fail} or {@code unknown}, as the JSON writes it. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return Messages.get(labelKey);
    }
}
