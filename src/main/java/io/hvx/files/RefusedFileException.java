package io.hvx.files;

import io.hvx.core.Problem;
import java.io.IOException;

/**
 * A file hvx will not read: not a regular file (a directory, FIFO, device or socket) or larger
 * than the limit for its kind. Reading it could hang or exhaust memory, so it is refused before
 * it is opened. Callers turn the {@link #problem()} into the error their command reports.
 */
public final class RefusedFileException extends IOException {

    private final transient Problem problem;

    public RefusedFileException(Problem problem) {
        super(problem.toString());
        this.problem = problem;
    }

    /** The sentence naming the file and why it was refused. */
    public Problem problem() {
        return problem;
    }
}
