package io.hvx.core;

import java.util.List;

/**
 * Turns what a user types for a service into its service ID: a GUID, {@code vsock:PORT}, or
 * the friendly name of a registered service (case-insensitive). Shared by the CLI and the
 * desktop app so both accept the same texts.
 */
public final class ServiceResolver {

    private ServiceResolver() {
    }

    /**
     * The service ID {@code text} names; the registry is read only when the text is no GUID or
     * {@code vsock:PORT}.
     *
     * @throws InvalidInputException when the text is neither a GUID, {@code vsock:PORT} nor the
     *                               name of exactly one registered service
     */
    public static Guid resolve(ServiceRegistry services, String text) {
        try {
            return GuidFacts.parse(text).guid();
        } catch (InvalidInputException notAGuid) {
            String t = text == null ? "" : text.strip();
            List<ServiceRegistration> named = services.list().stream()
                    .filter(r -> r.name() != null && r.name().equalsIgnoreCase(t)).toList();
            if (named.size() == 1) {
                return named.getFirst().id();
            }
            throw notAGuid;
        }
    }
}
