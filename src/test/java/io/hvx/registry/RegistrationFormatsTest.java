package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.ServiceFormats.FileFormat;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.VsockTemplate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The port the GUI uses for service files and input rules: the same rules and codecs as the CLI. */
class RegistrationFormatsTest {

    @TempDir
    Path tmp;

    private final RegistrationFormats formats = new RegistrationFormats();
    private final List<ServiceRegistration> entries = List.of(
            ServiceRegistration.of(VsockTemplate.guidForPort(7), "Demo echo", "hvx test", "2026-01-02T03:04:05Z"),
            ServiceRegistration.of(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"), "Docker VPNKit Ethernet", null, null));

    @Test
    void everyFileFormatWritesWhatTheCliWrites() throws Exception {
        for (FileFormat f : FileFormat.values()) {
            Path file = tmp.resolve("all." + f.extension());
            formats.export(f, entries, file);
            assertThat(Files.readAllBytes(file)).as(f.name())
                    .isEqualTo(ServiceFiles.export(RegistrationFormats.codec(f), entries));
            assertThat(FileFormat.byExtension(file.getFileName().toString())).contains(f);
        }
    }

    @Test
    void importFilesAreReadBackEntryByEntry() {
        Path reg = tmp.resolve("all.reg");
        formats.export(FileFormat.REG, entries, reg);
        assertThat(formats.read(reg)).extracting(ImportPlan.Entry::id, ImportPlan.Entry::name).containsExactly(
                org.assertj.core.groups.Tuple.tuple(VsockTemplate.guidForPort(7), "Demo echo"),
                org.assertj.core.groups.Tuple.tuple(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"), "Docker VPNKit Ethernet"));
        Path ps1 = tmp.resolve("all.ps1");
        formats.export(FileFormat.PS1, entries, ps1);
        assertThatThrownBy(() -> formats.read(ps1)).isInstanceOf(InvalidInputException.class).hasMessageContaining("PowerShell script");
    }

    @Test
    void theRulesAndOwnerValuesAreTheRegistrysOwn() {
        assertThat(formats.nameProblem("  ")).isEqualTo(ServiceRules.nameProblem("  "));
        assertThat(formats.nameProblem("ok")).isNull();
        assertThat(formats.parseId("vsock:7")).isEqualTo(VsockTemplate.guidForPort(7));
        assertThat(formats.vsockPortId("0x10")).isEqualTo(VsockTemplate.guidForPort(16));
        assertThatThrownBy(() -> formats.parseId("nope")).isInstanceOf(InvalidInputException.class);
        assertThat(formats.ownerValues(entries.get(1)))
                .isEqualTo("ElementName=\"Docker VPNKit Ethernet\", CreatedBy=—, CreatedAt=—");
    }
}
