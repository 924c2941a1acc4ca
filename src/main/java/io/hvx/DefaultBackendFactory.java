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
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
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
import io.hvx.registry.Policies;
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

    /** Keeps settings and the undo journal in the per-user data directory. */
    public DefaultBackendFactory() {
        this(null);
    }

    /** Keeps settings and the undo journal in {@code dataDir} (tests; null for the default). */
    public DefaultBackendFactory(Path dataDir) {
        this.dataDir = dataDir;
    }

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption),
                dataDir != null ? dataDir : AppDirs.dataDir());
        Logs.init(env.dataDir().resolve("logs"));
        // one clock for every store: creation stamps, VM uptimes, journal times
        Clock clock = Clock.systemUTC();
        RegistryStore store = registryStore(env, clock);
        UndoJournal journal = new UndoJournal(env.dataDir());
        return switch (mode) {
            case WINDOWS -> {
                PowerShellVmInventory inventory = PowerShellVmInventory.oneShot((String) null, null);
                Policies policies = new Policies(inventory.policies(), store, journal, clock);
                yield new DefaultBackend(env, registrations(env, store, journal, clock, policies), inventory,
                        WinsockEndpoints.connector(), WinsockEndpoints.listenerFactory(), null, policies);
            }
            case LINUX_GUEST -> new DefaultBackend(env, registrations(env, store, journal, clock, null), new HostVmInventory(),
                    VsockEndpoints.connector(), VsockEndpoints.listenerFactory(), null, null);
            case SANDBOX -> {
                SandboxVmInventory inventory = new SandboxVmInventory(env.sandboxDir(), clock);
                Policies policies = new Policies(inventory.policies(), store, journal, clock);
                ServiceRegistry services = registrations(env, store, journal, clock, policies);
                SandboxVms vms = sandboxVms(inventory);
                SandboxPaths paths = SandboxPaths.forSandbox(env.sandboxDir());
                RegisteredServices registered = id -> services.list().stream().anyMatch(r -> r.id().equals(id));
                SandboxEndpoints endpoints = new SandboxEndpoints(paths, vms, registered, new SandboxResponders(paths));
                yield new DefaultBackend(env, services, inventory, endpoints, endpoints, vms, policies);
            }
        };
    }

    /** Where the mode's registrations live: registry key, sandbox store or the guest's saved list. */
    static RegistryStore registryStore(Environment env, Clock clock) {
        return switch (env.mode()) {
            case WINDOWS -> WindowsRegistryStore.standard(Elevation::isElevated);
            case SANDBOX -> JsonServiceStore.sandbox(env.sandboxDir(), clock);
            case LINUX_GUEST -> {
                Path saved = env.dataDir().resolve("saved-services.json");
                yield JsonServiceStore.readOnly(saved, Problem.of("error.services.readOnly.guest", saved));
            }
        };
    }

    /** The registrations, whose undo also reverts the per-VM policy changes of {@code policies}. */
    private static ServiceRegistry registrations(Environment env, RegistryStore store, UndoJournal journal, Clock clock,
                                                 Policies policies) {
        return new Registrations(store, journal, "hvx " + env.version(), clock, policies);
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

            @Override
            public ServicePolicy policy(Guid vmId, Guid serviceId) {
                return inventory.policy(vmId, serviceId);
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
        private final ServicePolicies policies;

        DefaultBackend(Environment env, ServiceRegistry services, VmInventory vms, Connector connector,
                       ListenerFactory listenerFactory, SandboxVms sandboxVms, ServicePolicies policies) {
            this.env = env;
            this.services = services;
            this.vms = vms;
            this.connector = connector;
            this.listenerFactory = listenerFactory;
            this.sandboxVms = sandboxVms;
            this.policies = policies;
        }

        @Override
        public Optional<ServicePolicies> policies() {
            return Optional.ofNullable(policies);
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
