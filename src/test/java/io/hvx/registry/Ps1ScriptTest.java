package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.KnownService;
import io.hvx.core.ServiceRegistration;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class Ps1ScriptTest {

    static List<ServiceRegistration> sample() {
        return List.of(
                ServiceRegistration.of(Guid.parse("00001388-facb-11e6-bd58-64006a7986d3"),
                        "Port 5000 \"quoted\" C:\\path\\", "hvx 0.1.0", "2026-03-04T05:06:07Z"),
                ServiceRegistration.of(KnownService.VM_SESSION_SERVICE.id(), "VM Session Service", null, null),
                ServiceRegistration.of(Guid.parse("30d48b34-7d27-4b0b-aaaf-bbbed334dd59"), "O'Brien\u2019s $(calc) 中文服务", null, null),
                ServiceRegistration.of(Guid.parse("aaaaaaaa-0000-0000-0000-000000000001"), null, null, null));
    }

    @Test
    void matchesTheReviewedGoldenScriptByteForByte() throws Exception {
        assertThat(Ps1Script.write(sample())).isEqualTo(RegFileTest.resource("golden-services.ps1"));
    }

    @Test
    void checksElevationUsesThe64BitViewAndLeavesBuiltinEntriesAlone() {
        String s = new String(Ps1Script.write(sample()), StandardCharsets.UTF_8);
        assertThat(s).startsWith("\uFEFF#");
        assertThat(s).contains("WindowsBuiltInRole]::Administrator").contains("exit 3");
        assertThat(s).contains("[Microsoft.Win32.RegistryView]::Registry64");
        assertThat(s).doesNotContain("Register-HvSocketService '999e53d4");
        assertThat(s).contains("'O''Brien\u2019\u2019s $(calc) 中文服务'");
        assertThat(s.replace("\r\n", "")).doesNotContain("\n");
    }

    /** Issue 10, defect 8: the default execution policy refuses script files; the script says how to run it. */
    @Test
    void theScriptSaysHowToRunItUnderTheDefaultExecutionPolicyElevated() {
        String s = new String(Ps1Script.write(sample()), StandardCharsets.UTF_8);
        String head = s.substring(0, s.indexOf("$ErrorActionPreference"));
        assertThat(head).contains("\"Run as administrator\"")
                .contains("#   powershell -ExecutionPolicy Bypass -File .\\hvsocket-services.ps1");
        assertThat(s).contains("powershell -ExecutionPolicy Bypass -File ' + $PSCommandPath");
    }

    @Test
    void literalsDoubleEverySingleQuotePowerShellKnows() {
        assertThat(Ps1Script.literal("a'b")).isEqualTo("'a''b'");
        assertThat(Ps1Script.literal("\u2018\u2019\u201A\u201B")).isEqualTo("'\u2018\u2018\u2019\u2019\u201A\u201A\u201B\u201B'");
        assertThat(Ps1Script.literal("$(x) `n \"")).isEqualTo("'$(x) `n \"'");
    }
}
