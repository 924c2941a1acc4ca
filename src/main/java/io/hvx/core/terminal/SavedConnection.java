package io.hvx.core.terminal;

import io.hvx.core.Guid;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * A connection remembered for the Connections section's recent and favourite lists: the two
 * pickers' choices as they were (a picked entry with its ID, or typed text), whether the user
 * starred it, and when it was last used.
 */
public record SavedConnection(VmChoice vm, ServiceChoice service, boolean favourite, Instant lastUsed) {

    public SavedConnection {
        Objects.requireNonNull(vm, "vm");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(lastUsed, "lastUsed");
    }

    /** The same VM and service (what makes two entries one), whatever the flags and times. */
    public boolean sameTarget(SavedConnection other) {
        return key().equals(other.key());
    }

    private String key() {
        String v = vm.id() != null ? vm.id().toString() : "typed:" + vm.label().toLowerCase(Locale.ROOT);
        String s = service.id() != null ? service.id().toString() : "typed:" + service.where().toLowerCase(Locale.ROOT);
        return v + "/" + s;
    }

    public SavedConnection withFavourite(boolean on) {
        return new SavedConnection(vm, service, on, lastUsed);
    }

    public SavedConnection usedAt(Instant when) {
        return new SavedConnection(vm, service, favourite, when);
    }

    /** {@code demo-linux · Demo echo}, as lists show it. */
    public String label() {
        return vm.label() + " · " + service.shortLabel();
    }

    /** A VM choice read back from a stored label and ID (an alias entry when the ID is an alias's). */
    public static VmChoice vmChoice(String label, Guid id) {
        if (id == null) {
            return VmChoice.typed(label);
        }
        return VmAlias.byGuid(id).filter(a -> a.alias().equals(label)).map(VmChoice::of)
                .orElseGet(() -> new VmChoice(label, id, null));
    }
}
