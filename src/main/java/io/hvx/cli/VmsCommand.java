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
            throw new InvalidInputException(Problem.of("vms.error.timeoutRange", String.valueOf(timeoutSeconds)));
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
        VmInventory.Listing listing = inventory.listing();
        List<VirtualMachine> vms = listing.vms();
        if (json) {
            List<Map<String, Object>> out = new ArrayList<>();
            for (VirtualMachine vm : vms) {
                out.add(toJson(vm));
            }
            ctx.printJson(out);
            // the JSON stays a plain array; the note goes beside it, on stderr
            listing.noteIfAny().ifPresent(n -> ctx.err().println(n.message()));
        } else {
            print(ctx.out(), vms);
            listing.noteIfAny().ifPresent(n -> ctx.out().println(n.message()));
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
        String[] head = {Messages.get("vms.column.name"), Messages.get("vms.column.state"), Messages.get("vms.column.id"),
                Messages.get("vms.column.uptime"), Messages.get("vms.column.generation"), Messages.get("vms.column.memory")};
        List<String[]> rows = new ArrayList<>();
        rows.add(head);
        for (VirtualMachine vm : vms) {
            rows.add(new String[] {vm.name(), vm.state(), vm.id().toString(), VmFormat.uptime(vm),
                    VmFormat.generation(vm.generation()), VmFormat.memory(vm.memoryAssigned())});
        }
        int[] widths = new int[head.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], width(r[i]));
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                sb.append(r[i]);
                if (i < r.length - 1) {
                    sb.append(" ".repeat(widths[i] - width(r[i]) + 2));
                }
            }
            out.println(sb);
        }
    }

    /** Terminal columns of {@code s}: East Asian wide characters take two, so CJK names align. */
    static int width(String s) {
        return s.codePoints().map(cp -> wide(cp) ? 2 : 1).sum();
    }

    private static boolean wide(int cp) {
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL
                || cp >= 0x3000 && cp <= 0x303F || cp >= 0xFF01 && cp <= 0xFF60 || cp >= 0xFFE0 && cp <= 0xFFE6;
    }
}
