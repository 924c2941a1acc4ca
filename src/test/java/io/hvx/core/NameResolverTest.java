package io.hvx.core;

import static io.hvx.core.ListedServices.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The one resolver's rules for VM and service texts, and what it costs to apply them. */
class NameResolverTest {

    private static final VirtualMachine UBUNTU = vm("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f", "Ubuntu-Dev");
    private static final VirtualMachine WIN11 = vm("0c3d9a77-88e1-4f05-b6aa-9d1e2f3a4b5c", "win11");
    private static final VirtualMachine WIN11_TOO = vm("a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "WIN11");

    private static final Guid ECHO = VsockTemplate.guidForPort(7);
    private static final Guid AGENT = Guid.parse("3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b");
    private static final Guid TWIN_A = Guid.parse("11111111-1111-4111-8111-111111111111");
    private static final Guid TWIN_B = Guid.parse("22222222-2222-4222-8222-222222222222");
    private static final Guid UPPER = Guid.parse("33333333-3333-4333-8333-333333333333");
    private static final Guid LOWER = Guid.parse("44444444-4444-4444-8444-444444444444");

    private final AtomicInteger inventoryReads = new AtomicInteger();
    private final ListedServices services = new ListedServices(List.of(
            entry(ECHO, "Demo echo"), entry(AGENT, "Guest agent"),
            entry(TWIN_A, "Twin"), entry(TWIN_B, "Twin"),
            entry(UPPER, "Metrics"), entry(LOWER, "metrics")));

    private static VirtualMachine vm(String id, String name) {
        return new VirtualMachine(Guid.parse(id), name, "Running", 1, 2, "10.0", 1, 0);
    }

    private NameResolver resolver(VirtualMachine... vms) {
        return new NameResolver(() -> {
            inventoryReads.incrementAndGet();
            return List.of(vms);
        }, services);
    }

    @BeforeEach
    void english() {
        Messages.setLocale(Locale.US);
    }

    @Test
    void aVmNameMatchesInAnyCase() {
        assertThat(resolver(UBUNTU, WIN11).vm("ubuntu-dev")).isEqualTo(new NameResolver.Named(UBUNTU.id(), "Ubuntu-Dev"));
        assertThat(resolver(UBUNTU, WIN11).vm("  WIN11 ").id()).isEqualTo(WIN11.id());
    }

    @Test
    void aGuidInAnyFormOrAnAliasNeedsNoInventory() {
        NameResolver r = resolver(UBUNTU);
        assertThat(r.vm("{6F0B7C4E-2D1A-4C8E-9B3F-1A2B3C4D5E6F}").id()).isEqualTo(UBUNTU.id());
        for (VmAlias a : VmAlias.values()) {
            assertThat(r.vm(a.alias())).isEqualTo(new NameResolver.Named(a.guid(), a.alias()));
            assertThat(r.vm(a.alias().toUpperCase(Locale.ROOT)).id()).isEqualTo(a.guid());
        }
        assertThat(r.vm("HV_GUID_LOOPBACK").id()).isEqualTo(VmAlias.LOOPBACK.guid());
        assertThat(r.vm(VmAlias.PARENT.guid().toString()).name()).isEqualTo("parent");
        assertThat(inventoryReads).hasValue(0);
    }

    @Test
    void aNameSeveralVmsShareListsTheCandidatesWithTheirIds() {
        assertThatThrownBy(() -> resolver(UBUNTU, WIN11, WIN11_TOO).vm("win11"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 VMs")
                .hasMessageContaining("win11 (" + WIN11.id() + ")")
                .hasMessageContaining("WIN11 (" + WIN11_TOO.id() + ")");
    }

    @Test
    void anUnknownVmNameSaysNoVmIsNamedSoWithTheClosestNames() {
        assertThatThrownBy(() -> resolver(UBUNTU, WIN11).vm("ubuntu-dve"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessage("No VM is named 'ubuntu-dve' (closest: Ubuntu-Dev): run 'hvx vms' to see the names,"
                        + " or give the VM's GUID");
        assertThatThrownBy(() -> resolver(UBUNTU, WIN11).vm("xyz"))
                .hasMessage("No VM is named 'xyz': run 'hvx vms' to see the names, or give the VM's GUID")
                .hasMessageNotContaining("not a GUID");
        assertThatThrownBy(() -> resolver(UBUNTU).vm(" ")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("No VM was given");
    }

    @Test
    void servicesByGuidOrVsockPortNeedNoRegistry() {
        NameResolver r = resolver();
        assertThat(r.service("vsock:7")).isEqualTo(new NameResolver.Named(ECHO, "vsock:7"));
        assertThat(r.service("VSOCK:0x7").id()).isEqualTo(ECHO);
        assertThat(r.service(ECHO.toBracedUpperString()).name()).isEqualTo("vsock:7");
        assertThat(r.service(AGENT.toString())).isEqualTo(new NameResolver.Named(AGENT, AGENT.toString()));
        assertThat(services.reads).hasValue(0);
        assertThatThrownBy(() -> r.service("vsock:abc")).hasMessageContaining("'abc' is not a vsock port");
    }

    @Test
    void aServiceNameMatchesExactlyFirstThenInAnyCase() {
        NameResolver r = resolver();
        assertThat(r.service("Guest agent")).isEqualTo(new NameResolver.Named(AGENT, "Guest agent"));
        assertThat(r.service(" guest AGENT ").id()).isEqualTo(AGENT);
        // "Metrics" and "metrics" are two entries: the exact spelling picks one
        assertThat(r.service("Metrics").id()).isEqualTo(UPPER);
        assertThat(r.service("metrics").id()).isEqualTo(LOWER);
        assertThatThrownBy(() -> r.service("METRICS")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Several services are named 'METRICS' (" + UPPER + ", " + LOWER + "): give the GUID instead.");
    }

    @Test
    void aNameSeveralServicesShareIsRefusedWithTheirGuids() {
        assertThatThrownBy(() -> resolver().service("Twin")).isInstanceOf(InvalidInputException.class)
                .hasMessage("Several services are named 'Twin' (" + TWIN_A + ", " + TWIN_B + "): give the GUID instead.");
    }

    @Test
    void anUnknownServiceSaysWhatIsAcceptedAndTheClosestNames() {
        assertThatThrownBy(() -> resolver().service("Demo ecco")).isInstanceOf(InvalidInputException.class)
                .hasMessage("No service is named 'Demo ecco' (closest: Demo echo): give a service GUID, vsock:PORT"
                        + " or the name of a registered service ('hvx services list' shows them)");
        assertThatThrownBy(() -> resolver().service("parent")).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("No service is named 'parent': give a service GUID");
        assertThatThrownBy(() -> resolver().service("")).hasMessageStartingWith("No service was given");
    }

    @Test
    void aPairIsResolvedServiceFirstSoAMistypedServiceDoesNotWaitForTheInventory() {
        NameResolver r = resolver(UBUNTU);
        assertThatThrownBy(() -> r.target("Ubuntu-Dev", "no such service")).isInstanceOf(InvalidInputException.class);
        assertThat(inventoryReads).hasValue(0);
        NameResolver.Target t = r.target("ubuntu-dev", "demo echo");
        assertThat(t.endpoint()).isEqualTo(new HvEndpoint(UBUNTU.id(), ECHO));
        assertThat(t.describe()).isEqualTo("Ubuntu-Dev / Demo echo");
        assertThatThrownBy(() -> r.target("", "vsock:7")).hasMessageStartingWith("No VM was given");
    }

    @Test
    void pickedChoicesAreTheirIdsAndTypedChoicesAreResolved() {
        NameResolver r = resolver(UBUNTU);
        ServiceChoice picked = ServiceChoice.of(entry(AGENT, "Renamed since"));
        assertThat(r.service(picked)).isEqualTo(new NameResolver.Named(AGENT, "Renamed since"));
        assertThat(r.vm(VmChoice.of(WIN11))).isEqualTo(new NameResolver.Named(WIN11.id(), "win11"));
        assertThat(services.reads).hasValue(0);
        assertThat(inventoryReads).hasValue(0);
        assertThat(r.target(VmChoice.typed("UBUNTU-DEV"), ServiceChoice.typed("vsock:7")).endpoint())
                .isEqualTo(new HvEndpoint(UBUNTU.id(), ECHO));
    }

    @Test
    void nameOfAGuidIsTheWellKnownRegisteredOrVmName() {
        NameResolver r = resolver(UBUNTU);
        assertThat(r.nameOf(VmAlias.PARENT.guid())).contains("HV_GUID_PARENT");
        assertThat(r.nameOf(KnownService.VM_SESSION_SERVICE.id())).contains("VM Session Service");
        assertThat(r.nameOf(ECHO)).contains("Demo echo");
        assertThat(r.nameOf(AGENT)).contains("Guest agent");
        assertThat(r.nameOf(VsockTemplate.guidForPort(5000))).isEmpty();
        assertThat(inventoryReads).as("service IDs never start the inventory").hasValue(0);
        assertThat(r.nameOf(UBUNTU.id())).contains("Ubuntu-Dev");
        assertThat(inventoryReads).hasValue(1);
        assertThat(r.nameOf(Guid.parse("55555555-5555-4555-8555-555555555555"))).isEmpty();
    }

    @Test
    void nameOfStandsWithoutAnInventoryThatCannotBeRead() {
        NameResolver r = new NameResolver(() -> {
            throw new OperationFailedException(Problem.of("vms.resolve.empty"));
        }, services);
        assertThat(r.nameOf(UBUNTU.id())).isEmpty();
        assertThat(r.nameOf(AGENT)).contains("Guest agent");
    }

    @Test
    void closestNamesAreWithinASmallEditDistanceNearestFirst() {
        List<String> names = List.of("demo-linux", "demo-windows", "Ubuntu-Dev", "web-01", "web-02");
        assertThat(NameResolver.closest("demo-linx", names, 3)).containsExactly("demo-linux");
        assertThat(NameResolver.closest("WEB-0", names, 3)).containsExactly("web-01", "web-02");
        assertThat(NameResolver.closest("zzz", names, 3)).isEmpty();
        assertThat(NameResolver.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(NameResolver.distance("", "abc")).isEqualTo(3);
    }
}
