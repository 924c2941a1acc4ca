package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class VmResolverTest {

    private static final VirtualMachine A = vm("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f", "Ubuntu-Dev");
    private static final VirtualMachine B = vm("0c3d9a77-88e1-4f05-b6aa-9d1e2f3a4b5c", "win11");
    private static final VirtualMachine B2 = vm("a1b2c3d4-e5f6-4711-8899-aabbccddeeff", "WIN11");

    private final AtomicInteger lists = new AtomicInteger();

    private static VirtualMachine vm(String id, String name) {
        return new VirtualMachine(Guid.parse(id), name, "Running", 1, 2, "10.0", 1, 0);
    }

    private VmResolver resolver(VirtualMachine... vms) {
        return new VmResolver(() -> {
            lists.incrementAndGet();
            return List.of(vms);
        });
    }

    @Test
    void aNameMatchesWithoutRegardToCase() {
        assertThat(resolver(A, B).resolve("ubuntu-dev")).isEqualTo(A.id());
        assertThat(resolver(A, B).resolve("  WIN11 ")).isEqualTo(B.id());
    }

    @Test
    void aGuidOrAliasNeedsNoInventory() {
        VmResolver r = resolver(A);
        assertThat(r.resolve("{6F0B7C4E-2D1A-4C8E-9B3F-1A2B3C4D5E6F}")).isEqualTo(A.id());
        assertThat(r.resolve("parent")).isEqualTo(VmAlias.PARENT.guid());
        assertThat(r.resolve("HV_GUID_LOOPBACK")).isEqualTo(VmAlias.LOOPBACK.guid());
        assertThat(lists).hasValue(0);
    }

    @Test
    void anAmbiguousNameListsTheCandidatesWithTheirIds() {
        assertThatThrownBy(() -> resolver(A, B, B2).resolve("win11"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("2 VMs")
                .hasMessageContaining(B.id().toString())
                .hasMessageContaining(B2.id().toString());
    }

    @Test
    void anUnknownOrEmptyNameIsInvalidInput() {
        assertThatThrownBy(() -> resolver(A).resolve("nope")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nope");
        assertThatThrownBy(() -> resolver(A).resolve(" ")).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void resolveVmReturnsTheMatchedVm() {
        var r = resolver(A, B);
        assertThat(r.resolveVm("win11").vm()).contains(B);
        assertThat(r.resolveVm(A.id().toString()).vm()).contains(A);
        var unknownGuid = r.resolveVm("11111111-2222-4333-8444-555555555555");
        assertThat(unknownGuid.vm()).isEmpty();
        assertThat(unknownGuid.id()).isEqualTo(Guid.parse("11111111-2222-4333-8444-555555555555"));
        var alias = r.resolveVm("children");
        assertThat(alias.alias()).contains(VmAlias.CHILDREN);
        assertThat(alias.vm()).isEmpty();
    }
}
