package io.hvx.core.doctor;

import io.hvx.core.Backend;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Explains why a (VM, service) pair cannot be reached: ordered checks from the bottom up —
 * the socket provider, the user's rights, the VM, the service's registration, the Guest Service
 * Interface, and a real connect with its mapped error — each {@code pass}, {@code fail} or
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

    private final Backend backend;
    private final List<DoctorCheck> checks;

    /** The doctor with the {@link #standardChecks()}. */
    public Doctor(Backend backend) {
        this(backend, standardChecks());
    }

    public Doctor(Backend backend, List<DoctorCheck> checks) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.checks = List.copyOf(checks);
    }

    /**
     * The checks in the order they run. A new cause is one more entry here (issue 15 adds "the
     * service is enabled for this VM" after the Guest Service Interface).
     */
    public static List<DoctorCheck> standardChecks() {
        return List.of(new Checks.SocketProvider(), new Checks.Rights(), new Checks.Vm(), new Checks.Service(),
                new Checks.GuestServiceInterface(), new Checks.Connect());
    }

    /**
     * Runs every check in order, handing each result to {@code onEach} as soon as it is known
     * (on this thread). Blocks: the inventory, the registry and a connect may each take seconds.
     */
    public DoctorReport run(VmChoice vm, ServiceChoice service, Duration timeout, Consumer<CheckResult> onEach) {
        DoctorContext ctx = new DoctorContext(backend, vm, service, timeout);
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
