package io.hvx.net.windows;

import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Winsock error codes (hvsocket-facts.md §1.9) → what they mean for a Hyper-V socket and what to
 * do next. Pure Java, so the table is tested on any OS. Several interpretations are documented
 * as unconfirmed on real hardware; the sentences therefore name every likely cause (e.g. 10060
 * "VM off, service not listening, or wrong service ID") rather than guess one, and the detail
 * always carries the numeric code.
 */
public final class WinsockErrors {

    /** The operation that failed; 10013 means different things on connect and on bind. */
    public enum Op { STARTUP, SOCKET, OPTION, CONNECT, BIND, LISTEN, ACCEPT, READ, WRITE, SHUTDOWN }

    public static final int WSAEINTR = 10004;
    public static final int WSAEACCES = 10013;
    public static final int WSAEINVAL = 10022;
    public static final int WSAEWOULDBLOCK = 10035;
    public static final int WSAENOTSOCK = 10038;
    public static final int WSAEAFNOSUPPORT = 10047;
    public static final int WSAEADDRINUSE = 10048;
    public static final int WSAENETDOWN = 10050;
    public static final int WSAENETUNREACH = 10051;
    public static final int WSAECONNABORTED = 10053;
    public static final int WSAECONNRESET = 10054;
    public static final int WSAENOTCONN = 10057;
    public static final int WSAESHUTDOWN = 10058;
    public static final int WSAETIMEDOUT = 10060;
    public static final int WSAECONNREFUSED = 10061;
    public static final int WSAEHOSTUNREACH = 10065;
    public static final int WSANOTINITIALISED = 10093;
    public static final int ERROR_CONNECTION_UNAVAIL = 1201;
    public static final int ERROR_CONNECTION_REFUSED = 1225;

    /** One row of the table: the SDK name and the message key of the sentence. */
    public record Entry(int code, String name, String key) {
    }

    private static final Map<Integer, Entry> TABLE = new LinkedHashMap<>();

    static {
        add(WSAEACCES, "WSAEACCES", Messages.key("net.winsock.accessConnect"));
        add(WSAEADDRINUSE, "WSAEADDRINUSE", Messages.key("net.error.addressInUse"));
        add(WSAECONNREFUSED, "WSAECONNREFUSED", Messages.key("net.winsock.refused"));
        add(WSAETIMEDOUT, "WSAETIMEDOUT", Messages.key("net.winsock.timeout"));
        add(WSAENETUNREACH, "WSAENETUNREACH", Messages.key("net.winsock.unreachable"));
        add(WSAEHOSTUNREACH, "WSAEHOSTUNREACH", Messages.key("net.winsock.unreachable"));
        add(ERROR_CONNECTION_REFUSED, "ERROR_CONNECTION_REFUSED", Messages.key("net.winsock.refused"));
        add(ERROR_CONNECTION_UNAVAIL, "ERROR_CONNECTION_UNAVAIL", Messages.key("net.winsock.unreachable"));
        add(WSAENETDOWN, "WSAENETDOWN", Messages.key("net.winsock.netDown"));
        add(WSAEAFNOSUPPORT, "WSAEAFNOSUPPORT", Messages.key("net.winsock.noProvider"));
        add(WSAESHUTDOWN, "WSAESHUTDOWN", Messages.key("net.error.outputShutdown"));
        add(WSAENOTCONN, "WSAENOTCONN", Messages.key("net.error.closed"));
        add(WSAECONNRESET, "WSAECONNRESET", Messages.key("net.error.reset"));
        add(WSAECONNABORTED, "WSAECONNABORTED", Messages.key("net.error.reset"));
        add(WSAEWOULDBLOCK, "WSAEWOULDBLOCK", Messages.key("net.error.busy"));
        add(WSAEINVAL, "WSAEINVAL", Messages.key("net.winsock.invalid"));
        add(WSANOTINITIALISED, "WSANOTINITIALISED", Messages.key("net.winsock.notInitialised"));
        add(WSAEINTR, "WSAEINTR", Messages.key("net.error.closed"));
        add(WSAENOTSOCK, "WSAENOTSOCK", Messages.key("net.error.closed"));
    }

    private WinsockErrors() {
    }

    private static void add(int code, String name, String key) {
        TABLE.put(code, new Entry(code, name, key));
    }

    /** Every code the table knows, in the order of the reference. */
    public static Map<Integer, Entry> table() {
        return java.util.Collections.unmodifiableMap(TABLE);
    }

    public static Optional<Entry> entry(int code) {
        return Optional.ofNullable(TABLE.get(code));
    }

    /** The SDK name of a code, or {@code error N}. */
    public static String name(int code) {
        Entry e = TABLE.get(code);
        return e != null ? e.name() : "error " + code;
    }

    /**
     * The sentence for {@code code} during {@code op} on {@code address}. Every sentence takes
     * the address as {0} and the timeout in milliseconds as {1}.
     */
    public static Problem problem(Op op, int code, String address, long timeoutMs) {
        if (code == WSAEACCES && (op == Op.BIND || op == Op.LISTEN)) {
            return Problem.of("net.winsock.accessBind", address, String.valueOf(timeoutMs));
        }
        Entry e = TABLE.get(code);
        if (e == null) {
            return Problem.of("net.error.system", address, op.name().toLowerCase(Locale.ROOT), name(code));
        }
        return Problem.of(e.key(), address, String.valueOf(timeoutMs));
    }

    public static OperationFailedException failure(Op op, int code, String address, long timeoutMs) {
        return new OperationFailedException(problem(op, code, address, timeoutMs), detail(op, code, address));
    }

    /** {@code connect hyperv:VM/SERVICE: Winsock error 10061 WSAECONNREFUSED}. */
    public static String detail(Op op, int code, String address) {
        return op.name().toLowerCase(Locale.ROOT) + " " + address + ": Winsock error " + code + " " + name(code);
    }
}
