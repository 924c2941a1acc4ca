package io.hvx.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * {@code SOCKADDR_HV}: 36 bytes — family 34 (little-endian u16), 2 reserved zero bytes, then the
 * VM ID and the service ID in Windows in-memory GUID order (hvsocket-facts.md §1.2–1.3).
 */
public record SockaddrHv(Guid vmId, Guid serviceId) {

    public static final int AF_HYPERV = 34;
    public static final int SIZE = 36;

    public SockaddrHv {
        java.util.Objects.requireNonNull(vmId, "vmId");
        java.util.Objects.requireNonNull(serviceId, "serviceId");
    }

    public static SockaddrHv of(HvEndpoint endpoint) {
        return new SockaddrHv(endpoint.vmId(), endpoint.serviceId());
    }

    public byte[] encode() {
        byte[] b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN).putShort((short) AF_HYPERV).array();
        vmId.writeWindowsBytes(b, 4);
        serviceId.writeWindowsBytes(b, 20);
        return b;
    }

    /**
     * Decodes the first 36 bytes of {@code b}.
     *
     * @throws IllegalArgumentException when shorter than 36 bytes or the family is not 34
     */
    public static SockaddrHv decode(byte[] b) {
        if (b.length < SIZE) {
            throw new IllegalArgumentException("SOCKADDR_HV needs 36 bytes, got " + b.length);
        }
        int family = Short.toUnsignedInt(ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getShort(0));
        if (family != AF_HYPERV) {
            throw new IllegalArgumentException("address family " + family + " is not AF_HYPERV (34)");
        }
        return new SockaddrHv(Guid.fromWindowsBytes(b, 4), Guid.fromWindowsBytes(b, 20));
    }

    public HvEndpoint endpoint() {
        return new HvEndpoint(vmId, serviceId);
    }
}
