package io.hvx.core;

/**
 * Starts this app again as an elevated administrator (on Windows, through the UAC prompt), so a
 * read-only view can become writable. The caller closes its own window once the new instance
 * has started.
 */
public interface ElevatedRestart {

    /** What happened. */
    enum Outcome {
        /** The elevated instance is starting. */
        STARTED,
        /** The user declined the UAC prompt: nothing happened, and that is fine. */
        CANCELLED
    }

    /** Whether this platform can restart elevated at all (Windows only). */
    boolean available();

    /**
     * Asks for elevation and starts the new instance with the same command line.
     *
     * @throws OperationFailedException when it could not be started for another reason
     */
    Outcome restart();
}
