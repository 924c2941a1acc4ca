package io.hvx.bench;

import io.hvx.registry.RegFile;
import io.hvx.registry.RegFileTest;
import io.hvx.vm.PowerShellOutput;
import io.hvx.vm.PowerShellOutputParser;
import io.hvx.vm.ThousandVmsTest;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;

/**
 * Parsing figures for {@code bench/run}, each with a baseline measured in the same run on the
 * same input, so the ratio holds on a noisy machine:
 * <ul>
 *   <li>{@code vms.parse1000.median}: the VM list of 1,000 VMs; baseline {@code vms.parse1000.gson.median},
 *       Gson reading the same document into a tree;</li>
 *   <li>{@code reg.parse.12mb.median}: a .reg file whose one value spans 12.8 MB over ~170,000
 *       continuation lines (issue 14 §9: minutes before the linear reader); baseline
 *       {@code reg.decode.12mb.median}, decoding and splitting the same bytes into lines.</li>
 * </ul>
 */
public final class ParseBench {

    private ParseBench() {
    }

    public static void main(String[] args) {
        String doc = ThousandVmsTest.document(1000);
        PowerShellOutput out = new PowerShellOutput(doc, "", 0);
        String json = doc.substring(1);
        bench("vms.parse1000.gson.median", 21, 200, () -> com.google.gson.JsonParser.parseString(json));
        bench("vms.parse1000.median", 21, 200, () -> PowerShellOutputParser.parseVms(out));

        byte[] reg = RegFileTest.bigValueFile("CreatedBy", 2_000_000);
        System.err.printf(Locale.ROOT, "# .reg input: %d bytes%n", reg.length);
        bench("reg.decode.12mb.median", 5, 2, () -> new String(reg, StandardCharsets.UTF_8).split("\r\n|\n|\r", -1));
        bench("reg.parse.12mb.median", 5, 2, () -> RegFile.read("big.reg", reg));
    }

    private static void bench(String name, int runs, int warmup, Runnable body) {
        for (int i = 0; i < warmup; i++) {
            body.run();
        }
        long[] t = new long[runs];
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime();
            body.run();
            t[i] = System.nanoTime() - t0;
        }
        Arrays.sort(t);
        System.err.printf(Locale.ROOT, "# %s min %.3f max %.3f ms (%d runs)%n", name, t[0] / 1e6, t[runs - 1] / 1e6, runs);
        System.out.printf(Locale.ROOT, "BENCH %s %.3f ms%n", name, t[runs / 2] / 1e6);
    }
}
