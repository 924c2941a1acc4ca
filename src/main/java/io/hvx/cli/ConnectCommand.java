package io.hvx.cli;

import io.hvx.core.Connector;
import io.hvx.core.NameResolver;
import io.hvx.core.session.ConnectionSession;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hvx connect VM SERVICE}: a binary-safe stdin/stdout bridge to a service, like nc. */
@Command(name = "connect", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class ConnectCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "VM", descriptionKey = "param.connect.vm")
    String vm;

    @Parameters(index = "1", paramLabel = "SERVICE", descriptionKey = "param.connect.service")
    String service;

    static final NumberOption TIMEOUT = new NumberOption("--timeout", NumberOption.Unit.MILLISECONDS, 1, 300_000);

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000", descriptionKey = "option.connect.timeout")
    String timeout;

    public ConnectCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        long timeoutMs = TIMEOUT.parse(timeout);
        NameResolver.Target target = ctx.backend().names().target(vm, service);
        Connector connector = ctx.backend().connector();
        StdioBridge.run(events -> ConnectionSession.connect(connector, target.endpoint(), Duration.ofMillis(timeoutMs),
                Clock.systemUTC(), events), ctx.in(), ctx.rawOut(), null);
        return Cli.OK;
    }
}
