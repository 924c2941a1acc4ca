package io.hvx.cli;

import io.hvx.core.HvEndpoint;
import io.hvx.core.StreamConnection;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Problem;
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

    @Option(names = "--timeout", paramLabel = "MS", defaultValue = "5000", descriptionKey = "option.connect.timeout")
    long timeoutMs;

    public ConnectCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        if (timeoutMs < 1 || timeoutMs > 300_000) {
            throw new InvalidInputException(Problem.of("net.cli.timeout", timeoutMs));
        }
        EndpointNames names = EndpointNames.basic(ctx.backend());
        HvEndpoint ep = new HvEndpoint(names.vm(vm), names.service(service));
        try (StreamConnection c = ctx.backend().connector().connect(ep, Duration.ofMillis(timeoutMs))) {
            StdioBridge.run(c, ctx.in(), ctx.rawOut());
        }
        return Cli.OK;
    }
}
