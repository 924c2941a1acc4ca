package io.hvx.core;

/**
 * One integration service of a VM, as {@code Get-VMIntegrationService} reports it.
 *
 * @param name            e.g. {@code Guest Service Interface}, {@code Heartbeat}
 * @param enabled         whether the host offers the service to the guest
 * @param primaryStatus   {@code PrimaryStatusDescription} (e.g. {@code OK}), possibly empty
 * @param secondaryStatus {@code SecondaryStatusDescription}, possibly empty
 */
public record IntegrationService(String name, boolean enabled, String primaryStatus, String secondaryStatus) {

    /** The name Hyper-V gives the file-copy service that is off by default. */
    public static final String GUEST_SERVICE_INTERFACE = "Guest Service Interface";

    public IntegrationService {
        name = name == null ? "" : name;
        primaryStatus = primaryStatus == null ? "" : primaryStatus;
        secondaryStatus = secondaryStatus == null ? "" : secondaryStatus;
    }

    /** Whether this is the Guest Service Interface (compared without regard to case). */
    public boolean isGuestServiceInterface() {
        return GUEST_SERVICE_INTERFACE.equalsIgnoreCase(name.strip());
    }
}
