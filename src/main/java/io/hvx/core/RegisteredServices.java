package io.hvx.core;

/**
 * Whether a service ID is registered on the (sandbox) host, as Hyper-V requires before a
 * host-side listener may bind it. A narrow view of the service registry.
 */
@FunctionalInterface
public interface RegisteredServices {

    boolean isRegistered(Guid serviceId);
}
