package io.hvx.net.posix;

import io.hvx.core.Connector;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ListenerFactory;
import io.hvx.core.SockaddrVm;

/**
 * The linux-guest mode: Hyper-V endpoints as AF_VSOCK addresses. A guest reaches only its host,
 * so {@code parent} becomes CID 2 and {@code wildcard} CID ANY, and only template service IDs
 * carry a port ({@link SockaddrVm#forEndpoint}); anything else is refused with a sentence saying
 * so. Listeners always bind CID ANY because hv_sock has no meaningful local CID.
 */
public final class VsockEndpoints {

    private VsockEndpoints() {
    }

    public static Connector connector() {
        return (endpoint, timeout) ->
                PosixSocket.connect(new PosixAddress.Vsock(SockaddrVm.forEndpoint(endpoint)), timeout);
    }

    public static ListenerFactory listenerFactory() {
        return endpoint -> PosixListener.bind(new PosixAddress.Vsock(listenAddress(endpoint)), endpoint);
    }

    /** The address a guest listener binds: (CID ANY, port of the template service). */
    public static SockaddrVm listenAddress(HvEndpoint endpoint) {
        SockaddrVm target = SockaddrVm.forEndpoint(endpoint);
        return new SockaddrVm(SockaddrVm.CID_ANY, target.port());
    }
}
