package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.RegisteredServices;
import io.hvx.core.SandboxVms;
import io.hvx.net.posix.VsockEndpoints;
import io.hvx.net.sandbox.SandboxEndpoints;
import io.hvx.net.sandbox.SandboxPaths;
import io.hvx.net.sandbox.SandboxResponders;
import io.hvx.net.sandbox.SeededSandbox;
import io.hvx.net.windows.WinsockEndpoints;
import io.hvx.platform.AppDirs;
import io.hvx.platform.Elevation;
import io.hvx.platform.ModeDetection;
import io.hvx.platform.Version;
import io.hvx.platform.WindowsRegistryStore;
import io.hvx.registry.JsonServiceStore;
import io.hvx.registry.Registrations;
import io.hvx.registry.RegistryStore;
import io.hvx.registry.UndoJournal;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/** The composition root: wires the ports of the chosen mode. */
public final class DefaultBackendFactory implements BackendFactory {

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption), AppDirs.dataDir());
        ServiceRegistry services = services(env);
        return switch (mode) {
            case WINDOWS -> new DefaultBackend(env, services, WinsockEndpoints.connector(),
                    WinsockEndpoints.listenerFactory(), null);
            case LINUX_GUEST -> new DefaultBackend(env, services, VsockEndpoints.connector(),
                    VsockEndpoints.listenerFactory(), null);
            case SANDBOX -> {
                SandboxPaths paths = SandboxPaths.forSandbox(env.sandboxDir());
                SandboxVms vms = SeededSandbox.vms();
                RegisteredServices registered = id -> services.list().stream().anyMatch(r -> r.id().equals(id));
                SandboxEndpoints endpoints = new SandboxEndpoints(paths, vms, registered, new SandboxResponders(paths));
                yield new DefaultBackend(env, services, endpoints, endpoints, vms);
            }
        };
    }

    /** The service registry of the mode: registry key, sandbox store or the guest's saved list. */
    static ServiceRegistry services(Environment env) {
        RegistryStore store = switch (env.mode()) {
            case WINDOWS -> WindowsRegistryStore.standard(Elevation::isElevated);
            case SANDBOX -> JsonServiceStore.sandbox(env.sandboxDir());
            case LINUX_GUEST -> {
                Path saved = env.dataDir().resolve("saved-services.json");
                yield JsonServiceStore.readOnly(saved, Problem.of("error.services.readOnly.guest", saved));
            }
        };
        return new Registrations(store, new UndoJournal(env.dataDir()), "hvx " + env.version(), Clock.systemUTC());
    }

    /** The ports for one environment. */
    static final class DefaultBackend implements Backend {
        private final Environment env;
        private final ServiceRegistry services;
        private final Connector connector;
        private final ListenerFactory listenerFactory;
        private final SandboxVms sandboxVms;

        DefaultBackend(Environment env, ServiceRegistry services, Connector connector, ListenerFactory listenerFactory,
                       SandboxVms sandboxVms) {
            this.env = env;
            this.services = services;
            this.connector = connector;
            this.listenerFactory = listenerFactory;
            this.sandboxVms = sandboxVms;
        }

        @Override
        public ServiceRegistry services() {
            return services;
        }

        @Override
        public Environment environment() {
            return env;
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
