package io.hvx.core.tester;

/** Receives a running test's {@link Progress}, at most once per reporting interval, on the test's reporter thread. */
@FunctionalInterface
public interface ProgressListener {

    /** Reports nothing. */
    ProgressListener NONE = p -> { };

    void progress(Progress progress);
}
