package io.hvx;

import io.hvx.cli.Cli;
import io.hvx.cli.CliContext;
import io.hvx.platform.Terminals;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.Charset;

/**
 * Entry point of both the {@code hvx} CLI and the desktop app. A plain class (not an
 * {@code Application}) so the JavaFX runtime is only needed when the GUI opens.
 */
public final class Launcher {

    private Launcher() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI on the process streams; returns the exit code. */
    public static int run(String[] args) {
        Charset cs = System.out.charset();
        OutputStream rawOut = new FileOutputStream(FileDescriptor.out);
        PrintWriter out = new PrintWriter(System.out, true, cs);
        PrintWriter err = new PrintWriter(System.err, true, System.err.charset());
        CliContext ctx = new CliContext(out, err, System.in, rawOut, new DefaultBackendFactory(),
                (mode, dir) -> App.launchAndWait(new DefaultBackendFactory(), mode, dir),
                System.console() != null && System.console().isTerminal())
                .stdoutTerminal(Terminals::stdoutIsTerminal);
        return Cli.run(ctx, args);
    }
}
