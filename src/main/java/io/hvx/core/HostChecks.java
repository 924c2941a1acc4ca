package io.hvx.core;

import java.util.Optional;
import java.util.OptionalLong;

/**
 * Port: what the doctor and the self-test ask the platform about Hyper-V sockets on this
 * machine — whether the socket provider is there, the current user's rights, and the connect
 * timeout the system applies by default. Wired per mode by the composition root; every call is
 * quick and never throws (what cannot be found out is reported as such).
 */
public interface HostChecks {

    /** Whether a socket of this mode's family can be created (facts §1.9: WSAEAFNOSUPPORT without a provider). */
    Probe socketProvider();

    /** The rights that matter for Hyper-V sockets in this mode. */
    Rights rights();

    /**
     * {@code HVSOCKET_CONNECT_TIMEOUT} read back from a fresh AF_HYPERV socket: the connect
     * timeout Windows applies when a program sets none (facts §1.5 and §8.2, unconfirmed); empty
     * where it does not apply or cannot be read.
     */
    OptionalLong defaultConnectTimeoutMs();

    /**
     * The names of the registry subkeys under {@code GuestCommunicationServices} that stand for
     * {@code serviceId}, as written (with braces or in another case); empty where services are
     * not registry keys, or none names it. The doctor flags a braced name: Hyper-V probably
     * ignores it (facts §8.7, unconfirmed).
     */
    default java.util.List<String> registrationKeyNames(Guid serviceId) {
        return java.util.List.of();
    }

    /**
     * A socket creation attempt.
     *
     * @param ok     whether the socket was created
     * @param detail what was tried and what came back, e.g. {@code socket(34, 1, 1): Winsock error 10047 WSAEAFNOSUPPORT}
     */
    record Probe(boolean ok, String detail) {
    }

    /** The rights of the current user, per mode. */
    sealed interface Rights {

        /**
         * A Windows host: whether this process is elevated, and whether its token has the
         * {@code Hyper-V Administrators} group (S-1-5-32-578) enabled (empty when that could not be read).
         */
        record Windows(boolean elevated, Optional<Boolean> hyperVAdministrator) implements Rights {
        }

        /** The sandbox: whether this user can create endpoints in the sandbox directory {@code dir}. */
        record Sandbox(String dir, boolean usable) implements Rights {
        }

        /** A Linux guest: AF_VSOCK needs no special rights; what the host allows is decided there. */
        record Guest() implements Rights {
        }
    }

    /**
     * Checks from three functions (the composition root wires the adapters of a mode this way).
     */
    static HostChecks of(java.util.function.Supplier<Probe> provider, java.util.function.Supplier<Rights> rights,
                         java.util.function.Supplier<OptionalLong> defaultTimeout) {
        return of(provider, rights, defaultTimeout, id -> java.util.List.of());
    }

    /** Checks from four functions, the last naming a service's registry subkeys. */
    static HostChecks of(java.util.function.Supplier<Probe> provider, java.util.function.Supplier<Rights> rights,
                         java.util.function.Supplier<OptionalLong> defaultTimeout,
                         java.util.function.Function<Guid, java.util.List<String>> keyNames) {
        return new HostChecks() {
            @Override
            public java.util.List<String> registrationKeyNames(Guid serviceId) {
                return keyNames.apply(serviceId);
            }

            @Override
            public Probe socketProvider() {
                return provider.get();
            }

            @Override
            public Rights rights() {
                return rights.get();
            }

            @Override
            public OptionalLong defaultConnectTimeoutMs() {
                return defaultTimeout.get();
            }
        };
    }
}
