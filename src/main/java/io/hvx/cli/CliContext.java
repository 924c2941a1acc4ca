package io.hvx.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import io.hvx.core.Backend;
import io.hvx.core.BackendFactory;
import io.hvx.core.Mode;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;

/**
 * What every command needs: the streams, the global options and, built on first use, the
 * backend for the chosen mode. One instance per CLI run; commands get it through their
 * constructor (see {@link Cli}).
 */
public final class CliContext {

    private final PrintWriter out;
    private final PrintWriter err;
    private final InputStream in;
    private final OutputStream rawOut;
    private final BackendFactory backendFactory;
    private final GuiLauncher guiLauncher;
    private final boolean interactive;
    private BooleanSupplier stdoutTerminal = () -> false;
    private Mode mode;
    private Path sandboxDir;
    private Backend backend;

    /**
     * @param rawOut      standard output as bytes (for binary-safe commands such as connect)
     * @param interactive whether a person is at a terminal to answer confirmations
     */
    public CliContext(PrintWriter out, PrintWriter err, InputStream in, OutputStream rawOut,
                      BackendFactory backendFactory, GuiLauncher guiLauncher, boolean interactive) {
        this.out = out;
        this.err = err;
        this.in = in;
        this.rawOut = rawOut;
        this.backendFactory = backendFactory;
        this.guiLauncher = guiLauncher;
        this.interactive = interactive;
    }

    public PrintWriter out() {
        return out;
    }

    public PrintWriter err() {
        return err;
    }

    public InputStream in() {
        return in;
    }

    public OutputStream rawOut() {
        return rawOut;
    }

    public boolean interactive() {
        return interactive;
    }

    /**
     * Says how to find out whether standard output is a terminal when standard input is not (the
     * launcher asks the operating system); without it only {@link #interactive()} counts.
     */
    public CliContext stdoutTerminal(BooleanSupplier probe) {
        this.stdoutTerminal = probe;
        return this;
    }

    /** Whether standard output goes to a terminal (not a file or a pipe). */
    public boolean stdoutIsTerminal() {
        return interactive || stdoutTerminal.getAsBoolean();
    }

    public GuiLauncher guiLauncher() {
        return guiLauncher;
    }

    void setMode(Mode mode) {
        this.mode = mode;
    }

    void setSandboxDir(Path sandboxDir) {
        this.sandboxDir = sandboxDir;
    }

    /** The mode the user asked for, or null to detect. */
    public Mode requestedMode() {
        return mode;
    }

    /** The sandbox directory the user asked for, or null. */
    public Path requestedSandboxDir() {
        return sandboxDir;
    }

    /** The backend for the chosen mode, built on first use. */
    public Backend backend() {
        if (backend == null) {
            backend = backendFactory.create(mode, sandboxDir);
        }
        return backend;
    }

    /** JSON as the CLI prints it: pretty, nulls kept, no HTML escaping. */
    public static Gson json() {
        return Json.GSON;
    }

    /** Holds the Gson instance so that commands which print no JSON never load Gson (start-up time). */
    private static final class Json {
        static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping()
                .setPrettyPrinting().create();
    }

    /** Prints {@code value} as JSON on stdout. */
    public void printJson(Object value) {
        out.println(json().toJson(value));
        out.flush();
    }
}
