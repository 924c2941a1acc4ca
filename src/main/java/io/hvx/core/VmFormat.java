package io.hvx.core;

import java.util.Locale;

/** How VM figures read for people (the CLI table and the GUI use the same forms). */
public final class VmFormat {

    private VmFormat() {
    }

    /** {@code 3d 4h 5m}, {@code 4h 5m}, {@code 5m 6s}, {@code 6s}; an em dash for 0. */
    public static String uptime(long seconds) {
        if (seconds <= 0) {
            return "—";
        }
        long d = seconds / 86_400;
        long h = seconds % 86_400 / 3_600;
        long m = seconds % 3_600 / 60;
        long s = seconds % 60;
        if (d > 0) {
            return d + "d " + h + "h " + m + "m";
        }
        if (h > 0) {
            return h + "h " + m + "m";
        }
        if (m > 0) {
            return m + "m " + s + "s";
        }
        return s + "s";
    }

    /** The uptime of {@code vm}: {@code 0s} for a VM that just started, an em dash when it is not running. */
    public static String uptime(VirtualMachine vm) {
        if (!vm.isRunning() && vm.uptimeSeconds() <= 0) {
            return "—";
        }
        return vm.uptimeSeconds() <= 0 ? "0s" : uptime(vm.uptimeSeconds());
    }

    /** Bytes in binary units ({@code 4.0 GiB}, {@code 512 MiB}); an em dash for 0. */
    public static String memory(long bytes) {
        if (bytes <= 0) {
            return "—";
        }
        if (bytes >= 1L << 30) {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double) (1L << 30));
        }
        if (bytes >= 1L << 20) {
            return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
        }
        return String.format(Locale.ROOT, "%d KiB", Math.max(1, bytes >> 10));
    }

    /** The generation, or an em dash when not applicable. */
    public static String generation(int generation) {
        return generation > 0 ? Integer.toString(generation) : "—";
    }
}
