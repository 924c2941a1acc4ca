package io.hvx.vm;

import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Finds the PowerShell to run: the path the user configured, else on Windows the 64-bit Windows
 * PowerShell by absolute path ({@code %SystemRoot%\System32\WindowsPowerShell\v1.0\powershell.exe},
 * never whatever {@code powershell} the PATH offers), else {@code pwsh} on the PATH.
 */
public final class PowerShellLocator {

    private PowerShellLocator() {
    }

    /** Locates PowerShell for this process's environment. */
    public static Path locate(String configured) {
        return locate(configured, System.getenv(), System.getProperty("os.name", ""));
    }

    /**
     * @param configured a path or a bare command name the user gave, or null
     * @throws OperationFailedException naming the path that is not there, or what was searched
     */
    public static Path locate(String configured, Map<String, String> env, String osName) {
        boolean windows = osName.toLowerCase(Locale.ROOT).startsWith("windows");
        if (configured != null && !configured.isBlank()) {
            String c = configured.strip();
            Path p;
            try {
                p = Path.of(c);
            } catch (InvalidPathException e) {
                throw new OperationFailedException(Problem.of("vms.error.powershellNotFound", c), e.getMessage());
            }
            if (Files.isRegularFile(p)) {
                return p.toAbsolutePath();
            }
            if (p.getNameCount() == 1 && !c.contains("/") && !c.contains("\\")) {
                Path found = onPath(c, env, windows);
                if (found != null) {
                    return found;
                }
            }
            throw new OperationFailedException(Problem.of("vms.error.powershellNotFound", c));
        }
        if (windows) {
            String root = firstNonBlank(env.get("SystemRoot"), env.get("SYSTEMROOT"), env.get("windir"), "C:\\Windows");
            Path system = Path.of(root, "System32", "WindowsPowerShell", "v1.0", "powershell.exe");
            if (Files.isRegularFile(system)) {
                return system;
            }
            Path pwsh = onPath("pwsh", env, true);
            if (pwsh != null) {
                return pwsh;
            }
            throw new OperationFailedException(Problem.of("vms.error.powershellMissing", system + ", pwsh.exe"));
        }
        Path pwsh = onPath("pwsh", env, false);
        if (pwsh != null) {
            return pwsh;
        }
        throw new OperationFailedException(Problem.of("vms.error.powershellMissing", "pwsh"));
    }

    private static Path onPath(String name, Map<String, String> env, boolean windows) {
        String path = firstNonBlank(env.get("PATH"), env.get("Path"), "");
        String[] names = windows && !name.toLowerCase(Locale.ROOT).endsWith(".exe")
                ? new String[] {name + ".exe", name} : new String[] {name};
        for (String dir : path.split(windows ? ";" : File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String n : names) {
                try {
                    Path candidate = Path.of(dir.strip(), n);
                    if (Files.isRegularFile(candidate) && (windows || Files.isExecutable(candidate))) {
                        return candidate;
                    }
                } catch (InvalidPathException e) {
                    // a malformed PATH entry: skip it like a shell would
                }
            }
        }
        return null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
