package io.hvx.platform;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.ShellAPI;
import com.sun.jna.platform.win32.Shell32;
import com.sun.jna.platform.win32.WinUser;
import com.sun.jna.win32.StdCallLibrary;
import io.hvx.core.ElevatedRestart;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@link ElevatedRestart} with {@code ShellExecuteEx} and the {@code runas} verb
 * (hvsocket-facts.md §3.4, §6.5): {@code ProcessBuilder} cannot cross the UAC boundary (error
 * 740). The new process gets the same executable and command-line arguments as this one, so a
 * jpackage launcher and {@code java -cp … io.hvx.Launcher gui} both come back the same way.
 */
public final class ShellElevatedRestart implements ElevatedRestart {

    /** The user declined the UAC prompt. */
    static final int ERROR_CANCELLED = 1223;

    @Override
    public boolean available() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
    }

    @Override
    public Outcome restart() {
        ProcessHandle.Info info = ProcessHandle.current().info();
        String exe = info.command().orElseThrow(() -> new OperationFailedException(
                Problem.of("error.services.elevate.failed", "?"), "no command line for this process"));
        String params = currentParameters().orElseGet(() -> commandLine(List.of(info.arguments().orElse(new String[0]))));
        ShellAPI.SHELLEXECUTEINFO sei = new ShellAPI.SHELLEXECUTEINFO();
        sei.cbSize = sei.size();
        sei.fMask = Shell32.SEE_MASK_NOCLOSEPROCESS;
        sei.lpVerb = "runas";
        sei.lpFile = exe;
        sei.lpParameters = params;
        sei.nShow = WinUser.SW_SHOWNORMAL;
        boolean ok = Shell32.INSTANCE.ShellExecuteEx(sei);
        int err = ok ? 0 : Native.getLastError();
        if (ok && sei.hProcess != null) {
            Kernel32.INSTANCE.CloseHandle(sei.hProcess);
        }
        return outcome(ok, err);
    }

    /** kernel32 functions jna-platform does not map. */
    interface Kernel32Ext extends StdCallLibrary {
        Pointer GetCommandLineW();
    }

    /**
     * This process's arguments exactly as Windows received them: {@code ProcessHandle.Info}
     * gives no arguments on Windows, so read {@code GetCommandLineW} and drop the program part.
     */
    private static Optional<String> currentParameters() {
        try {
            Pointer p = Native.load("kernel32", Kernel32Ext.class).GetCommandLineW();
            return p == null ? Optional.empty() : Optional.of(parametersOf(p.getWideString(0)));
        } catch (RuntimeException | LinkageError e) {
            return Optional.empty();
        }
    }

    /** What follows the program name in a Windows command line (quoted or not), verbatim. */
    static String parametersOf(String commandLine) {
        String s = commandLine.stripLeading();
        int i;
        if (s.startsWith("\"")) {
            int close = s.indexOf('"', 1);
            i = close < 0 ? s.length() : close + 1;
        } else {
            i = 0;
            while (i < s.length() && s.charAt(i) != ' ' && s.charAt(i) != '\t') {
                i++;
            }
        }
        return s.substring(i).strip();
    }

    /** Maps the result of {@code ShellExecuteEx}: cancelling UAC (1223) is a calm outcome, not an error. */
    static Outcome outcome(boolean ok, int lastError) {
        if (ok) {
            return Outcome.STARTED;
        }
        if (lastError == ERROR_CANCELLED) {
            return Outcome.CANCELLED;
        }
        String text;
        try {
            text = Kernel32Util.formatMessage(lastError);
        } catch (RuntimeException | LinkageError e) {
            text = "";
        }
        throw new OperationFailedException(Problem.of("error.services.elevate.failed", lastError),
                "ShellExecuteEx(runas): Win32 error " + lastError + " " + text.strip());
    }

    /** Quotes arguments the way {@code CommandLineToArgvW} reads them back. */
    static String commandLine(List<String> args) {
        StringBuilder sb = new StringBuilder();
        for (String a : args) {
            if (!sb.isEmpty()) {
                sb.append(' ');
            }
            if (!a.isEmpty() && a.chars().noneMatch(c -> c == ' ' || c == '\t' || c == '"')) {
                sb.append(a);
                continue;
            }
            sb.append('"');
            int backslashes = 0;
            for (int i = 0; i < a.length(); i++) {
                char c = a.charAt(i);
                if (c == '\\') {
                    backslashes++;
                } else if (c == '"') {
                    sb.append("\\".repeat(backslashes * 2 + 1)).append('"');
                    backslashes = 0;
                } else {
                    sb.append("\\".repeat(backslashes)).append(c);
                    backslashes = 0;
                }
            }
            sb.append("\\".repeat(backslashes * 2)).append('"');
        }
        return sb.toString();
    }
}
