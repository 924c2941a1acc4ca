package io.hvx.core;

/** Binds listeners for Hyper-V socket endpoints in the current mode. */
@FunctionalInterface
public interface ListenerFactory {

    /**
     * Binds and starts listening on {@code endpoint}: the VM ID says whose connections to accept
     * ({@code wildcard}, {@code children}, one VM, or {@code parent} inside a guest), the
     * service ID which service this is.
     *
     * @throws OperationFailedException with a sentence naming the cause (service not registered,
     *                                  address in use, …) and the numeric code in the detail
     * @throws InvalidInputException    when the endpoint cannot be expressed in this mode
     */
    Listener listen(HvEndpoint endpoint);
}
