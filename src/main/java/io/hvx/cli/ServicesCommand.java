package io.hvx.cli;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.TextSafety;
import io.hvx.registry.ServiceFiles;
import io.hvx.registry.ServiceRules;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code hvx services}: list, register, rename, remove, export, import and undo; per-VM policies
 * with {@code policy}, {@code enable}, {@code disable} and {@code default} ({@link ServicePolicyCommands}).
 */
@Command(name = "services", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli",
        subcommands = {
                ServicesCommand.ListCommand.class,
                ServicesCommand.AddCommand.class,
                ServicesCommand.RenameCommand.class,
                ServicesCommand.RemoveCommand.class,
                ServicesCommand.ExportCommand.class,
                ServicesCommand.ImportCommand.class,
                ServicesCommand.UndoCommand.class,
                ServicePolicyCommands.PolicyCommand.class,
                ServicePolicyCommands.EnableCommand.class,
                ServicePolicyCommands.DisableCommand.class,
                ServicePolicyCommands.DefaultCommand.class,
        })
public final class ServicesCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Spec
    CommandSpec spec;

    public ServicesCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(ctx.out());
        return Cli.OK;
    }

    /**
     * Finds the service an ID argument means: a GUID, {@code vsock:PORT}, or an exact friendly
     * name (refused when two entries share it).
     */
    static Guid resolve(ServiceRegistry reg, String text) {
        Guid id = ServiceRules.tryId(text);
        if (id != null) {
            return id;
        }
        List<ServiceRegistration> named = reg.list().stream().filter(r -> text.equals(r.name())).toList();
        if (named.isEmpty()) {
            throw new InvalidInputException(Problem.of("error.services.id.unknown", text));
        }
        if (named.size() > 1) {
            throw new InvalidInputException(Problem.of("error.services.id.ambiguous", text,
                    String.join(", ", named.stream().map(r -> r.id().toString()).toList())));
        }
        return named.getFirst().id();
    }

    /** A registration as {@code list --json} and {@code add --json} print it; field names are the format. */
    record ServiceJson(String id, String name, String kind, Long vsockPort, String createdBy, String createdAt) {
        static ServiceJson of(ServiceRegistration r) {
            return new ServiceJson(r.id().toString(), r.name(), r.kind().id(), r.vsockPort(), r.createdBy(), r.createdAt());
        }
    }

    /** Text from a store made safe for the terminal, with a dash for none. */
    static String shown(String text) {
        return text == null ? "—" : TextSafety.escapeControls(text);
    }

    /**
     * Asks the person at the terminal; refuses (exit 2) when nobody is there to answer.
     *
     * @return whether the answer was yes
     */
    static boolean confirm(CliContext ctx, String question) {
        return confirm(ctx, question, Problem.of("error.services.confirm.noTerminal"));
    }

    /**
     * Asks {@code question} at the terminal; true for yes.
     *
     * @param noTerminal the refusal (exit 2) when nobody is at a terminal to answer
     */
    static boolean confirm(CliContext ctx, String question, Problem noTerminal) {
        if (!ctx.interactive()) {
            throw new InvalidInputException(noTerminal);
        }
        ctx.out().print(question + " " + Messages.get("services.confirm.suffix") + " ");
        ctx.out().flush();
        try {
            String answer = new BufferedReader(new InputStreamReader(ctx.in(), Charset.defaultCharset())).readLine();
            if (answer == null) {
                return false;
            }
            String a = answer.strip().toLowerCase(Locale.ROOT);
            return a.equals("y") || a.equals("yes") || a.equals(Messages.get("services.confirm.yesWord"));
        } catch (IOException e) {
            // no answer could be read: the question counts as declined, so nothing is changed
            return false;
        }
    }

    /** {@code hvx services list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class ListCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public ListCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<ServiceRegistration> all = ctx.backend().services().list();
            if (json) {
                ctx.printJson(all.stream().map(ServiceJson::of).toList());
                return Cli.OK;
            }
            if (all.isEmpty()) {
                ctx.out().println(Messages.get("services.list.empty"));
                return Cli.OK;
            }
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {Messages.get("services.column.name"), Messages.get("services.column.id"),
                    Messages.get("services.column.kind"), Messages.get("services.column.port"),
                    Messages.get("services.column.createdBy"), Messages.get("services.column.createdAt")});
            for (ServiceRegistration r : all) {
                rows.add(new String[] {r.name() == null ? Messages.get("services.noName") : r.name(),
                        r.id().toString(), r.kind().id(), r.vsockPort() == null ? "" : r.vsockPort().toString(),
                        r.createdBy() == null ? "" : r.createdBy(), r.createdAt() == null ? "" : r.createdAt()});
            }
            TextTable.print(ctx.out(), rows);
            return Cli.OK;
        }
    }

    /** {@code hvx services add}. */
    @Command(name = "add", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class AddCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--name", required = true, paramLabel = "NAME", descriptionKey = "option.services.name")
        String name;

        /** Which GUID to register: a given one or a vsock port's; none means a new random GUID. */
        static final class Which {
            @Option(names = "--id", paramLabel = "GUID", descriptionKey = "option.services.id")
            String id;

            @Option(names = "--vsock-port", paramLabel = "N", descriptionKey = "option.services.vsockPort")
            String vsockPort;
        }

        @ArgGroup(exclusive = true, multiplicity = "0..1")
        Which which;

        @Option(names = "--force", descriptionKey = "option.services.forceName")
        boolean force;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public AddCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Guid guid = which == null ? Guid.random()
                    : which.id != null ? ServiceRules.id(which.id) : ServiceRules.vsockPort(which.vsockPort);
            ServiceRegistration r = ctx.backend().services().add(guid, name, force);
            if (json) {
                ctx.printJson(ServiceJson.of(r));
            } else {
                ctx.out().println(r.id());
            }
            return Cli.OK;
        }
    }

    /** {@code hvx services rename}. */
    @Command(name = "rename", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class RenameCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "param.services.id")
        String target;

        @Option(names = "--name", required = true, paramLabel = "NAME", descriptionKey = "option.services.name")
        String name;

        @Option(names = "--force", descriptionKey = "option.services.forceRename")
        boolean force;

        public RenameCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ServiceRegistry reg = ctx.backend().services();
            Guid id = resolve(reg, target);
            String old = reg.list().stream().filter(x -> x.id().equals(id)).findFirst()
                    .map(ServiceRegistration::name).orElse(null);
            ServiceRegistration r = reg.rename(id, name, force, force);
            ctx.out().println(Messages.get("services.renamed", r.id(), shown(old), shown(r.name())));
            return Cli.OK;
        }
    }

    /** {@code hvx services remove}. */
    @Command(name = "remove", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class RemoveCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "ID", descriptionKey = "param.services.id")
        String target;

        @Option(names = "--force", descriptionKey = "option.services.force")
        boolean force;

        @Option(names = "--yes", descriptionKey = "option.services.yes")
        boolean yes;

        public RemoveCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            ServiceRegistry reg = ctx.backend().services();
            Guid id = resolve(reg, target);
            ServiceRegistration r = reg.editable(id, force);
            if (!yes && !confirm(ctx, Messages.get("services.confirm.remove", r.id(), shown(r.name())))) {
                ctx.out().println(Messages.get("services.cancelled"));
                return Cli.FAILED;
            }
            reg.remove(id, force);
            ctx.out().println(Messages.get("services.removed", r.id(), shown(r.name())));
            return Cli.OK;
        }
    }

    /** {@code hvx services export}. */
    @Command(name = "export", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class ExportCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--format", paramLabel = "reg|ps1|json", descriptionKey = "option.services.format")
        String format;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", descriptionKey = "option.services.output")
        Path output;

        @Parameters(paramLabel = "ID", arity = "0..*", descriptionKey = "param.services.ids")
        List<String> ids = new ArrayList<>();

        public ExportCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() throws IOException {
            ServiceFiles.Format f = format(format, output);
            ServiceRegistry reg = ctx.backend().services();
            List<ServiceRegistration> all = reg.list();
            List<ServiceRegistration> chosen;
            if (ids.isEmpty()) {
                chosen = all;
            } else {
                chosen = new ArrayList<>();
                for (String t : ids) {
                    Guid id = resolve(reg, t);
                    ServiceRegistration r = all.stream().filter(x -> x.id().equals(id)).findFirst()
                            .orElseThrow(() -> new InvalidInputException(Problem.of("error.services.notFound", id)));
                    if (!chosen.contains(r)) {
                        chosen.add(r);
                    }
                }
            }
            if (output == null) {
                if (f == ServiceFiles.Format.REG && ctx.stdoutIsTerminal()) {
                    // a .reg file is UTF-16: on a terminal it shows as spaced-out noise, and a copy of it is no .reg file
                    throw new InvalidInputException(Problem.of("error.services.export.regToTerminal"));
                }
                ctx.out().flush();
                ctx.rawOut().write(ServiceFiles.export(f, chosen));
                ctx.rawOut().flush();
            } else {
                Path dir = output.toAbsolutePath().getParent();
                if (dir != null && !Files.isDirectory(dir)) {
                    // a typo in the path must not leave new directories behind
                    throw new OperationFailedException(Problem.of("error.services.export.noDir", dir));
                }
                ServiceFiles.export(f, chosen, output);
                ctx.out().println(Messages.get("services.exported", chosen.size(), output.toAbsolutePath()));
            }
            return Cli.OK;
        }

        private static ServiceFiles.Format format(String text, Path output) {
            if (text == null) {
                return output == null ? ServiceFiles.Format.REG
                        : ServiceFiles.Format.byExtension(output.getFileName().toString()).orElse(ServiceFiles.Format.REG);
            }
            for (ServiceFiles.Format f : ServiceFiles.Format.values()) {
                if (f.extension().equalsIgnoreCase(text.strip())) {
                    return f;
                }
            }
            throw new InvalidInputException(Problem.of("error.services.format", text));
        }
    }

    /** {@code hvx services import}. */
    @Command(name = "import", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class ImportCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "FILE", descriptionKey = "param.services.file")
        Path file;

        @Option(names = "--dry-run", descriptionKey = "option.services.dryRun")
        boolean dryRun;

        @Option(names = "--allow-delete", descriptionKey = "option.services.allowDelete")
        boolean allowDelete;

        @Option(names = "--force", descriptionKey = "option.services.force")
        boolean force;

        @Option(names = "--yes", descriptionKey = "option.services.yes")
        boolean yes;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public ImportCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        /**
         * Prints the plan, then applies it. A refused row refuses the whole import (exit 2, naming
         * the row and the option that would allow it) before anything is asked or written.
         */
        @Override
        public Integer call() {
            ServiceRegistry reg = ctx.backend().services();
            ImportPlan plan = reg.plan(ServiceFiles.read(file), allowDelete, force);
            Optional<Problem> refused = plan.refusal();
            if (json && (dryRun || refused.isPresent())) {
                ctx.printJson(PlanJson.of(plan, null));
            } else if (!json) {
                printPlan(ctx.out(), plan);
            }
            if (dryRun) {
                return Cli.OK;
            }
            if (refused.isPresent()) {
                throw new InvalidInputException(refused.get());
            }
            if (plan.changes().isEmpty()) {
                if (json) {
                    ctx.printJson(PlanJson.of(plan, reg.apply(plan)));
                } else {
                    ctx.out().println(Messages.get("services.import.nothing"));
                }
                return Cli.OK;
            }
            if (!yes && !confirm(ctx, Messages.get("services.confirm.import", plan.changes().size()))) {
                ctx.out().println(Messages.get("services.cancelled"));
                return Cli.FAILED;
            }
            ImportPlan.Result r = reg.apply(plan);
            if (json) {
                ctx.printJson(PlanJson.of(plan, r));
            } else {
                ctx.out().println(Messages.get("services.import.done", r.added(), r.renamed(), r.deleted(), r.unchanged()));
            }
            return Cli.OK;
        }

        static void printPlan(PrintWriter out, ImportPlan plan) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {Messages.get("services.column.action"), Messages.get("services.column.id"),
                    Messages.get("services.column.name"), Messages.get("services.column.reason")});
            for (ImportPlan.Step s : plan.steps()) {
                String name = s.entry().name() != null ? s.entry().name() : s.currentName() != null ? s.currentName() : "";
                rows.add(new String[] {Messages.get(s.action().labelKey()), s.entry().id().toString(), name,
                        s.reason() == null ? "" : s.reason().message()});
            }
            TextTable.print(out, rows);
        }

        /** One row of the plan as {@code --json} prints it. */
        record StepJson(String action, String id, String name, String currentName, String reason, Integer line) {
        }

        /** The plan and, once applied, the counts (null before). */
        record PlanJson(List<StepJson> steps, boolean applied, Integer added, Integer renamed, Integer deleted) {
            static PlanJson of(ImportPlan plan, ImportPlan.Result result) {
                List<StepJson> steps = plan.steps().stream().map(s -> new StepJson(s.action().id(), s.entry().id().toString(),
                        s.entry().name(), s.currentName(), s.reason() == null ? null : s.reason().message(),
                        s.entry().line() == 0 ? null : s.entry().line())).toList();
                return result == null ? new PlanJson(steps, false, null, null, null)
                        : new PlanJson(steps, true, result.added(), result.renamed(), result.deleted());
            }
        }
    }

    /** {@code hvx services undo}. */
    @Command(name = "undo", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class UndoCommand implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public UndoCommand(CliContext ctx) {
            this.ctx = ctx;
        }

        /** What was undone, as {@code --json} prints it. */
        record UndoneJson(String action, List<String> ids, String at) {
        }

        @Override
        public Integer call() {
            ServiceRegistry.UndoableChange c = ctx.backend().services().undo();
            if (json) {
                ctx.printJson(new UndoneJson(c.action(), c.ids().stream().map(Guid::toString).toList(), c.at()));
            } else {
                ctx.out().println(Messages.get("services.undone", Messages.get(c.labelKey()), c.ids().size(), c.at()));
            }
            return Cli.OK;
        }
    }
}
