package io.hvx;

import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Entry point of the desktop app's own launcher ({@code hvsocket-explorer}, the menu entry and
 * the shortcut): it opens the window whatever it is given. It reads the options of
 * {@code hvx gui} ({@code --mode MODE}, {@code --sandbox-dir DIR}, also as {@code --opt=value})
 * and {@code --smoke-test}, and ignores anything else with a note on standard error, because a
 * desktop environment may pass file names or options of its own. The console launcher
 * {@code hvx} is {@link Launcher}.
 */
public final class GuiMain {

    private GuiMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Opens the GUI and returns the exit code once its window has closed. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Options o = Options.parse(args, note -> err.println("hvsocket-explorer: " + note));
        if (o.smokeTest()) {
            SmokeTest.arm(out);
        }
        try {
            App.launchAndWait(new DefaultBackendFactory(), o.mode(), o.sandboxDir());
            return 0;
        } catch (HvxException e) {
            err.println("hvsocket-explorer: " + e.getMessage());
            if (e.detail() != null && !e.detail().isBlank()) {
                err.println("  " + e.detail().strip().replace("\n", "\n  "));
            }
            return e.exitStatus();
        }
    }

    /** What the GUI launcher understood of its arguments. */
    record Options(Mode mode, Path sandboxDir, boolean smokeTest) {

        /** Reads {@code args}; whatever is not understood is reported to {@code note} and skipped. */
        static Options parse(String[] args, Consumer<String> note) {
            Mode mode = null;
            Path sandboxDir = null;
            boolean smokeTest = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                int eq = a.indexOf('=');
                String name = a.startsWith("--") && eq > 0 ? a.substring(0, eq) : a;
                String value = name.length() < a.length() ? a.substring(eq + 1) : null;
                switch (name) {
                    case "--smoke-test" -> {
                        if (value == null) {
                            smokeTest = true;
                        } else {
                            skip(a, note);
                        }
                    }
                    case "--mode", "--sandbox-dir" -> {
                        if (value == null) {
                            if (i + 1 >= args.length) {
                                skip(a, note);
                                continue;
                            }
                            value = args[++i];
                        }
                        if (name.equals("--mode")) {
                            String text = value;
                            mode = Mode.byId(text).orElseGet(() -> {
                                note.accept(Messages.get("cli.error.mode", text));
                                return null;
                            });
                        } else {
                            sandboxDir = path(value, a, note);
                        }
                    }
                    default -> skip(a, note);
                }
            }
            return new Options(mode, sandboxDir, smokeTest);
        }

        private static Path path(String value, String arg, Consumer<String> note) {
            try {
                return value.isBlank() ? null : Path.of(value);
            } catch (InvalidPathException e) {
                // the note names the argument, which is all there is to say: the GUI opens without it
                note.accept(Messages.get("gui.launcher.ignored", arg));
                return null;
            }
        }

        private static void skip(String arg, Consumer<String> note) {
            note.accept(Messages.get("gui.launcher.ignored", arg));
        }
    }
}
