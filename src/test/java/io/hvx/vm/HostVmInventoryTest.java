package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.VmAlias;
import io.hvx.core.VmResolver;
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
        assertThat(new VmResolver(new HostVmInventory()).resolve("HOST")).isEqualTo(VmAlias.PARENT.guid());
    }
}
