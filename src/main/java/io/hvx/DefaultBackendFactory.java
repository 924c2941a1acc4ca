package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
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
import java.nio.file.Path;
import java.util.Optional;

/** The composition root: wires the ports of the chosen mode. */
public final class DefaultBackendFactory implements BackendFactory {

    @Override
    public Backend create(Mode requested, Path sandboxDirOption) {
        Mode mode = requested != null ? requested : ModeDetection.detect();
        Environment env = new Environment(mode, Elevation.isElevated(), Version.get(),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                System.getProperty("java.version"), AppDirs.sandboxDir(sandboxDirOption), AppDirs.dataDir());
        return switch (mode) {
            case WINDOWS -> new DefaultBackend(env, WinsockEndpoints.connector(), WinsockEndpoints.listenerFactory(), null);
            case LINUX_GUEST -> new DefaultBackend(env, VsockEndpoints.connector(), VsockEndpoints.listenerFactory(), null);
            case SANDBOX -> {
                SandboxPaths paths = SandboxPaths.forSandbox(env.sandboxDir());
                SandboxVms vms = SeededSandbox.vms();
                SandboxEndpoints endpoints = new SandboxEndpoints(paths, vms, SeededSandbox.services(),
                        new SandboxResponders(paths));
                yield new DefaultBackend(env, endpoints, endpoints, vms);
            }
        };
    }

    /** The ports for one environment. */
    static final class DefaultBackend implements Backend {
        private final Environment env;
        private final Connector connector;
        private final ListenerFactory listenerFactory;
        private final SandboxVms sandboxVms;

        DefaultBackend(Environment env, Connector connector, ListenerFactory listenerFactory, SandboxVms sandboxVms) {
            this.env = env;
            this.connector = connector;
            this.listenerFactory = listenerFactory;
            this.sandboxVms = sandboxVms;
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
