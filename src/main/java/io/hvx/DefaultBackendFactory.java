package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.Guid;
import io.hvx.core.HostChecks;
import io.hvx.core.HvxException;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.Problem;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.SockaddrVm;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixErrors;
import io.hvx.net.posix.PosixSocket;
import io.hvx.net.posix.VsockEndpoints;
import io.hvx.net.sandbox.SandboxEndpoints;
import io.hvx.net.sandbox.SandboxPaths;
import io.hvx.net.sandbox.SandboxResponders;
import io.hvx.net.windows.WinsockEndpoints;
import io.hvx.net.windows.WinsockErrors;
import io.hvx.net.windows.WinsockSocket;
import io.hvx.platform.AppDirs;
import io.hvx.platform.Elevation;
import io.hvx.platform.HyperVAdministrators;
import io.hvx.platform.Logs;
import io.hvx.platform.ModeDetection;
import io.hvx.platform.RegistrationKeys;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;

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
        // every port is built on first use: a command pays only for the stores, inventories and
        // native libraries it touches (`hvx info` none of them)
        Supplier<RegistryStore> store = lazy(() -> registryStore(env, clock));
        Supplier<UndoJournal> journal = lazy(() -> new UndoJournal(env.dataDir()));
        HostChecks checks = hostChecks(env);
        return switch (mode) {
            case WINDOWS -> {
                Supplier<PowerShellVmInventory> inventory = lazy(() -> PowerShellVmInventory.oneShot((String) null, null));
                Supplier<Policies> policies = lazy(() -> new Policies(inventory.get().policies(), store.get(), journal.get(), clock));
                yield new DefaultBackend(env, lazy(() -> registrations(env, store.get(), journal.get(), clock, policies.get())),
                        inventory, lazy(WinsockEndpoints::connector), lazy(WinsockEndpoints::listenerFactory), () -> null,
                        checks, policies);
            }
            case LINUX_GUEST -> new DefaultBackend(env, lazy(() -> registrations(env, store.get(), journal.get(), clock, null)),
                    lazy(HostVmInventory::new), lazy(VsockEndpoints::connector), lazy(VsockEndpoints::listenerFactory),
                    () -> null, checks, () -> null);
            case SANDBOX -> {
                Supplier<SandboxVmInventory> inventory = lazy(() -> new SandboxVmInventory(env.sandboxDir(), clock));
                Supplier<Policies> policies = lazy(() -> new Policies(inventory.get().policies(), store.get(), journal.get(), clock));
                Supplier<ServiceRegistry> services = lazy(() -> registrations(env, store.get(), journal.get(), clock, policies.get()));
                Supplier<SandboxVms> vms = lazy(() -> sandboxVms(inventory.get()));
                Supplier<SandboxEndpoints> endpoints = lazy(() -> {
                    SandboxPaths paths = SandboxPaths.forSandbox(env.sandboxDir());
                    RegisteredServices registered = id -> services.get().list().stream().anyMatch(r -> r.id().equals(id));
                    return new SandboxEndpoints(paths, vms.get(), registered, new SandboxResponders(paths));
                });
                yield new DefaultBackend(env, services, inventory::get, endpoints::get, endpoints::get, vms, checks, policies);
            }
        };
    }

    /** {@code factory}'s value, made on the first call (from any thread) and kept. */
    private static <T> Supplier<T> lazy(Supplier<? extends T> factory) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = factory.get();
                }
                return value;
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

    /**
     * What the doctor and the self-test ask the platform, per mode: socket creation (AF_HYPERV,
     * AF_VSOCK or AF_UNIX), the user's rights (elevation and Hyper-V Administrators on Windows,
     * the endpoint directory in the sandbox) and Windows's default connect timeout.
     */
    static HostChecks hostChecks(Environment env) {
        // nothing is loaded or probed until the doctor or the self-test asks (CLI start-up counts)
        return switch (env.mode()) {
            case WINDOWS -> HostChecks.of(DefaultBackendFactory::hyperVProvider,
                    () -> new HostChecks.Rights.Windows(Elevation.isElevated(), HyperVAdministrators.isMember()),
                    DefaultBackendFactory::hyperVDefaultTimeout, id -> RegistrationKeys.standard().names(id));
            case LINUX_GUEST -> HostChecks.of(
                    () -> posixProvider(new PosixAddress.Vsock(new SockaddrVm(SockaddrVm.CID_ANY, 0)), "AF_VSOCK 40"),
                    HostChecks.Rights.Guest::new, OptionalLong::empty);
            case SANDBOX -> HostChecks.of(
                    () -> posixProvider(new PosixAddress.Unix(endpointRoot(env).resolve("x")), "AF_UNIX 1"),
                    () -> new HostChecks.Rights.Sandbox(endpointRoot(env).toString(), canCreateIn(endpointRoot(env))),
                    OptionalLong::empty);
        };
    }

    private static Path endpointRoot(Environment env) {
        return SandboxPaths.forSandbox(env.sandboxDir()).root();
    }

    private static HostChecks.Probe hyperVProvider() {
        String call = "socket(AF_HYPERV 34, SOCK_STREAM, HV_PROTOCOL_RAW 1)";
        try {
            int r = WinsockSocket.probeHyperV();
            return new HostChecks.Probe(r == 0, call + ": " + (r == 0 ? "created"
                    : "Winsock error " + r + " " + WinsockErrors.name(r)));
        } catch (HvxException | LinkageError e) {
            // no ws2_32 (not Windows) or WSAStartup failed: that is the answer to report
            return new HostChecks.Probe(false, call + ": " + e.getMessage());
        }
    }

    private static OptionalLong hyperVDefaultTimeout() {
        try {
            return WinsockSocket.defaultConnectTimeoutMs();
        } catch (HvxException | LinkageError e) {
            // reported as "could not be read"; the provider check says why
            return OptionalLong.empty();
        }
    }

    private static HostChecks.Probe posixProvider(PosixAddress family, String name) {
        String call = "socket(" + name + ", SOCK_STREAM, 0)";
        try {
            int r = PosixSocket.probe(family);
            return new HostChecks.Probe(r == 0, call + ": " + (r == 0 ? "created" : "errno " + r + " " + PosixErrors.name(r)));
        } catch (LinkageError e) {
            // no libc through JNA (not Linux): that is the answer to report
            return new HostChecks.Probe(false, call + ": " + e.getMessage());
        }
    }

    /** Whether this user can create sockets in {@code dir}, or create {@code dir} where it is missing. */
    static boolean canCreateIn(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) {
            p = p.getParent();
        }
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
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

    /** The ports for one environment, each built on first use. */
    static final class DefaultBackend implements Backend {
        private final Environment env;
        private final Supplier<ServiceRegistry> services;
        private final Supplier<? extends VmInventory> vms;
        private final Supplier<? extends Connector> connector;
        private final Supplier<? extends ListenerFactory> listenerFactory;
        private final Supplier<SandboxVms> sandboxVms;
        private final HostChecks hostChecks;
        private final Supplier<? extends ServicePolicies> policies;

        DefaultBackend(Environment env, Supplier<ServiceRegistry> services, Supplier<? extends VmInventory> vms,
                       Supplier<? extends Connector> connector, Supplier<? extends ListenerFactory> listenerFactory,
                       Supplier<SandboxVms> sandboxVms, HostChecks hostChecks, Supplier<? extends ServicePolicies> policies) {
            this.env = env;
            this.services = services;
            this.vms = vms;
            this.connector = connector;
            this.listenerFactory = listenerFactory;
            this.sandboxVms = sandboxVms;
            this.hostChecks = hostChecks;
            this.policies = policies;
        }

        @Override
        public Optional<ServicePolicies> policies() {
            return Optional.ofNullable(policies.get());
        }

        @Override
        public Optional<HostChecks> hostChecks() {
            return Optional.of(hostChecks);
        }

        @Override
        public Environment environment() {
            return env;
        }

        @Override
        public ServiceRegistry services() {
            return services.get();
        }

        @Override
        public VmInventory vms() {
            return vms.get();
        }

        @Override
        public Connector connector() {
            return connector.get();
        }

        @Override
        public ListenerFactory listenerFactory() {
            return listenerFactory.get();
        }

        @Override
        public Optional<SandboxVms> sandboxVms() {
            return Optional.ofNullable(sandboxVms.get());
        }
    }
}
