package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.NameResolver;
import io.hvx.core.VmAlias;
import org.junit.jupiter.api.Test;

class HostVmInventoryTest {

    @Test
    void theOnlyVmIsTheHostAsParent() {
        var vms = new HostVmInventory().list();
        assertThat(vms).singleElement().satisfies(vm -> {
            assertThat(vm.id()).isEqualTo(VmAlias.PARENT.guid());
            assertThat(vm.name()).isEqualTo("host");
            assertThat(vm.isRunning()).isTrue();
        });
        assertThat(new HostVmInventory().integrationServices()).isEmpty();
        assertThat(NameResolver.vmByName("HOST", new HostVmInventory().list()).id()).isEqualTo(VmAlias.PARENT.guid());
    }
}
