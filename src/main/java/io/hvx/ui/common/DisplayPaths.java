package io.hvx.ui.common;

import java.io.File;

/** Paths as people read them: inside the home directory, {@code ~} stands for it. */
public final class DisplayPaths {

    private DisplayPaths() {
    }

    /** {@code path} with a leading home directory written {@code ~} ({@code ~/.local/share/hvx/sandbox}). */
    public static String of(Object path) {
        String p = String.valueOf(path);
        String home = System.getProperty("user.home", "");
        if (home.isEmpty() || home.equals(File.separator)) {
            return p;
        }
        if (p.equals(home)) {
            return "~";
        }
        return p.startsWith(home + File.separator) ? "~" + p.substring(home.length()) : p;
    }
}
