package io.hvx.core.doctor;

import io.hvx.core.Messages;
import io.hvx.core.Problem;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one check found.
 *
 * @param id      the check's stable id ({@link DoctorCheck#id()})
 * @param titleKey the message key of the check's title
 * @param status  pass, fail or unknown
 * @param message the finding as a sentence
 * @param hints   further sentences that may explain a failure (template GUIDs, WSL's VM ID…)
 * @param fix     what to do, or null
 * @param detail  technical detail (error code, probe result), or null
 */
public record CheckResult(String id, String titleKey, CheckStatus status, Problem message, List<Problem> hints, Fix fix, String detail) {

    public CheckResult {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(titleKey, "titleKey");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(message, "message");
        hints = List.copyOf(hints);
    }

    public static CheckResult pass(DoctorCheck check, Problem message) {
        return new CheckResult(check.id(), check.titleKey(), CheckStatus.PASS, message, List.of(), null, null);
    }

    public static CheckResult fail(DoctorCheck check, Problem message) {
        return new CheckResult(check.id(), check.titleKey(), CheckStatus.FAIL, message, List.of(), null, null);
    }

    public static CheckResult unknown(DoctorCheck check, Problem message) {
        return new CheckResult(check.id(), check.titleKey(), CheckStatus.UNKNOWN, message, List.of(), null, null);
    }

    public CheckResult withFix(Fix f) {
        return new CheckResult(id, titleKey, status, message, hints, f, detail);
    }

    public CheckResult withHint(Problem hint) {
        List<Problem> h = new java.util.ArrayList<>(hints);
        h.add(hint);
        return new CheckResult(id, titleKey, status, message, h, fix, detail);
    }

    public CheckResult withDetail(String d) {
        return new CheckResult(id, titleKey, status, message, hints, fix, d);
    }

    public Optional<Fix> fixIfAny() {
        return Optional.ofNullable(fix);
    }

    /** The check's title in the current language. */
    public String title() {
        return Messages.get(titleKey);
    }

    /**
     * The finding, its hints and the fix as one text (the CLI's JSON {@code message}), e.g.
     * "Service vsock:5000 is not registered. … Fix: Register it … (hvx services add …)".
     */
    public String text() {
        StringBuilder b = new StringBuilder(message.message());
        for (Problem h : hints) {
            b.append(' ').append(h.message());
        }
        if (fix != null) {
            b.append(' ').append(Messages.get("doctor.fix", fix.sentence().message()));
            if (fix.command() != null) {
                b.append(" (").append(fix.command()).append(')');
            }
        }
        return b.toString();
    }
}
