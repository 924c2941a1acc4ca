package io.hvx.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Linux {@code struct sockaddr_vm}: 16 bytes — family 40 (u16), reserved u16, port u32, CID u32
 * (both in host byte order, little-endian on the platforms we support), flags u8, three zero
 * bytes (hvsocket-facts.md §2.2). Port and CID are unsigned 32-bit values held in longs.
 */
public record SockaddrVm(long cid, long port, int flags) {

    public static final int AF_VSOCK = 40;
    public static final int SIZE = 16;
    public static final long CID_ANY = 0xFFFF_FFFFL;
    public static final long PORT_ANY = 0xFFFF_FFFFL;
    public static final long CID_HYPERVISOR = 0;
    public static final long CID_LOCAL = 1;
    public static final long CID_HOST = 2;

    public SockaddrVm {
        if (cid < 0 || cid > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("CID out of range: " + cid);
        }
        if (port < 0 || port > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (flags < 0 || flags > 0xff) {
            throw new IllegalArgumentException("flags out of range: " + flags);
        }
    }

    public SockaddrVm(long cid, long port) {
        this(cid, port, 0);
    }

    public byte[] encode() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN)
                .putShort(0, (short) AF_VSOCK)
                .putInt(4, (int) port)
                .putInt(8, (int) cid)
                .put(12, (byte) flags)
                .array();
    }

    public static SockaddrVm decode(byte[] b) {
        if (b.length < SIZE) {
            throw new IllegalArgumentException("sockaddr_vm needs 16 bytes, got " + b.length);
        }
        ByteBuffer le = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int family = Short.toUnsignedInt(le.getShort(0));
        if (family != AF_VSOCK) {
            throw new IllegalArgumentException("address family " + family + " is not AF_VSOCK (40)");
        }
        return new SockaddrVm(Integer.toUnsignedLong(le.getInt(8)), Integer.toUnsignedLong(le.getInt(4)), b[12] & 0xff);
    }

    /**
     * The vsock address a Linux guest uses for a (VM, service) pair: the VM must be
     * {@code parent} (CID 2) or {@code wildcard} (CID ANY) and the service a template GUID.
     *
     * @throws InvalidInputException otherwise, with a sentence explaining why
     */
    public static SockaddrVm forEndpoint(HvEndpoint endpoint) {
        long cid;
        if (endpoint.vmId().equals(VmAlias.PARENT.guid())) {
            cid = CID_HOST;
        } else if (endpoint.vmId().equals(VmAlias.WILDCARD.guid())) {
            cid = CID_ANY;
        } else {
            throw new InvalidInputException(Problem.of("error.vsock.vm", endpoint.vmId().toString()));
        }
        long port = VsockTemplate.portOf(endpoint.serviceId()).orElseThrow(
                () -> new InvalidInputException(Problem.of("error.vsock.service", endpoint.serviceId().toString())));
        return new SockaddrVm(cid, port);
    }
}
