package io.hvx.core;

import java.util.Locale;
import java.util.Optional;

/**
 * Whether a VM may use a registered hvsocket service: Hyper-V's {@code EnabledStatePolicy} of
 * {@code Msvm_GuestCommunicationServiceSettingData} (root\virtualization\v2, Windows 10 / Server
 * 2016 and later). {@link #DEFERRED} follows the VM's default
 * ({@code Msvm_GuestServiceInterfaceComponentSettingData.DefaultEnabledStatePolicy}, Enabled unless
 * changed). See {@code docs/per-vm-services.md} for the sources.
 */
public enum ServicePolicy {

    /** The service is enabled for the VM (2). */
    ENABLED(2, "enabled"),
    /** The service is disabled for the VM (3). */
    DISABLED(3, "disabled"),
    /** The VM's default decides (8). */
    DEFERRED(8, "deferred");

    /**
     * The Winsock error the sandbox reports for a connection to a service that the VM has
     * disabled: WSAEACCES (10013). What Windows reports is not documented (hvsocket-facts §8.8),
     * so this is modelled, not observed: an administrative refusal of a service ID is what
     * Hyper-V answers with WSAEACCES for an unregistered service (facts §1.9). {@code hvx
     * selftest} / the doctor should record what a real host returns.
     */
    public static final int MODELLED_DISABLED_ERROR = 10013;

    private final int code;
    private final String id;

    ServicePolicy(int code, String id) {
        this.code = code;
        this.id = id;
    }

    /** The {@code EnabledStatePolicy} value. */
    public int code() {
        return code;
    }

    /** The name used in files, JSON and on the command line. */
    public String id() {
        return id;
    }

    /** Message key naming the policy for users. */
    public String labelKey() {
        return switch (this) {
            case ENABLED -> Messages.key("services.policy.enabled");
            case DISABLED -> Messages.key("services.policy.disabled");
            case DEFERRED -> Messages.key("services.policy.deferred");
        };
    }

    /** The policy with this {@code EnabledStatePolicy} value. */
    public static Optional<ServicePolicy> byCode(int code) {
        for (ServicePolicy p : values()) {
            if (p.code == code) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The policy with this {@link #id()} (any case). */
    public static Optional<ServicePolicy> byId(String id) {
        String t = id == null ? "" : id.strip().toLowerCase(Locale.ROOT);
        for (ServicePolicy p : values()) {
            if (p.id.equals(t)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
