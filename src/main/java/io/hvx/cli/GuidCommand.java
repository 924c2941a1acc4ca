package io.hvx.cli;

import io.hvx.core.GuidFacts;
import io.hvx.core.Hex;
import io.hvx.core.Messages;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hvx guid}: the GUID workbench on the command line. */
@Command(name = "guid", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class GuidCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "GUID|vsock:PORT|ALIAS", descriptionKey = "param.guid")
    String input;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public GuidCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        GuidFacts f = GuidFacts.parse(input);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("guid", f.guid().toString());
            m.put("name", f.name());
            m.put("alias", f.alias().map(a -> a.alias()).orElse(null));
            m.put("vsockPort", f.vsockPort().isPresent() ? f.vsockPort().getAsLong() : null);
            m.put("windowsBytes", f.windowsHex());
            m.put("rfc4122Bytes", f.rfc4122Hex());
            ctx.printJson(m);
            return Cli.OK;
        }
        PrintWriter out = ctx.out();
        String fmt = "%-18s %s%n";
        out.printf(fmt, Messages.get("guid.canonical"), f.guid());
        if (f.name() != null) {
            out.printf(fmt, Messages.get("guid.name"), f.name());
        }
        f.alias().ifPresent(a -> out.printf(fmt, Messages.get("guid.alias"), a.alias() + " — " + Messages.get(a.helpKey())));
        if (f.vsockPort().isPresent()) {
            out.printf(fmt, Messages.get("guid.vsockPort"), f.vsockPort().getAsLong()
                    + String.format(" (0x%x)", f.vsockPort().getAsLong()));
        }
        out.printf(fmt, Messages.get("guid.windowsBytes"), Hex.spaced(f.guid().toWindowsBytes()));
        out.printf(fmt, Messages.get("guid.rfc4122Bytes"), Hex.spaced(f.guid().toRfc4122Bytes()));
        out.println();
        out.printf(fmt, Messages.get("guid.form.defineGuid"), f.cDefineGuid(f.suggestedSymbol()));
        out.printf(fmt, Messages.get("guid.form.initializer"), f.cInitializer());
        out.printf(fmt, Messages.get("guid.form.powershell"), f.powerShell());
        out.printf(fmt, Messages.get("guid.form.registry"), f.registryPath());
        return Cli.OK;
    }
}
