package io.hvx.core;

import java.time.Duration;

/**
 * Opens connections to Hyper-V socket endpoints: AF_HYPERV on a Windows host, AF_VSOCK to the
 * host from a Linux guest, AF_UNIX paths in the sandbox.
 */
@FunctionalInterface
public interface Connector {

    /**
     * Connects to {@code endpoint}, giving up after {@code timeout}. Closing the returned
     * connection is the caller's job. A thread blocked here is released when the attempt times out
     * or the thread is interrupted.
     *
     * @param endpoint the (VM ID, service ID) pair to reach
     * @param timeout  how long to wait for the other side to accept; must be positive
     * @throws OperationFailedException with a sentence naming the cause (VM off, nobody
     *                                  listening, timed out…) and the numeric code in the detail
     * @throws InvalidInputException    when the endpoint cannot be expressed in this mode (e.g. a
     *                                  non-template service from a Linux guest)
     */
    StreamConnection connect(HvEndpoint endpoint, Duration timeout);
}
