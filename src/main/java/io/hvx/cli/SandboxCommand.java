package io.hvx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code hvx sandbox}: the local model of the Hyper-V socket address space. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli",
        subcommands = {SandboxVmCommand.class, SandboxPathCommand.class, SandboxServeCommand.class,
                SandboxResetCommand.class})
public final class SandboxCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final CliContext ctx;

    public SandboxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return Cli.OK;
    }
}
