package io.hvx.platform;

import io.hvx.core.FileOpener;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@link FileOpener} through the desktop's own opener: {@code explorer.exe} on Windows,
 * {@code open} on macOS, {@code xdg-open} elsewhere. Its output is discarded; the opener is
 * given a few seconds to report a failure and is then left to run (it may stay in the foreground
 * while the viewer it started is open, so it is never killed).
 */
public final class DesktopOpener implements FileOpener {

    private static final long WAIT_SECONDS = 5;

    private final String program;

    public DesktopOpener() {
        this(program(System.getProperty("os.name", "")));
    }

    /** @param program the opener to run with the path as its one argument */
    DesktopOpener(String program) {
        this.program = program;
    }

    /** The desktop's opener on a system named {@code osName}. */
    static String program(String osName) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return "explorer.exe";
        }
        return os.startsWith("mac") ? "open" : "xdg-open";
    }

    /** {@code path} when it exists, else the nearest folder above it that does. */
    static Path existing(Path path) {
        Path target = path.toAbsolutePath();
        while (!Files.exists(target) && target.getParent() != null) {
            target = target.getParent();
        }
        return target;
    }

    @Override
    public Path open(Path path) {
        Path target = existing(path);
        List<String> cmd = List.of(program, target.toString());
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("error.open.noProgram", target, program), e.toString(), e);
        }
        try {
            // explorer.exe exits with 1 even when it opened the file: only the others' codes mean something
            if (p.waitFor(WAIT_SECONDS, TimeUnit.SECONDS) && p.exitValue() != 0 && !program.equals("explorer.exe")) {
                throw new OperationFailedException(Problem.of("error.open.failed", target, program, p.exitValue()),
                        String.join(" ", cmd) + " exited with " + p.exitValue());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // stopped waiting for a verdict; the opener runs on
        }
        return target;
    }
}
