package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Messages;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hvx selftest} on a real Windows: a temporary AF_HYPERV listener on HV_GUID_LOOPBACK
 * with a fresh template service ID, then connect, echo and throughput through it, and the
 * observed answers for hvsocket-facts.md §8.1–8.3, printed ({@code HVSOCK-FACT selftest …}) so the
 * Windows CI job keeps them with its reports. A runner without the Hyper-V socket provider skips
 * with what socket() returned.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "AF_HYPERV exists only in Winsock on Windows")
@Timeout(300)
class SelftestIT {

    @TempDir
    Path dir;

    @Test
    void theSelfTestPassesThroughARealLoopbackListenerAndReportsWhatItObserved() {
        Messages.setLocale(Locale.US);
        CliHarness cli = new CliHarness(new DefaultBackendFactory(dir.resolve("data")), dir.resolve("sandbox"));
        CliHarness.Result r = cli.run("--mode", "windows", "selftest", "--json");
        JsonObject o = JsonParser.parseString(r.out()).getAsJsonObject();
        List<String> observed = o.getAsJsonArray("observed").asList().stream().map(JsonElement::getAsString).toList();
        observed.forEach(line -> System.out.println("HVSOCK-FACT selftest " + line));
        String provider = observed.stream().filter(l -> l.contains("8.1 socket provider")).findFirst().orElse("");
        Assumptions.assumeTrue(provider.endsWith(": created"), () -> "no Hyper-V socket provider here: " + provider);
        assertThat(observed).anySatisfy(l -> assertThat(l).contains("8.2 default HVSOCKET_CONNECT_TIMEOUT"));
        assertThat(observed).anySatisfy(l -> assertThat(l).contains("8.3 rights: elevated"));
        assertThat(observed).anySatisfy(l -> assertThat(l).contains("8.1 connect to loopback, nobody listening"));
        assertThat(o.get("error").isJsonNull()).as(r.err()).isTrue();
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        assertThat(o.get("ok").getAsBoolean()).isTrue();
        assertThat(o.getAsJsonObject("echo").get("mismatches").getAsLong()).isZero();
    }
}
