package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.hvx.core.Guid;
import io.hvx.core.OperationFailedException;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VsockTemplate;
import io.hvx.platform.RegistryApi.Hive;
import io.hvx.registry.Registrations;
import io.hvx.registry.UndoJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The real advapi32 path against a scratch key under HKCU (no administrator needed). */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "calls advapi32 on a real Windows registry")
class WindowsRegistryStoreIT {

    static final int SAM = RegistryApi.KEY_WOW64_64KEY;
    static final Hive HKCU = Hive.HKEY_CURRENT_USER;

    @TempDir
    Path dataDir;

    final JnaRegistryApi api = new JnaRegistryApi();
    final String scratch = "Software\\HvSocketExplorerTest\\" + Guid.random();
    final String key = scratch + "\\GuestCommunicationServices";
    Registrations reg;

    @BeforeEach
    void setUp() {
        reg = new Registrations(new WindowsRegistryStore(api, HKCU, key, () -> false, Duration.ofSeconds(10)),
                new UndoJournal(dataDir), "hvx it", Clock.systemUTC());
    }

    @AfterEach
    void cleanUp() {
        deleteTree("Software\\HvSocketExplorerTest");
    }

    private void deleteTree(String path) {
        if (!api.keyExists(HKCU, path, SAM)) {
            return;
        }
        for (String k : api.keys(HKCU, path, SAM)) {
            deleteTree(path + "\\" + k);
        }
        int slash = path.lastIndexOf('\\');
        api.deleteKey(HKCU, path.substring(0, slash), path.substring(slash + 1), SAM);
    }

    private String text(String path, String name) {
        RegistryApi.Value v = api.getValue(HKCU, path, name, SAM);
        return v == null ? null : v.display();
    }

    @Test
    void aMissingKeyReadsAsHyperVNotInstalled() {
        assertThatThrownBy(reg::list).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Hyper-V is not installed");
        assertThat(reg.writable()).isFalse();
    }

    @Test
    void addRenameRemoveAndUndoOnTheRealRegistry() {
        assertThat(api.createKey(HKCU, key, SAM)).isTrue();
        assertThat(reg.writable()).isTrue();
        Guid id = VsockTemplate.guidForPort(50001);
        reg.add(id, "IT 名字 \"quoted\"");
        assertThat(text(key + "\\" + id, "ElementName")).isEqualTo("IT 名字 \"quoted\"");
        assertThat(api.getValue(HKCU, key + "\\" + id, "ElementName", SAM).type()).isEqualTo(RegistryApi.Value.REG_SZ);
        assertThat(text(key + "\\" + id, "CreatedBy")).isEqualTo("hvx it");
        assertThat(text(key + "\\" + id, "CreatedAt")).isNotBlank();
        reg.rename(id, "IT renamed", false);
        assertThat(reg.list()).extracting(ServiceRegistration::name).containsExactly("IT renamed");
        reg.remove(id, false);
        assertThat(api.keyExists(HKCU, key + "\\" + id, SAM)).isFalse();
        reg.undo();
        assertThat(reg.list()).extracting(ServiceRegistration::name).containsExactly("IT renamed");
        reg.undo();
        assertThat(reg.list()).extracting(ServiceRegistration::name).containsExactly("IT 名字 \"quoted\"");
        reg.undo();
        assertThat(reg.list()).isEmpty();
    }

    @Test
    void aSubkeyWithoutElementNameIsListedWithANullName() {
        Guid id = Guid.random();
        api.createKey(HKCU, key + "\\" + id.toString().toUpperCase(), SAM);
        assertThat(reg.list()).singleElement().satisfies(r -> {
            assertThat(r.id()).isEqualTo(id);
            assertThat(r.name()).isNull();
            assertThat(r.kind()).isEqualTo(ServiceRegistration.Kind.OTHER);
        });
        reg.remove(id, true);
        assertThat(reg.list()).isEmpty();
    }

