package io.hvx.core;

/** The user's input was wrong; nothing was changed. CLI exit status 2. */
public class InvalidInputException extends HvxException {

    public InvalidInputException(Problem problem) {
        super(problem, null, null);
    }

    public InvalidInputException(Problem problem, String detail) {
        super(problem, detail, null);
    }

    @Override
    public int exitStatus() {
        return 2;
    }
}
