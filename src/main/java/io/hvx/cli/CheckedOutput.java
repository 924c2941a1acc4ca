package io.hvx.cli;

import io.hvx.core.Messages;
import io.hvx.core.TextSafety;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Optional;

/**
 * Standard output that remembers how writing to it failed. The CLI's text goes through a
 * {@link PrintWriter}, which swallows write errors; without this, {@code hvx … > /dev/full}
 * printed nothing, said nothing and exited 0. The launcher wraps the process's standard output
 * in one of these, and {@link #settle} turns a failed write into exit 1 with its cause.
 *
 * <p>One failure is not a failure: the reader going away ({@code hvx connect … | head}), which
 * ends the output the way the reader asked for. Java reports it only by the message of the
 * {@link IOException} ({@code EPIPE}'s "Broken pipe" on Linux and macOS, "The pipe is being
 * closed" / "The pipe has been ended" on Windows); a system that words it in another language
 * gets exit 1 for it, which is wrong in the safe direction.
 */
public final class CheckedOutput extends FilterOutputStream {

    private volatile IOException failure;

    public CheckedOutput(OutputStream out) {
        super(out);
    }

    @Override
    public void write(int b) throws IOException {
        try {
            out.write(b);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        try {
            out.write(b, off, len);
        } catch (IOException e) {
            throw record(e);
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            throw record(e);
        }
    }

    private IOException record(IOException e) {
        if (failure == null && !readerGone(e)) {
            failure = e;
        }
        return e;
    }

    /** The first write failure that was not the reader going away. */
    public Optional<IOException> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * Whether a failed write means that whoever read the output has gone (a closed pipe or
     * socket): the output ends there, and that is no failure.
     */
    public static boolean readerGone(IOException e) {
        String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return m.contains("broken pipe") || m.contains("pipe is being closed") || m.contains("pipe has been ended");
    }

    /**
     * The exit status of a run that wrote to {@code stdout}: a command that succeeded but whose
     * output could not all be written failed, and says why on {@code err}.
     */
    public static int settle(int code, CheckedOutput stdout, PrintWriter err) {
        if (code != Cli.OK || stdout.failure().isEmpty()) {
            return code;
        }
        err.println("hvx: " + TextSafety.escapeControls(
                Messages.get("cli.stdout.failed", String.valueOf(stdout.failure().get().getMessage()))));
        err.flush();
        return Cli.FAILED;
    }
}
