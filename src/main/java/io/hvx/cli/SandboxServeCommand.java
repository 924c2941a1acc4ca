package io.hvx.cli;

import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.net.sandbox.SandboxPaths;
import io.hvx.net.sandbox.SandboxResponders;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvx sandbox serve}: runs the built-in responders of every running sandbox VM in the
 * foreground, so programs outside hvx can connect to them, until interrupted ({@code --seconds 0},
 * the default) or for {@code --seconds N}.
 */
@Command(name = "serve", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class SandboxServeCommand implements Callable<Integer> {

    private final CliContext ctx;

    /** Zero: until interrupted. */
    static final NumberOption SECONDS = new NumberOption("--seconds", NumberOption.Unit.SECONDS, 0, 86_400);

    @Option(names = "--seconds", paramLabel = "N", defaultValue = "0", descriptionKey = "option.serve.seconds")
    String seconds;

    public SandboxServeCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        long secs = SECONDS.parse(seconds);
        SandboxVms vms = ctx.backend().sandboxVms().orElseThrow(
                () -> new InvalidInputException(Problem.of("net.cli.notSandbox", ctx.backend().environment().mode().id())));
        SandboxPaths paths = SandboxPaths.forSandbox(ctx.backend().environment().sandboxDir());
        try (SandboxResponders responders = new SandboxResponders(paths)) {
            int served = 0;
            for (SandboxVms.Vm vm : vms.all()) {
                if (!vm.running()) {
                    continue;
                }
                for (SandboxSeed.Responder r : vms.responders(vm.id())) {
                    boolean here = responders.ensure(r).isPresent();
                    ctx.out().println(Messages.get(here ? "net.cli.serving" : "net.cli.servedElsewhere",
                            r.kind(), vm.name(), r.serviceId().toString(), paths.path(r.vmId(), r.serviceId()).toString()));
                    served++;
                }
            }
            if (served == 0) {
                ctx.out().println(Messages.get("net.cli.nothingToServe"));
                return Cli.OK;
            }
            ctx.out().flush();
            Thread.sleep(secs > 0 ? Duration.ofSeconds(secs) : Duration.ofDays(365_000));
        }
        return Cli.OK;
    }
}
