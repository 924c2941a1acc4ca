package io.hvx.platform;

import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import java.util.List;

/**
 * The raw names of the subkeys of {@code GuestCommunicationServices} that stand for a service
 * (64-bit view). The service store reads a braced subkey ({@code {GUID}}) as the GUID it holds;
 * the doctor asks here how it is written, because Hyper-V probably honours only the unbraced
 * form (hvsocket-facts.md §8.7).
 */
public final class RegistrationKeys {

    private static final System.Logger LOG = System.getLogger(RegistrationKeys.class.getName());

    private final RegistryApi api;
    private final RegistryApi.Hive hive;
    private final String path;

    public RegistrationKeys(RegistryApi api, RegistryApi.Hive hive, String path) {
        this.api = api;
        this.hive = hive;
        this.path = path;
    }

    /** The key of this machine (HKLM, the 64-bit view). */
    public static RegistrationKeys standard() {
        return new RegistrationKeys(new JnaRegistryApi(), RegistryApi.Hive.HKEY_LOCAL_MACHINE, GuidFacts.REGISTRY_KEY);
    }

    /** The subkey names that parse as {@code id}; empty when none does or the key cannot be read (logged). */
    public List<String> names(Guid id) {
        try {
            return api.keys(hive, path, RegistryApi.KEY_WOW64_64KEY).stream()
                    .filter(k -> id.equals(Guid.tryParse(k))).toList();
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.DEBUG, "Could not list the subkeys of " + path, e);
            return List.of();
        }
    }
}
