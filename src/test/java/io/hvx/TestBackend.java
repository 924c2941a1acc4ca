package io.hvx;

import io.hvx.core.Backend;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.HostChecks;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmInventory;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The one backend of the tests: the real sandbox wiring ({@link DefaultBackendFactory}) in a
 * test's own directory, with any port swapped for a stand-in.
 *
 * <pre>{@code
 * Backend b = TestBackend.sandbox(tmp);                        // tmp/sandbox, tmp/data
 * Backend failing = TestBackend.sandbox(tmp).withVms(() -> { throw new OperationFailedException(...); });
 * }</pre>
 */
public record TestBackend(Environment environment, ServiceRegistry services, VmInventory vms, Connector connector,
                          ListenerFactory listenerFactory, Optional<HostChecks> hostChecks,
                          ServicePolicies servicePolicies) implements Backend {

    /** The sandbox backend with its files under {@code dir/sandbox} and its data (undo journal, logs) under {@code dir/data}. */
    public static TestBackend sandbox(Path dir) {
        return sandbox(dir.resolve("sandbox"), dir.resolve("data"));
    }

    /** The sandbox backend over {@code sandboxDir} (e.g. the CLI's {@code --sandbox-dir}), its data in {@code dataDir}. */
    public static TestBackend sandbox(Path sandboxDir, Path dataDir) {
        Backend b = new DefaultBackendFactory(dataDir).create(Mode.SANDBOX, sandboxDir);
        return new TestBackend(b.environment(), b.services(), b.vms(), b.connector(), b.listenerFactory(), b.hostChecks(),
                b.policies().orElse(null));
    }

    /** A backend without per-VM policies. */
    public TestBackend(Environment environment, ServiceRegistry services, VmInventory vms, Connector connector,
                       ListenerFactory listenerFactory, Optional<HostChecks> hostChecks) {
        this(environment, services, vms, connector, listenerFactory, hostChecks, null);
    }

    @Override
    public Optional<ServicePolicies> policies() {
        return Optional.ofNullable(servicePolicies);
    }

    public TestBackend withVms(VmInventory inventory) {
        return new TestBackend(environment, services, inventory, connector, listenerFactory, hostChecks, servicePolicies);
    }

    public TestBackend withServices(ServiceRegistry registry) {
        return new TestBackend(environment, registry, vms, connector, listenerFactory, hostChecks, servicePolicies);
    }

    public TestBackend withConnector(Connector c) {
        return new TestBackend(environment, services, vms, c, listenerFactory, hostChecks, servicePolicies);
    }

    public TestBackend withHostChecks(HostChecks checks) {
        return new TestBackend(environment, services, vms, connector, listenerFactory, Optional.of(checks), servicePolicies);
    }

    public TestBackend withEnvironment(Environment env) {
        return new TestBackend(env, services, vms, connector, listenerFactory, hostChecks, servicePolicies);
    }

    /** The same backend with other per-VM policies (null: the mode has none). */
    public TestBackend withPolicies(ServicePolicies policies) {
        return new TestBackend(environment, services, vms, connector, listenerFactory, hostChecks, policies);
    }
}
