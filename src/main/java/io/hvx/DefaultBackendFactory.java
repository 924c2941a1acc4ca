package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.Guid;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.Problem;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.net.posix.VsockEndpoints;
import io.hvx.net.sandbox.SandboxEndpoints;
import io.hvx.net.sandbox.SandboxPaths;
import io.hvx.net.sandbox.SandboxResponders;
import io.hvx.net.windows.WinsockEndpoints;
import io.hvx.platform.AppDirs;
import io.hvx.platform.Elevation;
import io.hvx.platform.Logs;
import io.hvx.platform.ModeDetection;
import io.hvx.platform.Version;
import io.hvx.platform.WindowsRegistryStore;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.RegistryStore;
import io.hvx.registry.UndoJournal;
import io.hvx.vm.HostVmInventory;
import io.hvx.vm.PowerShellVmInventory;
import io.hvx.vm.SandboxVmInventory;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The composition root: wires the ports of the chosen mode. */
public final class DefaultBackendFactory implements BackendFactory {

    private final Path dataDir;

    /**
     * Keeps settings, the undo journal and logs in the data directory of {@link AppDirs#dataDir(Mode, Path)}:
     * the per-user one, or a chosen sandbox directory.
     */
    public DefaultBackendFactory() {
        this(null);
    }

    /** Keeps settings, the undo journal and logs in {@code dataDir} (tests; null for the default). */
    public DefaultBackendFactory(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption),
                dataDir != null ? dataDir : AppDirs.dataDir(mode, sandboxDirOption));
        Logs.init(env.dataDir().resolve("logs"));
        // one clock for every store: creation stamps, VM uptimes, journal times
        Clock clock = Clock.systemUTC();
        ServiceRegistry services = services(env, clock);
        return switch (mode) {
            case WINDOWS -> new DefaultBackend(env, services, PowerShellVmInventory.oneShot((String) null, null),
                    WinsockEndpoints.connector(), WinsockEndpoints.listenerFactory(), null);
            case LINUX_GUEST -> new DefaultBackend(env, services, new HostVmInventory(),
                    VsockEndpoints.connector(), VsockEndpoints.listenerFactory(), null);
            case SANDBOX -> {
                SandboxVmInventory inventory = new SandboxVmInventory(env.sandboxDir(), clock);
                SandboxVms vms = sandboxVms(inventory);
                SandboxPaths paths = SandboxPaths.forSandbox(env.sandboxDir());
                RegisteredServices registered = id -> services.list().stream().anyMatch(r -> r.id().equals(id));
                SandboxEndpoints endpoints = new SandboxEndpoints(paths, vms, registered, new SandboxResponders(paths));
                yield new DefaultBackend(env, services, inventory, endpoints, endpoints, vms);
            }
        };
    }

    /** The service registry of the mode: registry key, sandbox store or the guest's saved list. */
    static ServiceRegistry services(Environment env, Clock clock) {
        RegistryStore store = switch (env.mode()) {
            case WINDOWS -> WindowsRegistryStore.standard(Elevation::isElevated);
            case SANDBOX -> JsonServiceStore.sandbox(env.sandboxDir(), clock);
            case LINUX_GUEST -> {
                Path saved = env.dataDir().resolve("saved-services.json");
                yield JsonServiceStore.readOnly(saved, Problem.of("error.services.readOnly.guest", saved));
            }
        };
        return new Registrations(store, new UndoJournal(env.dataDir()), "hvx " + env.version(), clock);
    }

    /** The sandbox endpoints' view of the sandbox VM inventory, read afresh on every call. */
    static SandboxVms sandboxVms(SandboxVmInventory inventory) {
        return new SandboxVms() {
            @Override
            public Optional<Vm> find(Guid vmId) {
                return all().stream().filter(v -> v.id().equals(vmId)).findFirst();
            }

            @Override
            public List<SandboxSeed.Responder> responders(Guid vmId) {
                return inventory.responders(vmId);
            }

            @Override
            public List<Vm> all() {
                return inventory.list().stream().map(DefaultBackendFactory::asSandboxVm).toList();
            }
        };
    }

    private static SandboxVms.Vm asSandboxVm(VirtualMachine v) {
        return new SandboxVms.Vm(v.id(), v.name(), v.isRunning(), v.state());
    }

    /** The ports for one environment. */
    static final class DefaultBackend implements Backend {
        private final Environment env;
        private final ServiceRegistry services;
        private final VmInventory vms;
        private final Connector connector;
        private final ListenerFactory listenerFactory;
        private final SandboxVms sandboxVms;

        DefaultBackend(Environment env, ServiceRegistry services, VmInventory vms, Connector connector,
                       ListenerFactory listenerFactory, SandboxVms sandboxVms) {
            this.env = env;
            this.services = services;
            this.vms = vms;
            this.connector = connector;
            this.listenerFactory = listenerFactory;
            this.sandboxVms = sandboxVms;
        }

        @Override
        public Environment environment() {
            return env;
        }

        @Override
        public ServiceRegistry services() {
            return services;
        }

        @Override
        public VmInventory vms() {
            return vms;
        }

        @Override
        public Connector connector() {
            return connector;
        }

        @Override
        public ListenerFactory listenerFactory() {
            return listenerFactory;
        }

        @Override
        public Optional<SandboxVms> sandboxVms() {
            return Optional.ofNullable(sandboxVms);
        }
    }
}
