package io.hvx.platform;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Wincon;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;

/**
 * Whether standard output is a terminal. {@code System.console()} only answers for standard
 * input and output together, so a command whose input is redirected but whose output is shown
 * (e.g. {@code hvx services export < /dev/null}) needs the operating system's answer.
 */
public final class Terminals {

    private static final System.Logger LOG = System.getLogger(Terminals.class.getName());

    private Terminals() {
    }

    /** The C library's {@code isatty}. */
    private interface LibC extends Library {
        int isatty(int fd);
    }

    /**
     * Windows: {@code GetConsoleMode} succeeds only for a console handle (not for a file, a pipe
     * or {@code NUL}); elsewhere: {@code isatty(1)}. False when the answer cannot be had.
     */
    public static boolean stdoutIsTerminal() {
        try {
            if (Platform.isWindows()) {
                WinNT.HANDLE out = Kernel32.INSTANCE.GetStdHandle(Wincon.STD_OUTPUT_HANDLE);
                return out != null && Kernel32.INSTANCE.GetConsoleMode(out, new IntByReference());
            }
            return Native.load("c", LibC.class).isatty(1) == 1;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
            // without an answer the output counts as redirected, as when no console is attached
            LOG.log(System.Logger.Level.DEBUG, "Could not tell whether standard output is a terminal", e);
            return false;
        }
    }
}
