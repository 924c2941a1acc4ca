package io.hvx.cli;

import io.hvx.core.Backend;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.HvEndpoint;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.StreamConnection;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A Windows-mode backend with stand-ins where Hyper-V would be: an inventory that lists given
 * VMs (as PowerShell's Get-VM would), given registrations, and a connector that records each
 * endpoint it is asked for and answers like an echo service.
 */
final class StandInBackend implements Backend {

    final List<HvEndpoint> connects = new CopyOnWriteArrayList<>();
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
        return (endpoint, timeout) -> {
            connects.add(endpoint);
            return new Echo();
        };
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

    /** Echoes what is written; EOF after the writer half-closes. */
    private static final class Echo implements StreamConnection {
        private static final byte[] EOF = new byte[0];
        private final LinkedBlockingQueue<byte[]> echoed = new LinkedBlockingQueue<>();
        private volatile boolean closed;
        private byte[] current;
        private int pos;

        @Override
        public int read(ByteBuffer dst) {
            try {
                while (current == null || pos == current.length) {
                    current = echoed.take();
                    pos = 0;
                    if (closed) {
                        throw new OperationFailedException(Problem.of("net.error.closed", "stand-in"));
                    }
                    if (current == EOF) {
                        return -1;
                    }
                }
            } catch (InterruptedException e) {
                throw new OperationFailedException(Problem.of("net.error.closed", "stand-in"));
            }
            int n = Math.min(dst.remaining(), current.length - pos);
            dst.put(current, pos, n);
            pos += n;
            return n;
        }

        @Override
        public int write(ByteBuffer src) {
            byte[] b = new byte[src.remaining()];
            src.get(b);
            echoed.add(b);
            return b.length;
        }

        @Override
        public void shutdownOutput() {
            echoed.add(EOF);
        }

        @Override
        public void close() {
            closed = true;
            echoed.add(new byte[1]);
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public String localAddress() {
            return "stand-in:local";
        }

        @Override
        public String peerAddress() {
            return "stand-in:peer";
        }
    }
}
