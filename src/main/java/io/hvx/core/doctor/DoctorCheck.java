package io.hvx.core.doctor;

/**
 * One step of the doctor. Checks run in order on one thread, each seeing what the earlier ones
 * found in the {@link DoctorContext}; a check never throws (what it could not find out is an
 * {@link CheckStatus#UNKNOWN} with a sentence). Adding a cause the doctor knows is adding a check
 * to {@link Doctor#standardChecks()}: its title is a message of its own.
 */
public interface DoctorCheck {

    /** A stable id: the JSON's {@code name}. */
    String id();

    /** The message key of the check's title. */
    String titleKey();

    CheckResult run(DoctorContext ctx);
}
