package io.hvx.cli;

import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.TextSafety;
import java.lang.reflect.Constructor;
import java.util.List;
import picocli.CommandLine;

/**
 * Runs the {@code hvx} command line. Exit codes everywhere: 0 success, 1 the operation failed,
 * 2 invalid input or usage (one line on stderr), 3 needs elevation.
 */
public final class Cli {

    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int NEEDS_ELEVATION = 3;

    private Cli() {
    }

    /** Parses and runs {@code args}; returns the exit code. */
    public static int run(CliContext ctx, String... args) {
        CommandLine cl = commandLine(ctx, HvxCommand.subcommandName(args));
        int code = cl.execute(args);
        ctx.out().flush();
        ctx.err().flush();
        return code;
    }

    /** The configured command line with every subcommand, exposed for tests of the command tree. */
    public static CommandLine commandLine(CliContext ctx) {
        return commandLine(ctx, null);
    }

    /**
     * The configured command line with only the subcommand {@code wanted}, or with all of them
     * when {@code wanted} is null or names none (usage, suggestions for a misspelt command).
     */
    static CommandLine commandLine(CliContext ctx, String wanted) {
        CommandLine cl = new CommandLine(new HvxCommand(ctx), new ContextFactory(ctx));
        List<Class<?>> subcommands = HvxCommand.SUBCOMMANDS.stream()
                .filter(c -> nameOf(c).equals(wanted)).toList();
        for (Class<?> c : subcommands.isEmpty() ? HvxCommand.SUBCOMMANDS : subcommands) {
            cl.addSubcommand(nameOf(c), c);
        }
        // the settings below reach the subcommands present now, so they come after addSubcommand
        cl.setOut(ctx.out());
        cl.setErr(ctx.err());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // `--mode sandbox` must read as the option value even though `sandbox` is also a command
        cl.setAllowSubcommandsAsOptionParameters(true);
        cl.setUsageHelpAutoWidth(true);
        cl.registerConverter(Mode.class, text -> Mode.byId(text).orElseThrow(
                () -> new CommandLine.TypeConversionException(Messages.get("cli.error.mode", text))));
        cl.setParameterExceptionHandler((ex, args) -> {
            ex.getCommandLine().getErr().println("hvx: " + TextSafety.escapeControls(usageMessage(ex.getMessage())));
            seeHelp(ex.getCommandLine());
            return USAGE;
        });
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof HvxException h) {
                // messages quote names from files, the registry and PowerShell: never raw to the terminal
                commandLine.getErr().println("hvx: " + TextSafety.escapeControls(h.getMessage()));
                if (h.detail() != null && !h.detail().isBlank()) {
                    for (String line : h.detail().strip().split("\n")) {
                        commandLine.getErr().println("  " + TextSafety.escapeControls(line));
                    }
                }
                if (h instanceof OptionValueException) {
                    seeHelp(commandLine);
                }
                return h.exitStatus();
            }
            commandLine.getErr().println("hvx: " + Messages.get("cli.error.unexpected", String.valueOf(ex)));
            return FAILED;
        });
        return cl;
    }

    /** The second line of every usage error: where the command's usage is. */
    private static void seeHelp(CommandLine commandLine) {
        commandLine.getErr().println(Messages.get("cli.error.seeHelp", commandLine.getCommandSpec().qualifiedName()));
    }

    private static String nameOf(Class<?> command) {
        return command.getAnnotation(CommandLine.Command.class).name();
    }

    /**
     * One format for every usage error, {@code hvx: <sentence>}: the first line of picocli's
     * message without the {@code Error: } that some of its messages (argument groups) start with.
     */
    static String usageMessage(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        String line = (nl < 0 ? s : s.substring(0, nl)).strip();
        return line.startsWith("Error: ") ? line.substring("Error: ".length()) : line;
    }

    /** Gives commands with a {@code (CliContext)} constructor their context. */
    private record ContextFactory(CliContext ctx) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> cls) throws Exception {
            try {
                Constructor<K> c = cls.getDeclaredConstructor(CliContext.class);
                return c.newInstance(ctx);
            } catch (NoSuchMethodException e) {
                // a command (or picocli helper) that needs no context: picocli builds it as usual
                return CommandLine.defaultFactory().create(cls);
            }
        }
    }
}
