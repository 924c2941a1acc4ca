package io.hvx.cli;

import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.core.TextSafety;
import io.hvx.core.VirtualMachine;
import io.hvx.vm.SandboxVmInventory;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx sandbox vm}: the sandbox's VMs, for demos and tests. Works in any mode on the
 * sandbox directory ({@code --sandbox-dir}, {@code HVX_SANDBOX_DIR} or the default).
 */
@Command(name = "vm", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli",
        subcommands = {
                SandboxVmCommand.ListVms.class,
                SandboxVmCommand.Add.class,
                SandboxVmCommand.State.class,
                SandboxVmCommand.Remove.class,
                SandboxVmCommand.Restore.class,
        })
public final class SandboxVmCommand {

    /** The states a sandbox VM can be put in. */
    public enum PowerState { running, off }

    /** The backend's inventory in sandbox mode; in other modes one on the sandbox directory. */
    static SandboxVmInventory inventory(CliContext ctx) {
        if (ctx.backend().vms() instanceof SandboxVmInventory sandbox) {
            return sandbox;
        }
        return new SandboxVmInventory(ctx.backend().environment().sandboxDir());
    }

    /** {@code hvx sandbox vm list}. */
    @Command(name = "list", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class ListVms implements Callable<Integer> {
        private final CliContext ctx;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public ListVms(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            List<VirtualMachine> vms = inventory(ctx).list();
            if (json) {
                ctx.printJson(vms.stream().map(VmsCommand.VmJson::of).toList());
            } else {
                VmsCommand.print(ctx.out(), vms);
            }
            return Cli.OK;
        }
    }

    /** {@code hvx sandbox vm add NAME [--id GUID] [--state running|off]}: prints the new VM's ID. */
    @Command(name = "add", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class Add implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME", descriptionKey = "param.sandboxVmName")
        String name;

        @Option(names = "--id", paramLabel = "GUID", descriptionKey = "option.sandboxVmId")
        String id;

        @Option(names = "--state", paramLabel = "running|off", defaultValue = "running",
                descriptionKey = "option.sandboxVmState")
        PowerState state;

        @Option(names = "--json", descriptionKey = "option.json")
        boolean json;

        public Add(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            Guid guid = null;
            if (id != null) {
                guid = Guid.tryParse(id);
                if (guid == null) {
                    throw new InvalidInputException(Problem.of("vms.sandbox.error.idInvalid", id));
                }
            }
            VirtualMachine vm = inventory(ctx).add(name, guid, state == PowerState.running);
            if (json) {
                ctx.printJson(VmsCommand.VmJson.of(vm));
            } else {
                ctx.out().println(vm.id());
            }
            return Cli.OK;
        }
    }

    /** {@code hvx sandbox vm state NAME|ID running|off}. */
    @Command(name = "state", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class State implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME|ID", descriptionKey = "param.sandboxVmRef")
        String ref;

        @Parameters(index = "1", paramLabel = "running|off", descriptionKey = "param.sandboxVmState")
        PowerState state;

        public State(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            VirtualMachine vm = inventory(ctx).setState(ref, state == PowerState.running);
            ctx.out().println(Messages.get("vms.sandbox.state.done", TextSafety.escapeControls(vm.name()), vm.id(),
                    TextSafety.escapeControls(vm.state())));
            return Cli.OK;
        }
    }

    /** {@code hvx sandbox vm remove NAME|ID [--yes]}: asks first; {@code restore} undoes it. */
    @Command(name = "remove", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class Remove implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", paramLabel = "NAME|ID", descriptionKey = "param.sandboxVmRef")
        String ref;

        @Option(names = "--yes", descriptionKey = "option.services.yes")
        boolean yes;

        public Remove(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            SandboxVmInventory inventory = inventory(ctx);
            // the question names the VM the reference resolves to (and an unknown name fails before asking)
            VirtualMachine target = inventory.find(ref);
            if (!yes && !ServicesCommand.confirm(ctx, Messages.get("vms.sandbox.remove.confirm",
                    TextSafety.escapeControls(target.name()), target.id()), Problem.of("vms.sandbox.confirm.noTerminal"))) {
                return Cli.OK;
            }
            VirtualMachine vm = inventory.remove(target.id().toString());
            ctx.out().println(Messages.get("vms.sandbox.remove.done", TextSafety.escapeControls(vm.name()), vm.id()));
            ctx.out().println(Messages.get("vms.sandbox.remove.restoreHint", shellWord(vm.name())));
            return Cli.OK;
        }
    }

    /** {@code hvx sandbox vm restore [NAME|ID]}: puts back a removed VM (the one removed last by default). */
    @Command(name = "restore", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
    public static final class Restore implements Callable<Integer> {
        private final CliContext ctx;

        @Parameters(index = "0", arity = "0..1", paramLabel = "NAME|ID", descriptionKey = "param.sandboxVmRemoved")
        String ref;

        public Restore(CliContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public Integer call() {
            VirtualMachine vm = inventory(ctx).restore(ref);
            ctx.out().println(Messages.get("vms.sandbox.restore.done", TextSafety.escapeControls(vm.name()), vm.id(),
                    TextSafety.escapeControls(vm.state())));
            return Cli.OK;
        }
    }

    /** A VM name as one shell word, for commands the user may paste. */
    static String shellWord(String name) {
        String safe = TextSafety.escapeControls(name);
        return safe.matches("[A-Za-z0-9._@%+=:,/-]+") ? safe : "'" + safe.replace("'", "'\\''") + "'";
    }
}
