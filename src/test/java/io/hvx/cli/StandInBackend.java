package io.hvx.cli;

import io.hvx.core.Backend;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.PipeConnector;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import java.nio.file.Path;
import java.util.List;

/**
 * A Windows-mode backend with stand-ins where Hyper-V would be: an inventory that lists given
 * VMs (as PowerShell's Get-VM would), given registrations, and an in-memory echo connector
 * that records each endpoint it is asked for.
 */
final class StandInBackend implements Backend {

    private final PipeConnector connector = new PipeConnector(List.of());
    /** The endpoints the connector was asked for. */
    final List<HvEndpoint> connects = connector.endpoints;
    private final List<VirtualMachine> vms;
    private final ServiceRegistry services;
    private final Path dir;

    StandInBackend(Path dir, List<VirtualMachine> vms, ServiceRegistry services) {
        this.dir = dir;
        this.vms = List.copyOf(vms);
        this.services = services;
    }

    @Override
    public Environment environment() {
        return new Environment(Mode.WINDOWS, true, "test", "Windows 11", "25", dir.resolve("sandbox"), dir.resolve("data"));
    }

    @Override
    public Connector connector() {
        return connector;
    }

    @Override
    public ListenerFactory listenerFactory() {
        return endpoint -> {
            throw new AssertionError("no listening in this stand-in");
        };
    }

    @Override
    public ServiceRegistry services() {
        return services;
    }

    @Override
    public VmInventory vms() {
        return () -> vms;
    }
}
