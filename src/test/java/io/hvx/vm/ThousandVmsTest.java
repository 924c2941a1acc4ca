package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Guid;
import io.hvx.core.VirtualMachine;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * A host with a thousand VMs: every one is read with its own fields, in order. How fast is
 * measured by {@code bench/run} ({@code BENCH vms.parse1000.median}), not asserted here.
 */
public class ThousandVmsTest {

    /** The document {@code get-vms.ps1} prints for {@code count} VMs (BOM, CRLF, escaped non-ASCII). */
    public static String document(int count) {
        StringBuilder sb = new StringBuilder("\uFEFF{\"ok\":true,\"psVersion\":\"5.1.22621.4391\",\"vms\":[");
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append(String.format(Locale.ROOT, "{\"Name\":\"vm-%04d-caf\\u00e9\",\"Id\":\"%08x-2d1a-4c8e-9b3f-1a2b3c4d5e6f\","
                    + "\"State\":\"%s\",\"StateCode\":%d,\"Status\":\"Operating normally\",\"UptimeSeconds\":%d,"
                    + "\"Generation\":2,\"Version\":\"10.0\",\"CPUUsage\":%d,\"MemoryAssigned\":%d}",
                    i, i, i % 3 == 0 ? "Off" : "Running", i % 3 == 0 ? 3 : 2, i * 37L, i % 100, (long) (i % 8 + 1) << 30));
        }
        return sb.append("]}\r\n").toString();
    }

    @Test
    void everyOneOfAThousandVmsIsReadWithItsOwnFields() {
        List<VirtualMachine> vms = PowerShellOutputParser.parseVms(new PowerShellOutput(document(1000), "", 0));
        assertThat(vms).hasSize(1000);
        for (int i = 0; i < vms.size(); i++) {
            VirtualMachine vm = vms.get(i);
            assertThat(vm.name()).isEqualTo(String.format(Locale.ROOT, "vm-%04d-café", i));
            assertThat(vm.id()).isEqualTo(Guid.parse(String.format(Locale.ROOT, "%08x-2d1a-4c8e-9b3f-1a2b3c4d5e6f", i)));
            assertThat(vm.state()).isEqualTo(i % 3 == 0 ? "Off" : "Running");
            assertThat(vm.uptimeSeconds()).isEqualTo(i * 37L);
            assertThat(vm.memoryAssigned()).isEqualTo((long) (i % 8 + 1) << 30);
            assertThat(vm.cpuUsage()).isEqualTo(i % 100);
        }
    }
}
