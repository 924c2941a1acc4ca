package io.hvx.core.doctor;

import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.NameResolver;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicies;
import io.hvx.core.VirtualMachine;
import java.util.Optional;

/**
 * "The service is enabled for this VM" (issue 15): the VM's per-VM policy for the service
 * (Hyper-V's {@code EnabledStatePolicy}; the sandbox keeps it with its VMs). A service the VM's
 * policy (or its default) disables fails, with the command that enables it. What Windows answers a
 * connect to a disabled service with is not documented (the sandbox models WSAEACCES): this check
 * names the cause whatever the connect check then reports.
 */
final class ServiceEnabledCheck implements DoctorCheck {

    @Override
    public String id() {
        return "serviceEnabled";
    }

    @Override
    public String titleKey() {
        return Messages.key("doctor.check.serviceEnabled");
    }

    @Override
    public CheckResult run(DoctorContext ctx) {
        if (ctx.ports().environment().mode() == Mode.LINUX_GUEST) {
            return CheckResult.unknown(this, Problem.of("doctor.policy.notHere"));
        }
        Optional<ServicePolicies> policies = ctx.ports().policies();
        Optional<VirtualMachine> vm = ctx.vmEntry();
        Optional<NameResolver.Named> service = ctx.service();
        if (policies.isEmpty() || vm.isEmpty() || service.isEmpty()) {
            return CheckResult.unknown(this, Problem.of("doctor.policy.noVm"));
        }
        Optional<ServicePolicies.Row> row;
        try {
            row = policies.get().of(vm.get().id()).find(vm.get().id(), service.get().id());
        } catch (HvxException e) {
            return CheckResult.unknown(this, Problem.of("doctor.policy.failed", e.getMessage())).withDetail(e.detail());
        }
        if (row.isEmpty()) {
            return CheckResult.unknown(this, Problem.of("doctor.policy.noRow", service.get().name(), vm.get().name()));
        }
        ServicePolicies.Row r = row.get();
        String policy = Messages.get(r.policy().labelKey());
        return switch (r.effective()) {
            case ENABLED -> CheckResult.pass(this, Problem.of("doctor.policy.enabled", r.serviceLabel(), r.vmName(), policy));
            case DISABLED -> CheckResult.fail(this, Problem.of("doctor.policy.disabled", r.serviceLabel(), r.vmName(), policy))
                    .withFix(Fix.command(Problem.of("doctor.fix.enableService"),
                            "hvx services enable " + r.serviceId() + " --vm " + r.vmId()));
            case UNKNOWN -> CheckResult.unknown(this, Problem.of("doctor.policy.unknown", r.serviceLabel(), r.vmName(), policy));
        };
    }
}
