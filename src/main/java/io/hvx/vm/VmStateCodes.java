package io.hvx.vm;

import java.util.Map;

/**
 * Names of {@code Microsoft.HyperV.PowerShell.VMState} numbers, used only when PowerShell gave a
 * number and no name (naive {@code ConvertTo-Json} on 5.1). Only the values that are the same in
 * every Hyper-V module are listed: above 32782 the numbering differs between Windows versions
 * (Hibernated and ComponentServicing were added in between), so such numbers stay
 * {@code Unknown(n)} rather than being named wrongly.
 */
public final class VmStateCodes {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "Other"),
            Map.entry(2, "Running"),
            Map.entry(3, "Off"),
            Map.entry(4, "Stopping"),
            Map.entry(6, "Saved"),
            Map.entry(9, "Paused"),
            Map.entry(10, "Starting"),
            Map.entry(11, "Reset"),
            Map.entry(32773, "Saving"),
            Map.entry(32776, "Pausing"),
            Map.entry(32777, "Resuming"),
            Map.entry(32779, "FastSaved"),
            Map.entry(32780, "FastSaving"),
            Map.entry(32781, "ForceShutdown"),
            Map.entry(32782, "ForceReboot"));

    private VmStateCodes() {
    }

    /** A state name as Hyper-V spells it ({@code running} → {@code Running}); other names as given. */
    public static String canonical(String name) {
        for (String n : NAMES.values()) {
            if (n.equalsIgnoreCase(name)) {
                return n;
            }
        }
        return name;
    }

    /** The state name of {@code code}, or {@code Unknown(code)}. */
    public static String name(int code) {
        String n = NAMES.get(code);
        return n != null ? n : "Unknown(" + code + ")";
    }
}
