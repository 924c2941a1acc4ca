package io.hvx.cli;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.Problem;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmFormat;
import io.hvx.core.VmInventory;
import io.hvx.vm.PowerShellVmInventory;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--timeout", paramLabel = "SEC", descriptionKey = "option.psTimeout")
    Integer timeoutSeconds;

    public VmsCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        if (timeoutSeconds != null && (timeoutSeconds < 1 || timeoutSeconds > 3600)) {
            throw new InvalidInputException(Problem.of("vms.error.timeoutRange", timeoutSeconds));
        }
        VmInventory inventory;
        Duration timeout = timeoutSeconds == null ? null : Duration.ofSeconds(timeoutSeconds);
        if (powershell != null) {
            inventory = PowerShellVmInventory.oneShot(powershell, timeout);
        } else if (timeout != null && ctx.backend().environment().mode() == Mode.WINDOWS) {
            inventory = PowerShellVmInventory.oneShot((String) null, timeout);
        } else {
            inventory = ctx.backend().vms();
        }
        List<VirtualMachine> vms = inventory.list();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualMachine vm : vms) {
                out.add(toJson(vm));
            }
            ctx.printJson(out);
        } else {
            print(ctx.out(), vms);
        }
        return Cli.OK;
    }

    /** The JSON object of one VM, the same in every command that prints VMs. */
    static Map<String, Object> toJson(VirtualMachine vm) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", vm.id().toString());
        m.put("name", vm.name());
        m.put("state", vm.state());
        m.put("uptimeSeconds", vm.uptimeSeconds());
        m.put("generation", vm.generation());
        m.put("version", vm.version());
        m.put("memoryAssigned", vm.memoryAssigned());
        m.put("cpuUsage", vm.cpuUsage());
        return m;
    }

    /** A table of VMs, or a sentence when there are none. */
    static void print(PrintWriter out, List<VirtualMachine> vms) {
        if (vms.isEmpty()) {
            out.println(Messages.get("vms.cli.none"));
            return;
        }
        int nameWidth = Math.max(Messages.get("vms.column.name").length(),
                vms.stream().mapToInt(v -> v.name().length()).max().orElse(4));
        int stateWidth = Math.max(Messages.get("vms.column.state").length(),
                vms.stream().mapToInt(v -> v.state().length()).max().orElse(5));
        String fmt = "%-" + nameWidth + "s  %-" + stateWidth + "s  %-36s  %-12s  %-3s  %s%n";
        out.printf(fmt, Messages.get("vms.column.name"), Messages.get("vms.column.state"), Messages.get("vms.column.id"),
                Messages.get("vms.column.uptime"), Messages.get("vms.column.generation"), Messages.get("vms.column.memory"));
        for (VirtualMachine vm : vms) {
            out.printf(fmt, vm.name(), vm.state(), vm.id(), VmFormat.uptime(vm),
                    VmFormat.generation(vm.generation()), VmFormat.memory(vm.memoryAssigned()));
        }
    }
}
