package io.hvx.core;

import java.util.Optional;

/**
 * Service GUIDs Windows registers in-box (make-integration-service.md; anchors-features.md
 * "PowerShell Direct"). These are the {@code builtin} registrations the app never edits.
 */
public enum KnownService {
    VM_SESSION_SERVICE("999e53d4-3d5c-4c3e-8779-bed06ec056e1", "VM Session Service"),
    VM_SESSION_SERVICE_2("a5201c21-2770-4c11-a68e-f182edb29220", "VM Session Service-2");

    private final Guid id;
    private final String elementName;

    KnownService(String id, String elementName) {
        this.id = Guid.parse(id);
        this.elementName = elementName;
    }

    public Guid id() {
        return id;
    }

    /** The {@code ElementName} Windows gives it. */
    public String elementName() {
        return elementName;
    }

    public static Optional<KnownService> byId(Guid id) {
        for (KnownService s : values()) {
            if (s.id.equals(id)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
