package io.hvx.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code hvx gui}: opens the desktop app with the same global options. */
@Command(name = "gui", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class GuiCommand implements Callable<Integer> {

    private final CliContext ctx;

    public GuiCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() {
        ctx.guiLauncher().launch(ctx.requestedMode(), ctx.requestedSandboxDir());
        return Cli.OK;
    }
}