    /** Issue 10, defect 2: RegDeleteKeyEx refuses a key with subkeys (error 5); remove deletes the tree. */
    @Test
    void removeDeletesAnEntryThatAnotherToolGaveSubkeys() {
        api.createKey(HKCU, key, SAM);
        Guid id = Guid.random();
        String sub = key + "\\" + id;
        api.createKey(HKCU, sub + "\\Parameters\\Deeper", SAM);
        api.setValue(HKCU, sub, "ElementName", RegistryApi.Value.ofString("Other tool"), SAM);
        api.setValue(HKCU, sub + "\\Parameters", "Port", RegistryApi.Value.ofDword(5000), SAM);

        // what the old single RegDeleteKeyEx got from Windows
        Throwable direct = catchThrowable(() -> api.deleteKey(HKCU, key, id.toString(), SAM));
        System.out.println("WindowsRegistryStoreIT: RegDeleteKeyEx on a key with subkeys -> " + direct);
        assertThat(direct).isInstanceOf(RegistryApi.Failure.class);
        assertThat(((RegistryApi.Failure) direct).code()).isEqualTo(RegistryApi.ERROR_ACCESS_DENIED);

        reg.remove(id, true);
        assertThat(api.keyExists(HKCU, sub, SAM)).isFalse();
        assertThat(reg.list()).isEmpty();
        reg.undo();
        assertThat(reg.list()).extracting(ServiceRegistration::name).containsExactly("Other tool");
    }

    /** Issue 10, defect 3: DWORD, binary and QWORD values are listed noted; the list never fails. */
    @Test
    void nonStringValuesAreListedNotedAndKeepTheirTypeThroughRenameAndUndo() {
        api.createKey(HKCU, key, SAM);
        Guid plain = Guid.random();
        api.createKey(HKCU, key + "\\" + plain, SAM);
        api.setValue(HKCU, key + "\\" + plain, "ElementName", RegistryApi.Value.ofString("Plain"), SAM);
        Guid odd = Guid.random();
        String sub = key + "\\" + odd;
        api.createKey(HKCU, sub, SAM);
        api.setValue(HKCU, sub, "ElementName", RegistryApi.Value.ofDword(5), SAM);
        api.setValue(HKCU, sub, "CreatedBy", new RegistryApi.Value(RegistryApi.Value.REG_BINARY, new byte[] {1, 2, (byte) 0xff}), SAM);
        api.setValue(HKCU, sub, "CreatedAt", new RegistryApi.Value(RegistryApi.Value.REG_QWORD, new byte[] {7, 0, 0, 0, 0, 0, 0, 0}), SAM);

        List<ServiceRegistration> all = reg.list();
        assertThat(all).extracting(ServiceRegistration::id).containsExactlyInAnyOrder(plain, odd);
        ServiceRegistration r = all.stream().filter(x -> x.id().equals(odd)).findFirst().orElseThrow();
        assertThat(r.name()).isEqualTo("[REG_DWORD 0x00000005]");
        assertThat(r.createdBy()).isEqualTo("[REG_BINARY 01 02 ff]");
        assertThat(r.createdAt()).isEqualTo("[REG_QWORD 0x0000000000000007]");

        reg.rename(odd, "Renamed", true);
        assertThat(api.getValue(HKCU, sub, "ElementName", SAM)).isEqualTo(RegistryApi.Value.ofString("Renamed"));
        assertThat(api.getValue(HKCU, sub, "CreatedBy", SAM).type()).isEqualTo(RegistryApi.Value.REG_BINARY);
        reg.undo();
        assertThat(api.getValue(HKCU, sub, "ElementName", SAM)).isEqualTo(RegistryApi.Value.ofDword(5));
    }

    /** Under HKCU access denied is never an elevation matter: the sentence says the key's permissions refuse. */
    @Test
    void accessDeniedUnderHkcuIsNotCalledAnElevationProblem() {
        api.createKey(HKCU, key, SAM);
        Guid id = Guid.random();
        api.createKey(HKCU, key + "\\" + id + "\\Sub", SAM);
        // a denied delete through the real store path: the key with a subkey, deleted directly
        WindowsRegistryStore store = new WindowsRegistryStore(new WindowsRegistryStoreTest.ForwardingApi(api) {
            @Override
            public List<String> keys(Hive hive, String path, int samExtra) {
                return path.endsWith(id.toString()) ? List.of() : super.keys(hive, path, samExtra);
            }
        }, HKCU, key, () -> false, Duration.ofSeconds(10));
        assertThatThrownBy(() -> store.delete(id)).isExactlyInstanceOf(OperationFailedException.class)
                .hasMessageContaining("permissions");
    }
}
