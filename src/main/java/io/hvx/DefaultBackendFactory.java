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
import io.hvx.vm.HostVmInventory;
import io.hvx.vm.PowerShellVmInventory;
import io.hvx.vm.SandboxVmInventory;
import java.nio.file.Path;

/** The composition root: wires the ports of the chosen mode. */
public final class DefaultBackendFactory implements BackendFactory {

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption), AppDirs.dataDir());
        return new DefaultBackend(env);
    }

    /** The ports for one environment. */
    static final class DefaultBackend implements Backend {
        private final Environment env;
        private final VmInventory vms;

        DefaultBackend(Environment env) {
            this.env = env;
            this.vms = switch (env.mode()) {
                case WINDOWS -> PowerShellVmInventory.oneShot((String) null, null);
                case LINUX_GUEST -> new HostVmInventory();
                case SANDBOX -> new SandboxVmInventory(env.sandboxDir());
            };
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
