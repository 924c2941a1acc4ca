package io.hvx.platform;

import com.sun.jna.Native;
import com.sun.jna.Pointer;
import com.sun.jna.platform.win32.Kernel32;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Ole32;
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
 *
 * <p>The call runs on a platform thread of its own, whatever thread asks: JNA keeps the last
 * error per native thread, so on a virtual thread a move to another carrier between the call and
 * reading the error could lose {@code ERROR_CANCELLED} (1223); and COM is initialised on it first
 * as Microsoft asks, "CoInitializeEx(NULL, COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE)",
 * because ShellExecuteEx may hand the verb to Shell extensions activated through COM
 * (https://learn.microsoft.com/en-us/windows/win32/api/shellapi/nf-shellapi-shellexecuteexw).
 */
public final class ShellElevatedRestart implements ElevatedRestart {

    /** The user declined the UAC prompt. */
    static final int ERROR_CANCELLED = 1223;
    /** {@code COINIT_APARTMENTTHREADED | COINIT_DISABLE_OLE1DDE}. */
    static final int COINIT_STA_NO_DDE = 0x2 | 0x4;

    /** The native calls, as a seam so the threading is tested off Windows. */
    interface Shell {
        /** {@code CoInitializeEx(NULL, flags)}: the HRESULT. */
        int coInitializeEx(int flags);

        /** {@code CoUninitialize()}. */
        void coUninitialize();

        /** {@code ShellExecuteEx} with {@code runas}, and the last error read right after it on the same thread. */
        Result runas(String exe, String parameters);

        /** What ShellExecuteEx returned, and {@code GetLastError} when it failed. */
        record Result(boolean ok, int lastError) {
        }
    }

    private final Shell shell;

    public ShellElevatedRestart() {
        this(new Win32Shell("runas", 0));
    }

    ShellElevatedRestart(Shell shell) {
        this.shell = shell;
    }

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
        return restart(exe, params);
    }

    /** Runs ShellExecuteEx(runas) for {@code exe} on a fresh platform thread with COM initialised. */
    Outcome restart(String exe, String params) {
        Shell.Result[] result = new Shell.Result[1];
        Throwable[] failure = new Throwable[1];
        Thread t = Thread.ofPlatform().name("hvx-elevate").start(() -> {
            int hr = shell.coInitializeEx(COINIT_STA_NO_DDE);
            try {
                result[0] = shell.runas(exe, params);
            } catch (RuntimeException | LinkageError e) {
                failure[0] = e; // rethrown on the caller's thread below
            } finally {
                // S_OK (0) and S_FALSE (1) must be balanced by CoUninitialize; a failed init must not
                if (hr == 0 || hr == 1) {
                    shell.coUninitialize();
                }
            }
        });
        try {
            t.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("error.services.elevate.failed", "?"), "interrupted", e);
        }
        if (failure[0] instanceof RuntimeException e) {
            throw e;
        }
        if (failure[0] != null) {
            throw new OperationFailedException(Problem.of("error.services.elevate.failed", "?"),
                    "ShellExecuteEx(runas): " + failure[0], failure[0]);
        }
        return outcome(result[0].ok(), result[0].lastError());
    }

    /**
     * The Win32 calls through jna-platform with {@code verb} in place of runas and extra
     * {@code SEE_MASK_*} flags: what the Windows IT uses to check the threading without a UAC prompt.
     */
    static Shell win32(String verb, int extraMask) {
        return new Win32Shell(verb, extraMask);
    }

    /** The Win32 calls through jna-platform. */
    private static final class Win32Shell implements Shell {
        private final String verb;
        private final int extraMask;

        Win32Shell(String verb, int extraMask) {
            this.verb = verb;
            this.extraMask = extraMask;
        }

        @Override
        public int coInitializeEx(int flags) {
            return Ole32.INSTANCE.CoInitializeEx(null, flags).intValue();
        }

        @Override
        public void coUninitialize() {
            Ole32.INSTANCE.CoUninitialize();
        }

        @Override
        public Result runas(String exe, String parameters) {
            ShellAPI.SHELLEXECUTEINFO sei = new ShellAPI.SHELLEXECUTEINFO();
            sei.cbSize = sei.size();
            sei.fMask = Shell32.SEE_MASK_NOCLOSEPROCESS | extraMask;
            sei.lpVerb = verb;
            sei.lpFile = exe;
            sei.lpParameters = parameters;
            sei.nShow = WinUser.SW_SHOWNORMAL;
            boolean ok = Shell32.INSTANCE.ShellExecuteEx(sei);
            int err = ok ? 0 : Native.getLastError();
            if (ok && sei.hProcess != null) {
                Kernel32.INSTANCE.CloseHandle(sei.hProcess);
            }
            return new Result(ok, err);
        }
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
            // no kernel32 to ask: the arguments ProcessHandle knows are used instead
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
            text = ""; // the code itself is in the detail; its text is only a courtesy
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
