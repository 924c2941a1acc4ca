package io.hvx.cli;

import picocli.CommandLine.Command;

/**
 * {@code hvx sandbox}: manages the sandbox (its VMs, its endpoint paths). A plain container:
 * each feature adds its subcommand to the list.
 */
@Command(name = "sandbox", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli",
        subcommands = {
                SandboxVmCommand.class,
        })
public final class SandboxCommand {
}
