package io.hvx.cli;

import io.hvx.DefaultBackendFactory;
import io.hvx.core.BackendFactory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

/** Runs the CLI in-process and captures what it prints. */
public final class CliHarness {

    /** What one run printed and returned. */
    public record Result(int exit, String out, String err, byte[] rawOut) {
    }

    private final BackendFactory factory;
    private final Path sandboxDir;
    private final boolean interactive;
    private final boolean stdoutTerminal;

    public CliHarness(Path sandboxDir) {
        this(new DefaultBackendFactory(sandboxDir.resolve("data")), sandboxDir);
    }

    public CliHarness(BackendFactory factory, Path sandboxDir) {
        this(factory, sandboxDir, false, false);
    }

    private CliHarness(BackendFactory factory, Path sandboxDir, boolean interactive, boolean stdoutTerminal) {
        this.factory = factory;
        this.sandboxDir = sandboxDir;
        this.interactive = interactive;
        this.stdoutTerminal = stdoutTerminal;
    }

    /**
     * The same harness as if run at a terminal: {@code interactive} when a person can answer
     * (stdin and stdout are a terminal), {@code stdoutTerminal} when only the output is shown.
     */
    public CliHarness atTerminal(boolean interactive, boolean stdoutTerminal) {
        return new CliHarness(factory, sandboxDir, interactive, stdoutTerminal);
    }

    public Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    public Result runWithInput(byte[] stdin, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        InputStream in = new ByteArrayInputStream(stdin);
        BackendFactory f = (mode, dir) -> factory.create(mode, dir != null ? dir : sandboxDir);
        CliContext ctx = new CliContext(new PrintWriter(out, true), new PrintWriter(err, true), in, raw, f,
                (mode, dir) -> {
                    throw new AssertionError("the GUI must not start in CLI tests");
                }, interactive).stdoutTerminal(() -> stdoutTerminal);
        int code = Cli.run(ctx, args);
        return new Result(code, out.toString(), err.toString(), raw.toByteArray());
    }
}
