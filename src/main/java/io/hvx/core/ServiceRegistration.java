package io.hvx.core;

import java.util.Locale;
import java.util.Optional;

/**
 * One hvsocket service registration: a subkey of {@code GuestCommunicationServices} (or its
 * sandbox equivalent) with its friendly name.
 *
 * @param id        the service GUID
 * @param name      the {@code ElementName}, or {@code null} when the entry has none
 * @param kind      who the entry belongs to
 * @param vsockPort the AF_VSOCK port when {@code id} is a vsock template GUID, else {@code null}
 * @param createdBy the {@code CreatedBy} value (this app writes it), or {@code null}
 * @param createdAt the {@code CreatedAt} value (ISO-8601), or {@code null}
 */
public record ServiceRegistration(Guid id, String name, Kind kind, Long vsockPort, String createdBy, String createdAt) {

    /** Prefix of the {@code CreatedBy} value this app writes ("hvx 0.1.0", "hvx sandbox"). */
    public static final String CREATOR_PREFIX = "hvx";

    /** Who an entry belongs to. */
    public enum Kind {
        /** A service Windows registers in-box: never renamed or removed. */
        BUILTIN,
        /** Created by this app (it wrote {@code CreatedBy}). */
        HVX,
        /** Registered by another tool: changed only with an explicit force. */
        OTHER;

        /** The lowercase id the CLI and JSON use. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Message key of the short label shown in tables. */
        public String labelKey() {
            return switch (this) {
                case BUILTIN -> Messages.key("services.kind.builtin");
                case HVX -> Messages.key("services.kind.hvx");
                case OTHER -> Messages.key("services.kind.other");
            };
        }
    }

    /** Builds a registration, deriving kind and vsock port from the id and the creator. */
    public static ServiceRegistration of(Guid id, String name, String createdBy, String createdAt) {
        return new ServiceRegistration(id, name, kindOf(id, createdBy), portOf(id), createdBy, createdAt);
    }

    /** builtin for in-box services, hvx when this app created it, other otherwise. */
    public static Kind kindOf(Guid id, String createdBy) {
        if (KnownService.byId(id).isPresent()) {
            return Kind.BUILTIN;
        }
        if (createdBy != null && (createdBy.equals(CREATOR_PREFIX) || createdBy.startsWith(CREATOR_PREFIX + " "))) {
            return Kind.HVX;
        }
        return Kind.OTHER;
    }

    private static Long portOf(Guid id) {
        var p = VsockTemplate.portOf(id);
        return p.isPresent() ? p.getAsLong() : null;
    }

    /** The name, or empty when the entry has no {@code ElementName}. */
    public Optional<String> nameIfAny() {
        return Optional.ofNullable(name);
    }
}
