package io.hvx.net.posix;

import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.util.Locale;
import java.util.Map;

/**
 * errno → a sentence naming the cause and the next step. The numeric code, its symbol and the
 * system's own text go into the detail so support can see exactly what the kernel said.
 * Pure Java: the table is testable without a socket.
 */
public final class PosixErrors {

    /** The operation that failed; the same errno means different things in each. */
    public enum Op { SOCKET, CONNECT, BIND, LISTEN, ACCEPT, READ, WRITE, SHUTDOWN, OPTION }

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(Libc.EPERM, "EPERM"), Map.entry(Libc.ENOENT, "ENOENT"), Map.entry(Libc.EINTR, "EINTR"),
            Map.entry(Libc.EBADF, "EBADF"), Map.entry(Libc.EAGAIN, "EAGAIN"), Map.entry(Libc.EACCES, "EACCES"),
            Map.entry(Libc.ENODEV, "ENODEV"), Map.entry(Libc.EINVAL, "EINVAL"), Map.entry(Libc.EPIPE, "EPIPE"),
            Map.entry(Libc.ENAMETOOLONG, "ENAMETOOLONG"), Map.entry(Libc.ENOTSOCK, "ENOTSOCK"),
            Map.entry(Libc.ENOPROTOOPT, "ENOPROTOOPT"), Map.entry(Libc.EPROTONOSUPPORT, "EPROTONOSUPPORT"),
            Map.entry(Libc.ESOCKTNOSUPPORT, "ESOCKTNOSUPPORT"), Map.entry(Libc.EOPNOTSUPP, "EOPNOTSUPP"),
            Map.entry(Libc.EAFNOSUPPORT, "EAFNOSUPPORT"), Map.entry(Libc.EADDRINUSE, "EADDRINUSE"),
            Map.entry(Libc.EADDRNOTAVAIL, "EADDRNOTAVAIL"), Map.entry(Libc.ENETDOWN, "ENETDOWN"),
            Map.entry(Libc.ENETUNREACH, "ENETUNREACH"), Map.entry(Libc.ECONNABORTED, "ECONNABORTED"),
            Map.entry(Libc.ECONNRESET, "ECONNRESET"), Map.entry(Libc.ENOTCONN, "ENOTCONN"),
            Map.entry(Libc.ETIMEDOUT, "ETIMEDOUT"), Map.entry(Libc.ECONNREFUSED, "ECONNREFUSED"),
            Map.entry(Libc.EHOSTUNREACH, "EHOSTUNREACH"), Map.entry(Libc.EALREADY, "EALREADY"),
            Map.entry(Libc.EINPROGRESS, "EINPROGRESS"));

    private PosixErrors() {
    }

    /** The symbolic name of an errno, e.g. {@code ECONNREFUSED}, or {@code errno N}. */
    public static String name(int errno) {
        String n = NAMES.get(errno);
        return n != null ? n : "errno " + errno;
    }

    /**
     * The problem for {@code errno} during {@code op} on {@code address}.
     *
     * @param timeoutMs the connect timeout, for the timed-out sentence
     */
    public static Problem problem(Op op, int errno, String address, long timeoutMs) {
        boolean vsock = address.startsWith("vsock:");
        switch (errno) {
            case Libc.ECONNREFUSED:
                return Problem.of("net.error.refused", address);
            case Libc.ENOENT:
                if (op == Op.CONNECT) {
                    return Problem.of("net.error.refused", address);
                }
                break;
            case Libc.ETIMEDOUT:
                return Problem.of("net.error.timeout", address, String.valueOf(timeoutMs));
            case Libc.EAGAIN:
                if (op == Op.CONNECT) {
                    return Problem.of("net.error.busy", address, String.valueOf(timeoutMs));
                }
                break;
            case Libc.ENETUNREACH, Libc.EHOSTUNREACH:
                if (vsock) {
                    return Problem.of("net.error.vsockUnreachable", address);
                }
                break;
            case Libc.EAFNOSUPPORT, Libc.ENODEV, Libc.ESOCKTNOSUPPORT, Libc.EPROTONOSUPPORT:
                if (vsock) {
                    return Problem.of("net.error.noVsock", name(errno));
                }
                break;
            case Libc.EADDRINUSE:
                return Problem.of("net.error.addressInUse", address);
            case Libc.EACCES, Libc.EPERM:
                return Problem.of("net.error.accessDenied", address);
            case Libc.ECONNRESET, Libc.EPIPE, Libc.ECONNABORTED:
                return Problem.of("net.error.reset", address);
            case Libc.EBADF:
                return Problem.of("net.error.closed", address);
            default:
                break;
        }
        return Problem.of("net.error.system", address, opName(op), name(errno));
    }

    /** The exception for {@code errno} during {@code op}, with the numeric code in the detail. */
    public static OperationFailedException failure(Op op, int errno, String address, long timeoutMs) {
        return new OperationFailedException(problem(op, errno, address, timeoutMs), detail(op, errno, address));
    }

    /** {@code connect unix:/x: errno 111 ECONNREFUSED (Connection refused)}. */
    public static String detail(Op op, int errno, String address) {
        String text;
        try {
            text = Libc.strerror(errno);
        } catch (UnsatisfiedLinkError | NoClassDefFoundError e) {
            // no libc text on this platform: the errno number and name below still say it all
            text = null;
        }
        return op.name().toLowerCase(Locale.ROOT) + " " + address + ": errno " + errno + " " + name(errno)
                + (text != null ? " (" + text + ")" : "");
    }

    private static String opName(Op op) {
        return switch (op) {
            case SOCKET -> Messages.get("net.op.socket");
            case CONNECT -> Messages.get("net.op.connect");
            case BIND -> Messages.get("net.op.bind");
            case LISTEN -> Messages.get("net.op.listen");
            case ACCEPT -> Messages.get("net.op.accept");
            case READ -> Messages.get("net.op.read");
            case WRITE -> Messages.get("net.op.write");
            case SHUTDOWN -> Messages.get("net.op.shutdown");
            case OPTION -> Messages.get("net.op.option");
        };
    }
}
