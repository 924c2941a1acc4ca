package io.hvx.platform;

import io.hvx.core.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the mode for this machine (DESIGN.md §2). */
public final class ModeDetection {

    private ModeDetection() {
    }

    /** The mode for this machine: Windows host, Linux inside Hyper-V, or sandbox. */
    public static Mode detect() {
        return detect(System.getProperty("os.name", ""), Files.isDirectory(Path.of("/sys/bus/vmbus")));
    }

    /**
     * @param osName      the {@code os.name} system property
     * @param vmbusExists whether {@code /sys/bus/vmbus} exists (Linux running on Hyper-V)
     */
    public static Mode detect(String osName, boolean vmbusExists) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            return Mode.WINDOWS;
        }
        if (os.startsWith("linux") && vmbusExists) {
            return Mode.LINUX_GUEST;
        }
        return Mode.SANDBOX;
    }
}
