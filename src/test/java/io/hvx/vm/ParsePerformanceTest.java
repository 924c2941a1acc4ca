package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The parser must not be what makes the VM list slow: 1,000 VMs well under 50 ms. */
class ParsePerformanceTest {

    static String document(int count) {
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
    void parsesAThousandVmsWellUnder50Milliseconds() {
        PowerShellOutput out = new PowerShellOutput(document(1000), "", 0);
        for (int i = 0; i < 200; i++) {
            assertThat(PowerShellOutputParser.parseVms(out)).hasSize(1000);
        }
        long[] runs = new long[21];
        for (int i = 0; i < runs.length; i++) {
            long t = System.nanoTime();
            int n = PowerShellOutputParser.parseVms(out).size();
            runs[i] = System.nanoTime() - t;
            assertThat(n).isEqualTo(1000);
        }
        Arrays.sort(runs);
        double medianMs = runs[runs.length / 2] / 1e6;
        System.out.printf(Locale.ROOT, "BENCH vms.parse1000.median %.3f ms (min %.3f, max %.3f, %d runs)%n",
                medianMs, runs[0] / 1e6, runs[runs.length - 1] / 1e6, runs.length);
        assertThat(medianMs).isLessThan(50.0);
    }
}
