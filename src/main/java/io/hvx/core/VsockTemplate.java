package io.hvx.core;

import java.util.OptionalLong;

/**
 * The vsock service template {@code 00000000-facb-11e6-bd58-64006a7986d3}: Linux guests (hv_sock)
 * can only reach services whose GUID is this template with {@code Data1} set to an AF_VSOCK port
 * in 0…0x7FFFFFFF (hvsocket-facts.md §2.3).
 */
public final class VsockTemplate {

    /** The template itself (port 0). */
    public static final Guid TEMPLATE = Guid.parse("00000000-facb-11e6-bd58-64006a7986d3");

    /** Highest port a template GUID may carry. */
    public static final long MAX_PORT = 0x7FFF_FFFFL;

    private static final long TEMPLATE_LOW_MSB = TEMPLATE.mostSignificantBits() & 0xFFFF_FFFFL;

    private VsockTemplate() {
    }

    /** Whether {@code port} is a valid template port. */
    public static boolean isValidPort(long port) {
        return port >= 0 && port <= MAX_PORT;
    }

    /**
     * The service GUID for an AF_VSOCK port.
     *
     * @throws InvalidInputException when the port is outside 0…0x7FFFFFFF
     */
    public static Guid guidForPort(long port) {
        if (!isValidPort(port)) {
            throw new InvalidInputException(Problem.of("error.vsock.port.range", Long.toString(port)));
        }
        return Guid.of(port << 32 | TEMPLATE_LOW_MSB, TEMPLATE.leastSignificantBits());
    }

    /** The port a template GUID carries, or empty when the GUID is not a valid template GUID. */
    public static OptionalLong portOf(Guid guid) {
        if ((guid.mostSignificantBits() & 0xFFFF_FFFFL) != TEMPLATE_LOW_MSB
                || guid.leastSignificantBits() != TEMPLATE.leastSignificantBits()) {
            return OptionalLong.empty();
        }
        long port = Integer.toUnsignedLong(guid.data1());
        return isValidPort(port) ? OptionalLong.of(port) : OptionalLong.empty();
    }
}
