package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.Gson;
import io.hvx.HostileInput;
import io.hvx.core.HvxException;
import io.hvx.core.IntegrationService;
import io.hvx.core.Messages;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.vm.PowerShellOutput;
import io.hvx.vm.PowerShellOutputParser;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Hostile PowerShell output (issue 14 §20): the documents of the VM and integration-service
 * scripts, mutated, with any standard error and exit code. The parser returns VMs or services,
 * or fails with an {@link HvxException} carrying a problem; the VMs it returns print as a table
 * with every control character escaped (a VM named {@code ESC]0;…BEL} does not set the terminal's
 * title).
 */
class HostilePowerShellProperties {

    private static final Gson GSON = new Gson();

    private static final List<byte[]> FRAGMENTS = Stream.concat(Stream.of(HostileInput.COMMON), Stream.of(
            "\"Id\":\"not-a-guid\",", "\"Id\":null,", "\"UptimeSeconds\":-1,", "\"UptimeSeconds\":1e400,",
            "\"Generation\":\"two\",", "\"MemoryAssigned\":99999999999999999999999,", "\"vms\":{},", "\"ok\":false,",
            "\"error\":{\"category\":\"PermissionDenied\",\"message\":\"x\"},", "\"Name\":[1,2],", "\"State\":{},",
            "\"services\":[{\"Name\":\"Guest Service Interface\",\"Enabled\":\"yes\"}],", "[".repeat(3000),
            "WARNING: something\r\n", "#< CLIXML\r\n<Objs Version=\"1.1.0.1\">", "\u0000\u0000"))
            .map(s -> s.getBytes(StandardCharsets.UTF_8)).toList();

    @BeforeProperty
    void english() {
        Messages.setLocale(Locale.US);
    }

    @Provide
    Arbitrary<String> vmDocuments() {
        Arbitrary<Map<String, Object>> vm = Combinators.combine(Arbitraries.longs().tuple2(),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.of("\u001b]0;owned\u0007", "a\rb", "\u202eevil")),
                Arbitraries.of("Running", "Off", "Saved", "\u001b[31mRed", ""),
                Arbitraries.longs().between(-5, 10_000_000L), Arbitraries.of(1, 2, 3)).as((ids, name, state, up, gen) -> {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Name", name);
                    m.put("Id", new java.util.UUID(ids.get1(), ids.get2()).toString());
                    m.put("State", state);
                    m.put("StateCode", 2);
                    m.put("UptimeSeconds", up);
                    m.put("Generation", gen);
                    m.put("Version", "9.0");
                    m.put("CPUUsage", 3);
                    m.put("MemoryAssigned", 1L << 30);
                    return m;
                });
        return vm.list().ofMaxSize(6).map(vms -> {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("ok", true);
            doc.put("psVersion", "5.1");
            doc.put("vms", vms);
            doc.put("services", List.of(Map.of("Name", "Guest Service Interface", "Enabled", false)));
            return GSON.toJson(doc);
        });
    }

    @Provide
    Arbitrary<List<HostileInput.Mutation>> mutations() {
        return HostileInput.mutations(5);
    }

    @Provide
    Arbitrary<String> stderr() {
        return Arbitraries.oneOf(Arbitraries.just(""), Arbitraries.strings().ofMaxLength(200),
                Arbitraries.of("Get-VM : You do not have the required permission\r\n", "#< CLIXML\r\n<Objs/>"));
    }

    @Property(tries = 1500)
    void anyOutputGivesVmsOrAProblemAndPrintsEscaped(@ForAll("vmDocuments") String doc,
                                                     @ForAll("mutations") List<HostileInput.Mutation> m,
                                                     @ForAll("stderr") String stderr, @ForAll boolean failedExit) {
        String stdout = new String(HostileInput.mutate(doc.getBytes(StandardCharsets.UTF_8), m, FRAGMENTS), StandardCharsets.UTF_8);
        PowerShellOutput out = new PowerShellOutput(stdout, stderr, failedExit ? 1 : 0);
        VmInventory.Listing listing;
        try {
            listing = PowerShellOutputParser.parseListing(out);
        } catch (HvxException e) {
            assertThat(e.problem()).isNotNull();
            HostileInput.count("vms", HostileInput.refused(e));
            return;
        }
        HostileInput.count("vms", "parsed");
        List<VirtualMachine> vms = listing.vms();
        for (VirtualMachine vm : vms) {
            assertThat(vm.id()).isNotNull();
            assertThat(vm.name()).isNotNull();
            assertThat(vm.state()).isNotNull();
        }
        StringWriter table = new StringWriter();
        VmsCommand.print(new PrintWriter(table), vms);
        assertThat(table.toString().replace("\n", "")).as("no raw control character reaches the terminal")
                .doesNotContainPattern("[\\x00-\\x1f\\x7f\\x85\\u2028\\u2029\\u202e]");
    }

    @Property(tries = 1000)
    void anyOutputGivesIntegrationServicesOrAProblem(@ForAll("vmDocuments") String doc,
                                                     @ForAll("mutations") List<HostileInput.Mutation> m,
                                                     @ForAll("stderr") String stderr) {
        String stdout = new String(HostileInput.mutate(doc.getBytes(StandardCharsets.UTF_8), m, FRAGMENTS), StandardCharsets.UTF_8);
        try {
            List<IntegrationService> services = PowerShellOutputParser.parseIntegrationServices(new PowerShellOutput(stdout, stderr, 0));
            List<String> names = new ArrayList<>();
            for (IntegrationService s : services) {
                names.add(s.name());
            }
            assertThat(names).doesNotContainNull();
            HostileInput.count("services", "parsed");
        } catch (HvxException e) {
            assertThat(e.problem()).isNotNull();
            HostileInput.count("services", HostileInput.refused(e));
        }
    }
}
