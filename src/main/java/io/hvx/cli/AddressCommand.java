package io.hvx.cli;

import io.hvx.core.Hex;
import io.hvx.core.HvEndpoint;
import io.hvx.core.Messages;
import io.hvx.core.SockaddrHv;
import io.hvx.core.SockaddrVm;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code hvx address}: the socket address bytes for a (VM, service) pair. */
@Command(name = "address", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class AddressCommand implements Callable<Integer> {

    /** Address families the command encodes. */
    public enum Family { hyperv, vsock }

    private final CliContext ctx;

    @Option(names = "--vm", required = true, paramLabel = "NAME|GUID|ALIAS", descriptionKey = "option.vm")
    String vm;

    @Option(names = "--service", required = true, paramLabel = "NAME|GUID|vsock:PORT", descriptionKey = "option.service")
    String service;

    @Option(names = "--family", defaultValue = "hyperv", paramLabel = "hyperv|vsock", descriptionKey = "option.family")
    Family family;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public AddressCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        HvEndpoint ep = ctx.backend().names().target(vm, service).endpoint();
        byte[] bytes = family == Family.vsock ? SockaddrVm.forEndpoint(ep).encode() : SockaddrHv.of(ep).encode();
        if (json) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("family", family.name());
            m.put("length", bytes.length);
            m.put("hex", Hex.of(bytes));
            ctx.printJson(m);
        } else {
            ctx.out().println(Messages.get(family == Family.vsock ? "address.vsock" : "address.hyperv", bytes.length));
            for (int i = 0; i < bytes.length; i += 16) {
                byte[] row = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + 16));
                ctx.out().printf("  %04x  %s%n", i, Hex.spaced(row));
            }
        }
        return Cli.OK;
    }
}
