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

    /**
     * A state as the GUI shows it, in the user's language: Hyper-V's names ({@code Running},
     * {@code Off}, {@code Saved}…, and {@code …Critical}) translated, any other name as given.
     * The CLI prints Hyper-V's own names, which scripts compare.
     */
    public static String state(String state) {
        String s = state == null ? "" : state;
        boolean critical = s.length() > "Critical".length() && s.endsWith("Critical");
        String base = critical ? s.substring(0, s.length() - "Critical".length()) : s;
        String key = switch (base.toLowerCase(Locale.ROOT)) {
            case "running" -> Messages.key("vms.state.running");
            case "off" -> Messages.key("vms.state.off");
            case "starting" -> Messages.key("vms.state.starting");
            case "stopping" -> Messages.key("vms.state.stopping");
            case "saved" -> Messages.key("vms.state.saved");
            case "saving" -> Messages.key("vms.state.saving");
            case "paused" -> Messages.key("vms.state.paused");
            case "pausing" -> Messages.key("vms.state.pausing");
            case "resuming" -> Messages.key("vms.state.resuming");
            case "reset" -> Messages.key("vms.state.reset");
            case "fastsaved" -> Messages.key("vms.state.fastSaved");
            case "fastsaving" -> Messages.key("vms.state.fastSaving");
            case "hibernated" -> Messages.key("vms.state.hibernated");
            case "forceshutdown" -> Messages.key("vms.state.forceShutdown");
            case "forcereboot" -> Messages.key("vms.state.forceReboot");
            case "componentservicing" -> Messages.key("vms.state.componentServicing");
            case "other" -> Messages.key("vms.state.other");
            default -> null;
        };
        String label = key == null ? base : Messages.get(key);
        return critical ? Messages.get("vms.state.critical", label) : label;
    }

    /** The generation, or an em dash when not applicable. */
    public static String generation(int generation) {
        return generation > 0 ? Integer.toString(generation) : "—";
    }
}
