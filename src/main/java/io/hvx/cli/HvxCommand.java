package io.hvx.cli;

import io.hvx.core.Mode;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the list of subcommands. */
@Command(name = "hvx", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        resourceBundle = "i18n.cli",
        subcommands = {
                InfoCommand.class,
                GuidCommand.class,
                AddressCommand.class,
                ServicesCommand.class,
                VmsCommand.class,
                ConnectCommand.class,
                ListenCommand.class,
                TestCommand.class,
                SelftestCommand.class,
                DoctorCommand.class,
                SandboxCommand.class,
                GuiCommand.class,
        })
public final class HvxCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public HvxCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Option(names = "--mode", paramLabel = "MODE", scope = ScopeType.INHERIT, descriptionKey = "option.mode")
    void setMode(Mode mode) {
        ctx.setMode(mode);
    }

    @Option(names = "--sandbox-dir", paramLabel = "DIR", scope = ScopeType.INHERIT, descriptionKey = "option.sandboxDir")
    void setSandboxDir(Path dir) {
        ctx.setSandboxDir(dir);
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return Cli.OK;
    }
}
