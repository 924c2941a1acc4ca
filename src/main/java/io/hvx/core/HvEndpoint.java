package io.hvx.core;

import java.util.Objects;

/** A Hyper-V socket endpoint: the (VM ID, service ID) pair a connection goes to. */
public record HvEndpoint(Guid vmId, Guid serviceId) {
    public HvEndpoint {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(serviceId, "serviceId");
    }

    @Override
    public String toString() {
        return vmId + "/" + serviceId;
    }
}
