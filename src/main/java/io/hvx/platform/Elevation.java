package io.hvx.platform;

import com.sun.jna.platform.win32.Advapi32Util;
import java.util.Locale;

/** Whether this process runs as an elevated administrator (Windows token elevation). */
public final class Elevation {

    private Elevation() {
    }

    /** True only on Windows with an elevated token; false everywhere else and on any failure. */
    public static boolean isElevated() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return false;
        }
        try {
            return Advapi32Util.isCurrentProcessElevated();
        } catch (RuntimeException | LinkageError e) {
            // no token to ask (not Windows, or advapi32 missing): treated as not elevated, which
            // only ever makes the app ask for elevation, never skip it
            return false;
        }
    }
}
