package io.hvx.cli;

import io.hvx.core.GuidFacts;
import io.hvx.core.Hex;
import io.hvx.core.HvxException;
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

    private static final System.Logger LOG = System.getLogger(GuidCommand.class.getName());

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "GUID|vsock:PORT|ALIAS", descriptionKey = "param.guid")
    String input;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public GuidCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    /** {@code text} with control characters shown as {@code \xNN} (names come from outside). */
    private static String printable(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format(java.util.Locale.ROOT, "\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /**
     * The well-known, registered or VM name of the GUID ({@link io.hvx.core.NameResolver#nameOf}):
     * this reads the service registrations, and the VM inventory (PowerShell on Windows) only
     * for a GUID that could still be a VM's ID. A well-known GUID needs no backend at all.
     */
    private String nameOf(GuidFacts f) {
        if (f.name() != null) {
            return f.name();
        }
        try {
            return ctx.backend().names().nameOf(f.guid()).orElse(null);
        } catch (HvxException e) {
            // the decode stands without a name; say why in the log rather than failing it
            LOG.log(System.Logger.Level.DEBUG, "No backend to name " + f.guid(), e);
            return null;
        }
    }

    @Override
    public Integer call() {
        GuidFacts f = GuidFacts.parse(input);
        String name = nameOf(f);
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("guid", f.guid().toString());
            m.put("name", name);
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
        if (name != null) {
            out.printf(fmt, Messages.get("guid.name"), printable(name));
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
