package io.hvx.registry;

import io.hvx.core.Guid;

/**
 * One registration as a {@link RegistryStore} holds it: the subkey and its string values.
 *
 * @param id        the service GUID (subkey name)
 * @param name      {@code ElementName}, or null when absent
 * @param createdBy {@code CreatedBy}, or null when absent
 * @param createdAt {@code CreatedAt}, or null when absent
 */
public record StoredEntry(Guid id, String name, String createdBy, String createdAt) {

    public StoredEntry withName(String newName) {
        return new StoredEntry(id, newName, createdBy, createdAt);
    }
}
