package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        assertThat(api.getString(HKCU, key + "\\" + id, "ElementName", SAM)).isEqualTo("IT 名字 \"quoted\"");
        assertThat(api.getString(HKCU, key + "\\" + id, "CreatedBy", SAM)).isEqualTo("hvx it");
        assertThat(api.getString(HKCU, key + "\\" + id, "CreatedAt", SAM)).isNotBlank();
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
}
