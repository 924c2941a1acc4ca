package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.hvx.core.Guid;
import io.hvx.core.VirtualMachine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Whatever VMs the script prints in the contract shape, in either JSON form, come back unchanged. */
class PowerShellOutputParserProperties {

    private static final Gson GSON = new Gson();

    @Provide
    Arbitrary<List<VirtualMachine>> vmLists() {
        Arbitrary<VirtualMachine> vm = Combinators.combine(
                Arbitraries.longs(), Arbitraries.longs(),
                Arbitraries.strings().ofMinLength(0).ofMaxLength(30),
                Arbitraries.of("Running", "Off", "Saved", "Paused", "Starting", "RunningCritical", "Hibernated"),
                Arbitraries.longs().between(0, 10_000_000L),
                Arbitraries.of(1, 2),
                Arbitraries.of("5.0", "9.0", "10.0", "12.0"),
                Arbitraries.longs().between(0, 1L << 40))
                .as((hi, lo, name, state, up, gen, ver, mem) ->
                        new VirtualMachine(Guid.of(hi, lo), name, state, up, gen, ver, mem, (int) (up % 101)));
        return vm.list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void contractDocumentsRoundTrip(@ForAll("vmLists") List<VirtualMachine> vms, @ForAll boolean bareObjectWhenSingle,
                                    @ForAll boolean bom) {
        List<Map<String, Object>> items = new ArrayList<>();
        for (VirtualMachine vm : vms) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("Name", vm.name());
            m.put("Id", vm.id().toString().toUpperCase());
            m.put("State", vm.state());
            m.put("StateCode", 2);
            m.put("Status", "Operating normally");
            m.put("UptimeSeconds", vm.uptimeSeconds());
            m.put("Generation", vm.generation());
            m.put("Version", vm.version());
            m.put("CPUUsage", vm.cpuUsage());
            m.put("MemoryAssigned", vm.memoryAssigned());
            items.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ok", true);
        doc.put("psVersion", "5.1");
        doc.put("vms", bareObjectWhenSingle && items.size() == 1 ? items.get(0) : items);
        String text = (bom ? "\uFEFF" : "") + GSON.toJson(doc) + "\r\n";
        assertThat(PowerShellOutputParser.parseVms(new PowerShellOutput(text, "", 0))).isEqualTo(vms);
    }
}
