package io.hvx.cli;

import io.hvx.core.Backend;
import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.NameResolver;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicies.Row;
import io.hvx.core.ServicePolicy;
import io.hvx.core.VmAlias;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx services policy|enable|disable|default}: which registered services each VM may use
 * (Hyper-V's per-VM {@code EnabledStatePolicy}; the sandbox keeps it with its VMs). VMs and
 * services are named as everywhere else ({@link NameResolver}); a change for every VM asks first
 * unless {@code --yes}; every change is one step that {@code hvx services undo} reverts.
 */
final class ServicePolicyCommands {

    private ServicePolicyCommands() {
    }

    /** The policies of this mode, or the sentence saying it has none. */
    static ServicePolicies policies(Backend backend) {
        return backend.policies().orElseThrow(() -> new OperationFailedException(
                Problem.of("error.policy.unsupported", backend.environment().mode().id())));
    }

    /** The VM {@code text} names; an alias is not a VM and has no policies. */
    static NameResolver.Named vm(Backend backend, String text) {
        NameResolver.Named vm = backend.names().vm(text);
        VmAlias.byGuid(vm.id()).ifPresent(a -> {
            throw new InvalidInputException(Problem.of("error.policy.alias", a.alias()));
        });
        return vm;
    }

    /** One row as {@code --json} prints it; field names are the format. */
    record RowJson(String vm, String vmName, String service, String serviceName, String policy, String effective,
                   boolean reported, boolean registered) {
        static RowJson of(Row r) {
            return new RowJson(r.vmId().toString(), r.vmName(), r.serviceId().toString(), r.serviceName(),
                    r.policy().id(), r.effective().name().toLowerCase(Locale.ROOT), r.reported(), r.registered());
        }
    }

    /** {@code hvx services policy [VM]}. */
    @Command(name = "policy", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    static final class PolicyCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", arity = "0..1", paramLabel = "VM", descriptionKey = "param.policy.vm")
        String vm;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        PolicyCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ServicePolicies policies = policies(ctx.backend());
            ServicePolicies.Table table = vm == null ? policies.table() : policies.of(vm(ctx.backend(), vm).id());
            if (json) {
                ctx.printJson(table.rows().stream().map(RowJson::of).toList());
                table.noteIfAny().ifPresent(n -> ctx.err().println(n.message()));
                return Cli.OK;
            }
            if (table.vms().isEmpty()) {
                ctx.out().println(Messages.get("vms.cli.none"));
            } else if (table.rows().isEmpty()) {
                ctx.out().println(Messages.get("services.list.empty"));
            } else if (vm != null) {
                printOne(table);
            } else {
                printMatrix(table);
            }
            table.noteIfAny().ifPresent(n -> ctx.out().println(n.message()));
            return Cli.OK;
        }

        /** One VM: a row per service with its policy and whether it is on. */
        private void printOne(ServicePolicies.Table table) {
            ctx.out().println(Messages.get("services.policy.cli.vm", table.vms().getFirst().name(), table.vms().getFirst().id()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {Messages.get("services.column.name"), Messages.get("services.column.id"),
                    Messages.get("services.column.policy"), Messages.get("services.column.effective")});
            for (Row r : table.rows()) {
                rows.add(new String[] {r.serviceLabel(), r.serviceId().toString(), Messages.get(r.policy().labelKey()),
                        Messages.get(r.effective().labelKey())});
            }
            TextTable.print(ctx.out(), rows);
            ctx.out().println(Messages.get("services.policy.cli.effectiveLegend"));
        }

        /** Every VM: a row per service, a column per VM. */
        private void printMatrix(ServicePolicies.Table table) {
            Map<Guid, Map<Guid, Row>> byService = new LinkedHashMap<>();
            for (Row r : table.rows()) {
                byService.computeIfAbsent(r.serviceId(), k -> new LinkedHashMap<>()).put(r.vmId(), r);
            }
            List<String[]> rows = new ArrayList<>();
            String[] header = new String[2 + table.vms().size()];
            header[0] = Messages.get("services.column.name");
            header[1] = Messages.get("services.column.id");
            for (int i = 0; i < table.vms().size(); i++) {
                header[2 + i] = table.vms().get(i).name();
            }
            rows.add(header);
            for (Map<Guid, Row> perVm : byService.values()) {
                Row any = perVm.values().iterator().next();
                String[] row = new String[header.length];
                row[0] = any.serviceLabel();
                row[1] = any.serviceId().toString();
                for (int i = 0; i < table.vms().size(); i++) {
                    Row r = perVm.get(table.vms().get(i).id());
                    row[2 + i] = r == null ? "" : cell(r);
                }
                rows.add(row);
            }
            TextTable.print(ctx.out(), rows);
            ctx.out().println(Messages.get("services.policy.cli.legend"));
        }

        /** {@code enabled}, {@code disabled} or {@code default (on)}. */
        private static String cell(Row r) {
            if (r.policy() != ServicePolicy.DEFERRED) {
                return Messages.get(r.policy().labelKey());
            }
            return Messages.get("services.policy.cell.deferred", Messages.get(r.effective().labelKey()));
        }
    }

    /** Which VMs a change is for: one, or all. */
    static final class Which {
        @Option(names = "--vm", paramLabel = "VM", descriptionKey = "option.policy.vm")
        String vm;

        @Option(names = "--all-vms", descriptionKey = "option.policy.allVms")
        boolean all;
    }

    /** What {@code enable}, {@code disable} and {@code default} print with {@code --json}. */
    record ChangeJson(String service, String policy, List<RowJson> changed, int unchanged) {
    }

    /** The common part of {@code enable}, {@code disable} and {@code default}. */
    abstract static class SetCommand implements Callable<Integer> {
        private final CliContext ctx;
        private final ServicePolicy policy;

        @Parameters(index = "0", paramLabel = "SERVICE", descriptionKey = "param.policy.service")
        String service;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Which which;

        @Option(names = "--yes", descriptionKey = "option.policy.yes")
        boolean yes;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        SetCommand(CliContext ctx, ServicePolicy policy) {
            this.ctx = ctx;
            this.policy = policy;
        }

        @Override
        public Integer call() {
            Backend backend = ctx.backend();
            ServicePolicies policies = policies(backend);
            NameResolver.Named s = backend.names().service(service);
            String label = Messages.get(policy.labelKey());
            ServicePolicies.Result result;
            if (which.all) {
                int vms = policies.table().vms().size();
                if (!yes && !ctx.interactive()) {
                    throw new InvalidInputException(Problem.of("error.policy.confirm.noTerminal"));
                }
                if (!yes && !ServicesCommand.confirm(ctx, Messages.get("services.policy.confirm.all", label, s.name(), s.id(), vms))) {
                    ctx.out().println(Messages.get("services.cancelled"));
                    return Cli.FAILED;
                }
                result = policies.setOnAllVms(s.id(), policy);
            } else {
                result = policies.set(vm(backend, which.vm).id(), s.id(), policy);
            }
            if (json) {
                ctx.printJson(new ChangeJson(s.id().toString(), policy.id(),
                        result.changed().stream().map(RowJson::of).toList(), result.unchanged()));
                return Cli.OK;
            }
            if (result.changed().isEmpty()) {
                ctx.out().println(Messages.get("services.policy.unchanged", label, ServicesCommand.shown(s.name())));
                return Cli.OK;
            }
            String vms = String.join(", ", result.changed().stream().map(Row::vmName).map(ServicesCommand::shown).toList());
            ctx.out().println(Messages.get("services.policy.done", label, ServicesCommand.shown(s.name()), s.id(), vms));
            if (result.unchanged() > 0) {
                ctx.out().println(Messages.get("services.policy.alreadyCount", result.unchanged()));
            }
            return Cli.OK;
        }
    }

    /** {@code hvx services enable}. */
    @Command(name = "enable", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    static final class EnableCommand extends SetCommand {
        EnableCommand(CliContext ctx) {
            super(ctx, ServicePolicy.ENABLED);
        }
    }

    /** {@code hvx services disable}. */
    @Command(name = "disable", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    static final class DisableCommand extends SetCommand {
        DisableCommand(CliContext ctx) {
            super(ctx, ServicePolicy.DISABLED);
        }
    }

    /** {@code hvx services default}: the VM's default decides again (Deferred). */
    @Command(name = "default", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    static final class DefaultCommand extends SetCommand {
        DefaultCommand(CliContext ctx) {
            super(ctx, ServicePolicy.DEFERRED);
        }
    }
}
