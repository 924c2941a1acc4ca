package io.hvx;

import io.hvx.cli.CheckedOutput;
import io.hvx.cli.Cli;
import io.hvx.cli.CliContext;
import io.hvx.core.Messages;
import io.hvx.core.TextSafety;
import io.hvx.platform.Logs;
import io.hvx.platform.Terminals;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Entry point of both the {@code hvx} CLI and the desktop app. A plain class (not an
 * {@code Application}) so the JavaFX runtime is only needed when the GUI opens.
 */
public final class Launcher {

    private static final System.Logger LOG = System.getLogger(Launcher.class.getName());

    private Launcher() {
    }

    public static void main(String[] args) {
        Thread.setDefaultUncaughtExceptionHandler(oneLine(System.err));
        System.exit(run(args));
    }

    /**
     * A thread that dies of a defect says so in one line on {@code err}, not with a stack trace at
     * the user; the trace goes to the log file once there is one (a command that has no backend
     * has none, and then the JDK's console handler must not print it either).
     */
    static Thread.UncaughtExceptionHandler oneLine(PrintStream err) {
        return (t, e) -> {
            if (Logs.currentFile() != null) {
                LOG.log(System.Logger.Level.ERROR, "Thread " + t.getName() + " ended by an unexpected failure", e);
            }
            err.println("hvx: " + TextSafety.escapeControls(Messages.get("cli.error.unexpected", String.valueOf(e))));
        };
    }

    /**
     * Runs the CLI on the process streams; returns the exit code. Text and bytes share one
     * {@link CheckedOutput}, so a command whose output could not be written does not exit 0.
     */
    public static int run(String[] args) {
        Charset cs = System.out.charset();
        CheckedOutput stdout = new CheckedOutput(new FileOutputStream(FileDescriptor.out));
        PrintWriter out = new PrintWriter(stdout, true, cs);
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        CliContext ctx = new CliContext(out, err, System.in, stdout, new DefaultBackendFactory(),
                (mode, dir) -> App.launchAndWait(new DefaultBackendFactory(), mode, dir),
                System.console() != null && System.console().isTerminal())
                .stdoutTerminal(Terminals::stdoutIsTerminal);
        return CheckedOutput.settle(Cli.run(ctx, args), stdout, err);
    }
}
