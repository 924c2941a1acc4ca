package io.hvx.cli;

import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmFormat;
import io.hvx.core.VmInventory;
import io.hvx.vm.PowerShellVmInventory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hvx vms}: the VMs a connection can target in the current mode. */
@Command(name = "vms", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class VmsCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    @Option(names = "--powershell", paramLabel = "PATH", descriptionKey = "option.powershell")
    String powershell;

    static final NumberOption TIMEOUT = new NumberOption("--timeout", NumberOption.Unit.SECONDS, 1, 3600);

    @Option(names = "--timeout", paramLabel = "SEC", descriptionKey = "option.psTimeout")
    String timeout;

    public VmsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        VmInventory inventory;
        Duration psTimeout = timeout == null ? null : Duration.ofSeconds(TIMEOUT.parse(timeout));
        if (powershell != null) {
            inventory = PowerShellVmInventory.oneShot(powershell, psTimeout);
        } else if (psTimeout != null && ctx.backend().environment().mode() == Mode.WINDOWS) {
            inventory = PowerShellVmInventory.oneShot((String) null, psTimeout);
        } else {
            inventory = ctx.backend().vms();
        }
        VmInventory.Listing listing = inventory.listing();
        List<VirtualMachine> vms = listing.vms();
        if (json) {
            ctx.printJson(vms.stream().map(VmJson::of).toList());
            // the JSON stays a plain array; the note goes beside it, on stderr
            listing.noteIfAny().ifPresent(n -> ctx.err().println(n.message()));
        } else {
            print(ctx.out(), vms);
            listing.noteIfAny().ifPresent(n -> ctx.out().println(n.message()));
        }
        return Cli.OK;
    }

    /** One VM as {@code --json} prints it, the same in every command that prints VMs; field names are the format. */
    record VmJson(String id, String name, String state, long uptimeSeconds, int generation, String version,
                  long memoryAssigned, int cpuUsage) {
        static VmJson of(VirtualMachine vm) {
            return new VmJson(vm.id().toString(), vm.name(), vm.state(), vm.uptimeSeconds(), vm.generation(), vm.version(),
                    vm.memoryAssigned(), vm.cpuUsage());
        }
    }

    /** A table of VMs (names and states escaped), or a sentence when there are none. */
    static void print(PrintWriter out, List<VirtualMachine> vms) {
        if (vms.isEmpty()) {
            out.println(Messages.get("vms.cli.none"));
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {Messages.get("vms.column.name"), Messages.get("vms.column.state"), Messages.get("vms.column.id"),
                Messages.get("vms.column.uptime"), Messages.get("vms.column.generation"), Messages.get("vms.column.memory")});
        for (VirtualMachine vm : vms) {
            rows.add(new String[] {vm.name(), vm.state(), vm.id().toString(), VmFormat.uptime(vm),
                    VmFormat.generation(vm.generation()), VmFormat.memory(vm.memoryAssigned())});
        }
        TextTable.print(out, rows);
    }
}
