package io.hvx.vm;

import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.VmInventory;
import java.util.List;

/**
 * Inside a Linux guest the only VM a socket can reach is the host: the parent partition,
 * vsock CID 2. Its integration services are the host's business and are not visible here.
 */
public final class HostVmInventory implements VmInventory {

    /** The name the host is listed (and can be addressed) by. */
    public static final String HOST_NAME = "host";

    private static final VirtualMachine HOST =
            new VirtualMachine(VmAlias.PARENT.guid(), HOST_NAME, VirtualMachine.RUNNING, 0, 0, "", 0, 0);

    @Override
    public List<VirtualMachine> list() {
        return List.of(HOST);
    }
}
