package io.hvx.cli;

import io.hvx.core.Mode;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The root command: global options and the list of subcommands. */
@Command(name = "hvx", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        resourceBundle = "i18n.cli")
public final class HvxCommand implements Callable<Integer> {

    /**
     * The subcommands in the order {@code hvx --help} lists them. Not in the {@code @Command}
     * annotation, because picocli builds every listed command before parsing, and that reflection
     * is most of a CLI start: {@link Cli} adds only the one a command line names.
     */
    static final List<Class<?>> SUBCOMMANDS = List.of(
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
            GuiCommand.class);

    /** Root options that take a value as the next argument (see {@link #subcommandName}). */
    private static final List<String> OPTIONS_WITH_VALUE = List.of("--mode", "--sandbox-dir");

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

    /**
     * The subcommand {@code args} names: the first argument that is neither a root option nor
     * the value of one; null when there is none.
     */
    static String subcommandName(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (OPTIONS_WITH_VALUE.contains(a)) {
                i++;
            } else if (!a.startsWith("-")) {
                return a;
            }
        }
        return null;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return Cli.OK;
    }
}
