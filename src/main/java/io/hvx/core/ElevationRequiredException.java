package io.hvx.core;

/** The operation needs an elevated administrator (or a group membership). CLI exit status 3. */
public class ElevationRequiredException extends OperationFailedException {

    public ElevationRequiredException(Problem problem, String detail) {
        super(problem, detail);
    }

    public ElevationRequiredException(Problem problem, String detail, Throwable cause) {
        super(problem, detail, cause);
    }

    @Override
    public int exitStatus() {
        return 3;
    }
}
