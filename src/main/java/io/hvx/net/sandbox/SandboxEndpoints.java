package io.hvx.net.sandbox;

import io.hvx.core.Connector;
import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Listener;
import io.hvx.core.ListenerFactory;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServicePolicy;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Sandbox endpoints: Hyper-V socket semantics over AF_UNIX paths ({@link SandboxPaths}). This
 * process plays the host.
 *
 * <ul>
 *   <li>Connecting to a sandbox VM that is off, or to a VM ID the sandbox does not know, fails
 *       with the sentence the Windows backend gives for WSAENETUNREACH (10051).</li>
 *   <li>Connecting to a running VM reaches whoever listens at that VM's path for the service;
 *       a built-in responder configured for it starts on demand ({@link SandboxResponders}).
 *       Nobody listening fails like WSAECONNREFUSED (10061); a listener whose queue stays full
 *       until the deadline fails like WSAETIMEDOUT (10060).</li>
 *   <li>Connecting to a service the VM's per-VM policy disables
 *       ({@link ServicePolicy#DISABLED}) fails with a sentence that names the policy; Windows'
 *       error for it is not documented, so the sandbox models WSAEACCES
 *       ({@link ServicePolicy#MODELLED_DISABLED_ERROR}).</li>
 *   <li>{@code loopback} reaches host listeners: first one bound to loopback, then one bound to
 *       wildcard.</li>
 *   <li>Listening with a sandbox VM's ID is a guest-side listener: the service inside that VM,
 *       at the VM's path. The VM must be running.</li>
 *   <li>Listening with any other VM ID (wildcard, children, another alias or an unknown VM ID)
 *       is a host-side listener, which Hyper-V only allows for registered services: an
 *       unregistered service fails like WSAEACCES (10013).</li>
 * </ul>
 */
public final class SandboxEndpoints implements Connector, ListenerFactory {

    private final SandboxPaths paths;
    private final SandboxVms vms;
    private final RegisteredServices services;
    private final SandboxResponders responders;

    public SandboxEndpoints(SandboxPaths paths, SandboxVms vms, RegisteredServices services,
                            SandboxResponders responders) {
        this.paths = paths;
        this.vms = vms;
        this.services = services;
        this.responders = responders;
    }

    public SandboxPaths paths() {
        return paths;
    }

    public SandboxResponders responders() {
        return responders;
    }

    /** How users read an endpoint: the VM's name or alias, then the service ID. */
    public String describe(HvEndpoint ep) {
        String vm = vms.find(ep.vmId()).map(SandboxVms.Vm::name)
                .or(() -> VmAlias.byGuid(ep.vmId()).map(VmAlias::alias))
                .orElse(ep.vmId().toString());
        return vm + "/" + ep.serviceId();
    }

    @Override
    public StreamConnection connect(HvEndpoint endpoint, Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        String text = describe(endpoint);
        Optional<SandboxVms.Vm> vm = vms.find(endpoint.vmId());
        List<Path> candidates;
        if (vm.isPresent()) {
            if (!vm.get().running()) {
                throw new OperationFailedException(Problem.of("net.winsock.unreachable", text, String.valueOf(ms)),
                        "sandbox: VM " + vm.get().name() + " is " + vm.get().state()
                                + "; Windows reports WSAENETUNREACH (10051) for a VM that is not running");
            }
            if (vms.policy(endpoint.vmId(), endpoint.serviceId()) == ServicePolicy.DISABLED) {
                throw new OperationFailedException(Problem.of("services.policy.connectRefused", text, vm.get().name(),
                        endpoint.serviceId()),
                        "sandbox: service " + endpoint.serviceId() + " is disabled for VM " + vm.get().name()
                                + " (EnabledStatePolicy Disabled, 3); what Windows reports then is not documented:"
                                + " modelled as Winsock error " + ServicePolicy.MODELLED_DISABLED_ERROR + " WSAEACCES");
            }
            for (SandboxSeed.Responder r : vms.responders(endpoint.vmId())) {
                if (r.serviceId().equals(endpoint.serviceId())) {
                    responders.ensure(r);
                }
            }
            candidates = List.of(paths.path(endpoint));
        } else if (endpoint.vmId().equals(VmAlias.LOOPBACK.guid())) {
            candidates = List.of(paths.path(endpoint),
                    paths.path(VmAlias.WILDCARD.guid(), endpoint.serviceId()));
        } else if (VmAlias.byGuid(endpoint.vmId()).isPresent()) {
            candidates = List.of(paths.path(endpoint));
        } else {
            throw new OperationFailedException(Problem.of("net.winsock.unreachable", text, String.valueOf(ms)),
                    "sandbox: no VM has the ID " + endpoint.vmId()
                            + "; Windows reports WSAENETUNREACH (10051) for an unknown VM");
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        OperationFailedException last = null;
        for (Path p : candidates) {
            if (!Files.exists(p) && candidates.size() > 1) {
                continue;
            }
            Duration left = Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
            try {
                return PosixSocket.connect(new PosixAddress.Unix(p), left);
            } catch (OperationFailedException e) {
                last = e;
            }
        }
        throw asHyperV(last, text, ms, candidates.getFirst());
    }

    /** Rephrases a POSIX connect failure as the Hyper-V error Windows would report. */
    private static OperationFailedException asHyperV(OperationFailedException e, String text, long ms, Path path) {
        if (e == null) {
            return new OperationFailedException(Problem.of("net.winsock.refused", text, String.valueOf(ms)),
                    "sandbox: nobody listens at " + path + "; Windows reports WSAECONNREFUSED (10061)");
        }
        String key = e.problem().key();
        if (key.equals("net.error.refused")) {
            return new OperationFailedException(Problem.of("net.winsock.refused", text, String.valueOf(ms)),
                    "sandbox: nobody listens at " + path + " (" + e.detail() + "); Windows reports WSAECONNREFUSED (10061)", e);
        }
        if (key.equals("net.error.busy") || key.equals("net.error.timeout")) {
            return new OperationFailedException(Problem.of("net.winsock.timeout", text, String.valueOf(ms)),
                    "sandbox: " + path + " did not accept in time (" + e.detail() + "); Windows reports WSAETIMEDOUT (10060)", e);
        }
        return e;
    }

    @Override
    public Listener listen(HvEndpoint endpoint) {
        String text = describe(endpoint);
        Optional<SandboxVms.Vm> vm = vms.find(endpoint.vmId());
        if (vm.isPresent()) {
            if (!vm.get().running()) {
                throw new OperationFailedException(Problem.of("net.sandbox.listenVmOff", vm.get().name()),
                        "sandbox: VM " + vm.get().name() + " is " + vm.get().state());
            }
        } else if (!services.isRegistered(endpoint.serviceId())) {
            throw new OperationFailedException(Problem.of("net.winsock.accessBind", text, "0"),
                    "sandbox: service " + endpoint.serviceId() + " is not registered on the host;"
                            + " Windows reports WSAEACCES (10013) when a host listener binds it");
        }
        Path path = paths.path(endpoint);
        if (SandboxResponders.isServed(path)) {
            throw new OperationFailedException(Problem.of("net.error.addressInUse", text),
                    "sandbox: " + path + " already accepts connections; Windows reports WSAEADDRINUSE (10048)");
        }
        return SandboxResponders.bindFresh(path, endpoint);
    }

    /** The socket path of an endpoint (for {@code hvx sandbox path}). */
    public Path path(Guid vm, Guid service) {
        return paths.path(vm, service);
    }
}
