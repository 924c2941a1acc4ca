package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI builds only the subcommand a command line names (start-up time), and behaves as if it had them all. */
class CommandSelectionTest {

    @TempDir
    Path sandbox;

    private static final CliContext CTX = new CliContext(new PrintWriter(Writer.nullWriter()),
            new PrintWriter(Writer.nullWriter()), null, null, null, null, false);

    @Test
    void theSubcommandIsTheFirstArgumentThatIsNoOptionOrOptionValue() {
        assertThat(HvxCommand.subcommandName(new String[] {"guid", "vsock:5000"})).isEqualTo("guid");
        assertThat(HvxCommand.subcommandName(new String[] {"--mode", "sandbox", "sandbox", "vm", "list"})).isEqualTo("sandbox");
        assertThat(HvxCommand.subcommandName(new String[] {"--sandbox-dir", "info", "services", "list"})).isEqualTo("services");
        assertThat(HvxCommand.subcommandName(new String[] {"--mode=sandbox", "--sandbox-dir=/x", "info"})).isEqualTo("info");
        assertThat(HvxCommand.subcommandName(new String[] {"--version"})).isNull();
        assertThat(HvxCommand.subcommandName(new String[] {"--mode"})).isNull();
        assertThat(HvxCommand.subcommandName(new String[0])).isNull();
    }

    @Test
    void onlyTheNamedSubcommandIsBuilt() {
        assertThat(Cli.commandLine(CTX, "guid").getSubcommands().keySet()).containsExactly("guid");
        assertThat(Cli.commandLine(CTX, "sandbox").getSubcommands().get("sandbox").getSubcommands().keySet())
                .contains("vm", "path", "serve");
    }

    @Test
    void everySubcommandIsBuiltWhenNoneOrAnUnknownOneIsNamed() {
        var all = Cli.commandLine(CTX).getSubcommands().keySet();
        assertThat(all).containsExactly("info", "guid", "address", "services", "vms", "connect", "listen", "test", "selftest", "doctor", "sandbox", "gui");
        assertThat(Cli.commandLine(CTX, "giud").getSubcommands().keySet()).isEqualTo(all);
    }

    @Test
    void noArgumentsPrintTheUsageWithEveryCommand() {
        var r = new CliHarness(sandbox).run();
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("Usage: hvx ").contains("guid", "services", "sandbox", "gui");
    }

    @Test
    void aMisspeltCommandIsAUsageErrorThatNamesIt() {
        var r = new CliHarness(sandbox).run("giud", "vsock:5000");
        assertThat(r.exit()).isEqualTo(Cli.USAGE);
        assertThat(r.err()).contains("giud");
    }

    @Test
    void rootOptionsWorkBeforeAndAfterTheSubcommand() {
        var before = new CliHarness(sandbox).run("--mode", "sandbox", "guid", "vsock:5000", "--json");
        var after = new CliHarness(sandbox).run("guid", "vsock:5000", "--json", "--mode", "sandbox");
        assertThat(before.exit()).isZero();
        assertThat(after.exit()).isZero();
        assertThat(after.out()).isEqualTo(before.out()).contains("00001388-facb-11e6-bd58-64006a7986d3");
    }
}
