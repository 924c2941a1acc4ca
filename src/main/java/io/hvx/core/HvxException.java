package io.hvx.core;

/**
 * A failure the user can act on: a {@link Problem} (the sentence naming cause and next step),
 * optional technical detail (error code, raw output) shown one click away, and the CLI exit
 * status it maps to.
 */
public abstract class HvxException extends RuntimeException {

    private final Problem problem;
    private final String detail;

    protected HvxException(Problem problem, String detail, Throwable cause) {
        super(problem.key(), cause);
        this.problem = problem;
        this.detail = detail;
    }

    public Problem problem() {
        return problem;
    }

    /** Technical detail, or {@code null}. */
    public String detail() {
        return detail;
    }

    /** The CLI exit status: 1 failed, 2 invalid input, 3 needs elevation. */
    public abstract int exitStatus();

    @Override
    public String getMessage() {
        return problem.message();
    }
}
