package io.hvx.core.doctor;

import io.hvx.core.NameResolver;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmChoice;
import java.time.Duration;
import java.util.Optional;

/**
 * What the checks work with: the ports of the mode, the (VM, service) pair as the user gave it,
 * and what earlier checks found (the VM and service IDs once resolved, the VM's inventory entry,
 * the service's registration). Used by one doctor run on one thread.
 */
public final class DoctorContext {

    private final Doctor.Ports ports;
    private final VmChoice vmChoice;
    private final ServiceChoice serviceChoice;
    private final Duration timeout;

    private NameResolver.Named vm;
    private VirtualMachine vmEntry;
    private boolean hostSide;
    private NameResolver.Named service;
    private ServiceRegistration registration;
    private Boolean registered;

    DoctorContext(Doctor.Ports ports, VmChoice vm, ServiceChoice service, Duration timeout) {
        this.ports = ports;
        this.vmChoice = vm;
        this.serviceChoice = service;
        this.timeout = timeout;
    }

    /** The ports of the mode. */
    public Doctor.Ports ports() {
        return ports;
    }

    public VmChoice vmChoice() {
        return vmChoice;
    }

    public ServiceChoice serviceChoice() {
        return serviceChoice;
    }

    /** The connect timeout of the connect check. */
    public Duration timeout() {
        return timeout;
    }

    /** The VM, once a check resolved it. */
    public Optional<NameResolver.Named> vm() {
        return Optional.ofNullable(vm);
    }

    /** The VM's entry in the inventory, when it has one. */
    public Optional<VirtualMachine> vmEntry() {
        return Optional.ofNullable(vmEntry);
    }

    /** Whether the target is this host itself (loopback): its listeners are host-side ones. */
    public boolean hostSide() {
        return hostSide;
    }

    /** The service, once a check resolved it. */
    public Optional<NameResolver.Named> service() {
        return Optional.ofNullable(service);
    }

    /** The service's registration, when it has one. */
    public Optional<ServiceRegistration> registration() {
        return Optional.ofNullable(registration);
    }

    /** Whether the service is registered: empty until known (or when it cannot be known here). */
    public Optional<Boolean> registered() {
        return Optional.ofNullable(registered);
    }

    /** The pair to connect to, once both halves are resolved. */
    public Optional<NameResolver.Target> target() {
        return vm != null && service != null ? Optional.of(new NameResolver.Target(vm, service)) : Optional.empty();
    }

    void foundVm(NameResolver.Named named, VirtualMachine entry, boolean isHost) {
        this.vm = named;
        this.vmEntry = entry;
        this.hostSide = isHost;
    }

    void foundService(NameResolver.Named named) {
        this.service = named;
    }

    void foundRegistration(ServiceRegistration r, Boolean isRegistered) {
        this.registration = r;
        this.registered = isRegistered;
    }
}
