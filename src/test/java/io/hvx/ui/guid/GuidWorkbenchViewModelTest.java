package io.hvx.ui.guid;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VsockTemplate;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.ui.common.TestTasks;
import io.hvx.ui.guid.GuidWorkbenchViewModel.State;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The workbench's state and logic, without the FX toolkit. */
class GuidWorkbenchViewModelTest {

    private final GuidWorkbenchViewModel vm = new GuidWorkbenchViewModel(List::of, List::of, TestTasks.immediate());

    @Test
    void startsEmptyWithoutAnError() {
        assertThat(vm.stateProperty().get()).isEqualTo(State.EMPTY);
        assertThat(vm.errorProperty().get()).isEmpty();
        assertThat(vm.canonicalProperty().get()).isEmpty();
        assertThat(vm.facts()).isEmpty();
    }

    @Test
    void vsockPortGivesTemplateGuidBothByteOrdersAndPort() {
        vm.inputProperty().set("vsock:5000");

        assertThat(vm.stateProperty().get()).isEqualTo(State.VALID);
        assertThat(vm.canonicalProperty().get()).isEqualTo("00001388-facb-11e6-bd58-64006a7986d3");
        assertThat(vm.windowsBytesProperty().get()).isEqualTo("88 13 00 00 cb fa e6 11 bd 58 64 00 6a 79 86 d3");
        assertThat(vm.rfc4122BytesProperty().get()).isEqualTo("00 00 13 88 fa cb 11 e6 bd 58 64 00 6a 79 86 d3");
        assertThat(vm.vsockPortProperty().get()).isEqualTo("5000 (0x1388)");
        assertThat(vm.nameProperty().get()).contains("vsock template");
    }

    @Test
    void sockaddrUsesTheChosenVmAlias() {
        vm.inputProperty().set("vsock:5000");
        assertThat(vm.vmProperty().get()).isEqualTo(VmChoice.of(VmAlias.PARENT));
        assertThat(vm.sockaddrHexProperty().get())
                .isEqualTo("22000000da7c2ea43fd00c489cc2a4de20abb87888130000cbfae611bd5864006a7986d3");
        assertThat(vm.sockaddrHeaderProperty().get()).isEqualTo("22 00 00 00");
        assertThat(vm.sockaddrDumpProperty().get()).startsWith("0000  22 00 00 00")
                .contains("0004  da 7c 2e a4").contains("0014  88 13 00 00");

        vm.vmProperty().set(VmChoice.of(VmAlias.WILDCARD));
        assertThat(vm.sockaddrVmIdProperty().get()).isEqualTo("00 00 00 00 00 00 00 00 00 00 00 00 00 00 00 00");
        assertThat(vm.sockaddrHexProperty().get()).hasSize(72).startsWith("22000000" + "0".repeat(32));
    }

    @Test
    void readyToPasteForms() {
        vm.inputProperty().set("{999E53D4-3D5C-4C3E-8779-BED06EC056E1}");

        assertThat(vm.canonicalProperty().get()).isEqualTo("999e53d4-3d5c-4c3e-8779-bed06ec056e1");
        assertThat(vm.nameProperty().get()).contains("VM Session Service");
        assertThat(vm.vsockPortProperty().get()).startsWith("None");
        assertThat(vm.powerShellProperty().get()).isEqualTo("[Guid]'999e53d4-3d5c-4c3e-8779-bed06ec056e1'");
        assertThat(vm.defineGuidProperty().get()).isEqualTo(
                "DEFINE_GUID(HVX_SERVICE_ID, 0x999e53d4, 0x3d5c, 0x4c3e, 0x87, 0x79, 0xbe, 0xd0, 0x6e, 0xc0, 0x56, 0xe1);");
        assertThat(vm.initializerProperty().get()).isEqualTo(
                "{ 0x999e53d4, 0x3d5c, 0x4c3e, { 0x87, 0x79, 0xbe, 0xd0, 0x6e, 0xc0, 0x56, 0xe1 } }");
        assertThat(vm.registryPathProperty().get()).isEqualTo("HKEY_LOCAL_MACHINE\\SOFTWARE\\Microsoft\\Windows NT"
                + "\\CurrentVersion\\Virtualization\\GuestCommunicationServices\\999e53d4-3d5c-4c3e-8779-bed06ec056e1");
    }

    @Test
    void aliasIsNamedWithItsSdkConstant() {
        vm.inputProperty().set("parent");
        assertThat(vm.canonicalProperty().get()).isEqualTo("a42e7cda-d03f-480c-9cc2-a4de20abb878");
        assertThat(vm.nameProperty().get()).startsWith("HV_GUID_PARENT: the 'parent' VM ID.");
        assertThat(vm.shortNameProperty().get()).isEqualTo("HV_GUID_PARENT");
    }

    @Test
    void invalidInputGivesTheSentenceAndClearsEveryFact() {
        vm.inputProperty().set("vsock:5000");
        vm.inputProperty().set("xyz");

        assertThat(vm.stateProperty().get()).isEqualTo(State.INVALID);
        assertThat(vm.errorProperty().get()).isEqualTo("'xyz' is not a GUID, a vsock:PORT or a known alias");
        assertThat(vm.canonicalProperty().get()).isEmpty();
        assertThat(vm.windowsBytesProperty().get()).isEmpty();
        assertThat(vm.sockaddrHexProperty().get()).isEmpty();
        assertThat(vm.facts()).isEmpty();
    }

    @Test
    void portOutOfRangeIsAnErrorNotAnException() {
        vm.inputProperty().set("vsock:2147483648");
        assertThat(vm.stateProperty().get()).isEqualTo(State.INVALID);
        assertThat(vm.errorProperty().get()).contains("2147483648").contains("out of range");
        assertThat(GuidWorkbenchViewModel.problemWith("vsock:abc")).get().asString().contains("not a vsock port");
    }

