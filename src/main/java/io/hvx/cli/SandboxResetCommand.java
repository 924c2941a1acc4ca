package io.hvx.cli;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VirtualMachine;
import io.hvx.vm.SandboxVmInventory;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvx sandbox reset [--yes]}: the sandbox as it started, the demo services and VMs. Both
 * halves can be undone: the services change is one step of the undo journal ({@code hvx services
 * undo}), and the VMs that were not demo VMs are kept as removed ({@code hvx sandbox vm restore}).
 * Microsoft's in-box services are never touched.
 */
@Command(name = "reset", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class SandboxResetCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--yes", descriptionKey = "option.services.yes")
    boolean yes;

    public SandboxResetCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (ctx.backend().sandboxVms().isEmpty()) {
            throw new InvalidInputException(Problem.of("net.cli.notSandbox", ctx.backend().environment().mode().id()));
        }
        ServiceRegistry services = ctx.backend().services();
        SandboxVmInventory vms = SandboxVmCommand.inventory(ctx);
        ImportPlan plan = services.plan(seedEntries(services.list()), true, true);
        Set<Guid> demoVms = Set.of(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.DEMO_WINDOWS_ID);
        long others = vms.list().stream().filter(v -> !demoVms.contains(v.id())).count();
        if (!yes && !ServicesCommand.confirm(ctx, Messages.get("vms.sandbox.reset.confirm",
                ctx.backend().environment().sandboxDir(), plan.changes().size(), others),
                Problem.of("vms.sandbox.confirm.noTerminal"))) {
            return Cli.OK;
        }
        int changed = 0;
        if (!plan.changes().isEmpty()) {
            ImportPlan.Result r = services.apply(plan);
            changed = r.added() + r.renamed() + r.deleted();
        }
        List<VirtualMachine> aside = vms.reset();
        ctx.out().println(Messages.get("vms.sandbox.reset.done", changed, aside.size()));
        if (changed > 0) {
            ctx.out().println(Messages.get("vms.sandbox.reset.servicesUndo"));
        }
        if (!aside.isEmpty()) {
            ctx.out().println(Messages.get("vms.sandbox.reset.vmsRestore", aside.stream()
                    .map(v -> SandboxVmCommand.shellWord(v.name())).collect(Collectors.joining(", "))));
        }
        return Cli.OK;
    }

    /**
     * The import that makes the registrations a new sandbox's: every seeded service with its
     * seeded name and creator, and a deletion of every other entry except Microsoft's in-box ones.
     */
    static List<ImportPlan.Entry> seedEntries(List<ServiceRegistration> current) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<ImportPlan.Entry> entries = new ArrayList<>();
        Set<Guid> seeded = SandboxSeed.SERVICES.stream().map(SandboxSeed.Service::id).collect(Collectors.toSet());
        for (SandboxSeed.Service s : SandboxSeed.SERVICES) {
            entries.add(new ImportPlan.Entry(s.id(), s.name(), s.createdBy(), s.createdBy() == null ? null : now, false, 0));
        }
        for (ServiceRegistration r : current) {
            if (!seeded.contains(r.id()) && r.kind() != ServiceRegistration.Kind.BUILTIN) {
                entries.add(new ImportPlan.Entry(r.id(), null, null, null, true, 0));
            }
        }
        return entries;
    }
}
