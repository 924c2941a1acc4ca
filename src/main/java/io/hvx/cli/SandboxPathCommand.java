package io.hvx.cli;

import io.hvx.core.HvEndpoint;
import io.hvx.net.sandbox.SandboxPaths;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx sandbox path VM SERVICE}: the Unix socket path of a sandbox endpoint, for programs
 * outside hvx (socat, the C peer) that serve or connect to it. Its directory is created, so the
 * path can be bound right away.
 */
@Command(name = "path", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class SandboxPathCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "VM", descriptionKey = "param.connect.vm")
    String vm;

    @Parameters(index = "1", paramLabel = "SERVICE", descriptionKey = "param.connect.service")
    String service;

    public SandboxPathCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        HvEndpoint ep = ctx.backend().names().target(vm, service).endpoint();
        Path dir = ctx.backend().environment().sandboxDir();
        Path path = SandboxPaths.forSandbox(dir).path(ep.vmId(), ep.serviceId());
        // `socat UNIX-LISTEN:"$(hvx sandbox path …)"` binds at once: the directory must be there
        SandboxPaths.createParent(path);
        ctx.out().println(path);
        return Cli.OK;
    }
}