    @Test
    void blankIsNotAProblem() {
        assertThat(GuidWorkbenchViewModel.problemWith("   ")).isEmpty();
        assertThat(GuidWorkbenchViewModel.problemWith(null)).isEmpty();
        vm.inputProperty().set("  ");
        assertThat(vm.stateProperty().get()).isEqualTo(State.EMPTY);
    }

    @Test
    void newGuidIsARandomVersion4Guid() {
        vm.newGuid();
        String first = vm.canonicalProperty().get();
        vm.newGuid();
        String second = vm.canonicalProperty().get();

        assertThat(first).isNotEqualTo(second);
        for (String g : new String[] {first, second}) {
            Guid guid = Guid.parse(g);
            assertThat(guid.toRfc4122Bytes()[6] >> 4 & 0xf).as("version").isEqualTo(4);
            assertThat(guid.toRfc4122Bytes()[8] & 0xc0).as("RFC 4122 variant").isEqualTo(0x80);
        }
        assertThat(vm.inputProperty().get()).isEqualTo(second);
    }

    private static final VirtualMachine WEB = new VirtualMachine(Guid.parse("6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f"),
            "web-01", "Running", 60, 2, "11.0", 1L << 30, 3);

    private GuidWorkbenchViewModel withHost(List<VirtualMachine> vms, List<ServiceRegistration> services) {
        GuidWorkbenchViewModel m = new GuidWorkbenchViewModel(() -> vms, () -> services, TestTasks.immediate());
        m.refresh();
        return m;
    }

    @Test
    void theVmPickerListsTheInventorysVmsBesideTheAliases() {
        GuidWorkbenchViewModel m = withHost(List.of(WEB), List.of());
        assertThat(m.vmChoices()).first().isEqualTo(VmChoice.of(WEB));
        assertThat(m.vmChoices()).extracting(VmChoice::label).containsSubsequence("web-01", "wildcard", "parent");
        assertThat(m.vmChoices()).hasSize(1 + VmAlias.values().length);

        m.inputProperty().set("vsock:5000");
        m.vmProperty().set(VmChoice.of(WEB));
        assertThat(m.sockaddrVmIdProperty().get()).isEqualTo(io.hvx.core.Hex.spaced(WEB.id().toWindowsBytes()));
        assertThat(m.vmHelpProperty().get()).contains("web-01").contains(WEB.id().toString());
        m.vmProperty().set(VmChoice.of(VmAlias.CHILDREN));
        assertThat(m.vmHelpProperty().get()).isEqualTo(Messages.get(VmAlias.CHILDREN.helpKey()));
    }

    @Test
    void aRegisteredServiceOrAVmIsNamedInsteadOfUnknown() {
        GuidWorkbenchViewModel m = withHost(List.of(WEB), List.of(
                ServiceRegistration.of(VsockTemplate.guidForPort(7), "Demo echo", "hvx sandbox", null),
                ServiceRegistration.of(Guid.parse("3f1c2b4a-5d6e-4f70-8a9b-0c1d2e3f4a5b"), "Guest agent", null, null)));
        m.inputProperty().set("vsock:7");
        assertThat(m.nameProperty().get()).isEqualTo("Registered service: Demo echo (a Linux vsock template GUID, port 7)");
        assertThat(m.shortNameProperty().get()).isEqualTo("Demo echo");
        m.inputProperty().set("{3F1C2B4A-5D6E-4F70-8A9B-0C1D2E3F4A5B}");
        assertThat(m.nameProperty().get()).isEqualTo("Registered service: Guest agent");
        m.inputProperty().set(WEB.id().toString());
        assertThat(m.nameProperty().get()).isEqualTo("Virtual machine: web-01");
        assertThat(m.shortNameProperty().get()).isEqualTo("web-01");
        m.inputProperty().set("55555555-5555-4555-8555-555555555555");
        assertThat(m.nameProperty().get()).startsWith("Not a well-known GUID");
    }

    @Test
    void aChosenVmThatIsGoneFallsBackToParentAndARenamedOneStaysChosen() {
        List<VirtualMachine> listed = new java.util.ArrayList<>(List.of(WEB));
        GuidWorkbenchViewModel m = new GuidWorkbenchViewModel(() -> List.copyOf(listed), List::of, TestTasks.immediate());
        m.refresh();
        m.vmProperty().set(VmChoice.of(WEB));
        VirtualMachine renamed = new VirtualMachine(WEB.id(), "web-01-old", "Off", 0, 2, "11.0", 0, 0);
        listed.set(0, renamed);
        m.refresh();
        assertThat(m.vmProperty().get()).isEqualTo(VmChoice.of(renamed));
        listed.clear();
        m.refresh();
        assertThat(m.vmProperty().get()).isEqualTo(VmChoice.of(VmAlias.PARENT));
        m.vmProperty().set(null);
        assertThat(m.vmProperty().get()).isEqualTo(VmChoice.of(VmAlias.PARENT));
    }

    @Test
    void aSourceThatFailsKeepsWhatWasReadBefore() {
        boolean[] fail = {false};
        GuidWorkbenchViewModel m = new GuidWorkbenchViewModel(() -> {
            if (fail[0]) {
                throw new IllegalStateException("PowerShell is gone");
            }
            return List.of(WEB);
        }, List::of, TestTasks.immediate());
        m.refresh();
        fail[0] = true;
        m.refresh();
        assertThat(m.vmChoices()).contains(VmChoice.of(WEB));
        m.inputProperty().set(WEB.id().toString());
        assertThat(m.shortNameProperty().get()).isEqualTo("web-01");
    }
}
