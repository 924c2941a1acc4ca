package io.hvx.core.doctor;

import io.hvx.core.Guid;
import io.hvx.core.Problem;
import java.util.Objects;

/**
 * What to do about a check that did not pass: a sentence, and what the GUI's fix button does
 * (the CLI prints the sentence and the command).
 *
 * @param action    what a fix button does
 * @param sentence  the fix as users read it
 * @param command   a command to run or copy (CLI, PowerShell, reg.exe), or null
 * @param serviceId the service to register ({@link Action#REGISTER_SERVICE}), or null
 * @param name      a name to propose when registering, or null
 */
public record Fix(Action action, Problem sentence, String command, Guid serviceId, String name) {

    /** What a fix button does. */
    public enum Action {
        /** Opens the Services section's Add dialog for {@code serviceId}. */
        REGISTER_SERVICE,
        /** Restarts the app as an elevated administrator. */
        RESTART_ELEVATED,
        /** Copies {@code command} (nothing is run for the user). */
        COPY_COMMAND,
        /** Nothing to click: the sentence says what to do. */
        NONE
    }

    public Fix {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(sentence, "sentence");
    }

    public static Fix register(Guid serviceId, String name, Problem sentence, String command) {
        return new Fix(Action.REGISTER_SERVICE, sentence, command, serviceId, name);
    }

    public static Fix restartElevated(Problem sentence) {
        return new Fix(Action.RESTART_ELEVATED, sentence, null, null, null);
    }

    public static Fix command(Problem sentence, String command) {
        return new Fix(Action.COPY_COMMAND, sentence, command, null, null);
    }

    public static Fix advice(Problem sentence) {
        return new Fix(Action.NONE, sentence, null, null, null);
    }
}
