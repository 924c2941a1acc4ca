package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Environment;
import io.hvx.core.Mode;
import io.hvx.core.VmInventory;
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
import io.hvx.vm.HostVmInventory;
import io.hvx.vm.PowerShellVmInventory;
import io.hvx.vm.SandboxVmInventory;
import java.nio.file.Path;
import java.time.Clock;

/** The composition root: wires the ports of the chosen mode. */
public final class DefaultBackendFactory implements BackendFactory {

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption), AppDirs.dataDir());
        return new DefaultBackend(env, services(env));
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
        private final VmInventory vms;

        DefaultBackend(Environment env, ServiceRegistry services) {
            this.env = env;
            this.services = services;
            this.vms = switch (env.mode()) {
                case WINDOWS -> PowerShellVmInventory.oneShot((String) null, null);
                case LINUX_GUEST -> new HostVmInventory();
                case SANDBOX -> new SandboxVmInventory(env.sandboxDir());
            };
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
        public VmInventory vms() {
            return vms;
        }
    }
}
