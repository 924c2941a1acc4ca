package io.hvx.core.doctor;

import io.hvx.core.Backend;
import io.hvx.core.Connector;
import io.hvx.core.Environment;
import io.hvx.core.HostChecks;
import io.hvx.core.NameResolver;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmInventory;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Explains why a (VM, service) pair cannot be reached: ordered checks from the bottom up —
 * the socket provider, the user's rights, the VM, the service's registration, the Guest Service
 * Interface, whether the VM's policy enables the service, and a real connect with its mapped error — each {@code pass}, {@code fail} or
 * {@code unknown} with a sentence and, where there is one, a fix. The first failing check is the
 * most likely cause. Used by {@code hvx doctor} and the GUI's Doctor panel; UI-free.
 *
 * <p>Every mode has its equivalent of each check (the sandbox models Hyper-V's rules: a VM that
 * is off, a service only registered services may listen on, nobody listening), so the same
 * causes are found and tested without Hyper-V.
 */
public final class Doctor {

    /** The connect check's timeout when none is given. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    /**
     * What the checks ask: the ports of the mode.
     *
     * @param host     the platform checks, when the backend has them
     * @param policies the per-VM service policies, when the mode has them
     */
    public record Ports(Environment environment, VmInventory vms, ServiceRegistry services, Connector connector,
                        Optional<HostChecks> host, Optional<ServicePolicies> policies) {

        /** The ports of {@code b}. */
        public static Ports of(Backend b) {
            return new Ports(b.environment(), b.vms(), b.services(), b.connector(), b.hostChecks(), b.policies());
        }

        /** The same ports with another inventory (the GUI's long-lived one). */
        public Ports withVms(VmInventory inventory) {
            return new Ports(environment, inventory, services, connector, host, policies);
        }

        /** The one resolver over these ports. */
        public NameResolver names() {
            return new NameResolver(vms, services);
        }
    }

    private final Ports ports;
    private final List<DoctorCheck> checks;

    /** The doctor with the {@link #standardChecks()}. */
    public Doctor(Backend backend) {
        this(Ports.of(backend));
    }

    /** The doctor with the {@link #standardChecks()}. */
    public Doctor(Ports ports) {
        this(ports, standardChecks());
    }

    public Doctor(Ports ports, List<DoctorCheck> checks) {
        this.ports = Objects.requireNonNull(ports, "ports");
        this.checks = List.copyOf(checks);
    }

    /**
     * The checks in the order they run. A new cause is one more entry here ("the service is
     * enabled for this VM", issue 15, comes after the Guest Service Interface).
     */
    public static List<DoctorCheck> standardChecks() {
        return List.of(new Checks.SocketProvider(), new Checks.Rights(), new Checks.Vm(), new Checks.Service(),
                new Checks.GuestServiceInterface(), new ServiceEnabledCheck(), new Checks.Connect());
    }

    /**
     * Runs every check in order, handing each result to {@code onEach} as soon as it is known
     * (on this thread). Blocks: the inventory, the registry and a connect may each take seconds.
     */
    public DoctorReport run(VmChoice vm, ServiceChoice service, Duration timeout, Consumer<CheckResult> onEach) {
        DoctorContext ctx = new DoctorContext(ports, vm, service, timeout);
        List<CheckResult> results = new ArrayList<>();
        for (DoctorCheck c : checks) {
            CheckResult r = c.run(ctx);
            results.add(r);
            onEach.accept(r);
        }
        return new DoctorReport(vm.label(), service.isTyped() ? service.where() : service.label(), ctx.target(), results);
    }

    /** {@link #run(VmChoice, ServiceChoice, Duration, Consumer)} for what was typed. */
    public DoctorReport run(String vm, String service, Duration timeout) {
        return run(VmChoice.typed(vm), ServiceChoice.typed(service), timeout, r -> { });
    }
}
