package io.hvx.core;

/** The operation was valid but failed (socket, registry, process…). CLI exit status 1. */
public class OperationFailedException extends HvxException {

    public OperationFailedException(Problem problem) {
        super(problem, null, null);
    }

    public OperationFailedException(Problem problem, String detail) {
        super(problem, detail, null);
    }

    public OperationFailedException(Problem problem, String detail, Throwable cause) {
        super(problem, detail, cause);
    }

    @Override
    public int exitStatus() {
        return 1;
    }
}
