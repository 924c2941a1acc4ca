package io.hvx.core;

import java.util.Locale;
import java.util.Optional;

/** The backend the app runs on (DESIGN.md §2). */
public enum Mode {
    /** A Windows host: registry, PowerShell {@code Get-VM}, AF_HYPERV. */
    WINDOWS("windows"),
    /** Linux inside a Hyper-V VM: AF_VSOCK to the host. */
    LINUX_GUEST("linux-guest"),
    /** A local model over AF_UNIX sockets, anywhere else. */
    SANDBOX("sandbox");

    private final String id;

    Mode(String id) {
        this.id = id;
    }

    /** The name users type and the CLI prints. */
    public String id() {
        return id;
    }

    public static Optional<Mode> byId(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String t = text.strip().toLowerCase(Locale.ROOT);
        for (Mode m : values()) {
            if (m.id.equals(t)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    @Override
    public String toString() {
        return id;
    }
}
