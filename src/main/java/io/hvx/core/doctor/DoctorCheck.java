package io.hvx.core.doctor;

/**
 * One step of the doctor. Checks run in order on one thread, each seeing what the earlier ones
 * found in the {@link DoctorContext}; a check never throws (what it could not find out is an
 * {@link CheckStatus#UNKNOWN} with a sentence). Adding a cause the doctor knows is adding a check
 * to {@link Doctor#standardChecks()}: its title is the message {@code doctor.check.<id>}.
 */
public interface DoctorCheck {

    /** A stable id: the JSON's {@code name}, and the title's message key suffix. */
    String id();

    CheckResult run(DoctorContext ctx);
}
