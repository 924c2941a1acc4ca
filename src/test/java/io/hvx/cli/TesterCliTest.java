package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.DefaultBackendFactory;
import io.hvx.core.Backend;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.NameResolver;
import io.hvx.core.StreamConnection;
import io.hvx.core.tester.SocatEcho;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.sandbox.SandboxPaths;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** {@code hvx test}, {@code hvx selftest} and {@code hvx doctor} in the sandbox, in-process. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "sandbox endpoints are AF_UNIX sockets through libc")
@Timeout(120)
class TesterCliTest {

    @TempDir
    Path dir;
    private CliHarness cli;
    private Backend backend;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        cli = new CliHarness(dir);
        backend = new DefaultBackendFactory(dir.resolve("data")).create(Mode.SANDBOX, dir);
    }

    private CliHarness.Result hvx(String... args) {
        List<String> a = new ArrayList<>(List.of("--mode", "sandbox"));
        a.addAll(List.of(args));
        return cli.run(a.toArray(String[]::new));
    }

    private static JsonObject json(CliHarness.Result r) {
        return JsonParser.parseString(r.out()).getAsJsonObject();
    }

    private Path path(String vm, String service) {
        NameResolver.Target t = backend.names().target(vm, service);
        return SandboxPaths.forSandbox(dir).path(t.endpoint());
    }

    @Test
    void echoPrintsTheContractFieldsAndExitsZeroWhenIntact() {
        CliHarness.Result r = hvx("test", "echo", "demo-linux", "Demo echo", "--count", "300", "--json");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonObject echo = json(r).getAsJsonObject("echo");
        assertThat(echo.keySet()).containsExactly("count", "size", "p50Us", "p90Us", "p99Us", "p999Us", "maxUs", "mismatches");
        assertThat(echo.get("count").getAsLong()).isEqualTo(300);
        assertThat(echo.get("mismatches").getAsLong()).isZero();
        assertThat(json(r).keySet()).containsExactly("echo");
    }

    @Test
    void connectAndThroughputPrintTheirContractFields() {
        CliHarness.Result c = hvx("test", "connect", "demo-linux", "vsock:9", "--count", "20", "--parallel", "4", "--json");
        assertThat(c.exit()).as(c.err()).isZero();
        JsonObject connect = json(c).getAsJsonObject("connect");
        assertThat(connect.keySet()).containsExactly("count", "failures", "p50Us", "p90Us", "p99Us", "maxUs", "histogram");
        assertThat(connect.get("count").getAsLong()).isEqualTo(20);
        JsonArray bins = connect.getAsJsonArray("histogram");
        long sum = 0;
        for (var b : bins) {
            assertThat(b.getAsJsonObject().keySet()).containsExactly("fromUs", "toUs", "count");
            sum += b.getAsJsonObject().get("count").getAsLong();
        }
        assertThat(sum).isEqualTo(20);

        CliHarness.Result t = hvx("test", "throughput", "demo-linux", "vsock:7", "--duration", "0.3", "--size", "8K",
                "--direction", "up", "--json");
        assertThat(t.exit()).as(t.err()).isZero();
        JsonObject tp = json(t).getAsJsonObject("throughput");
        assertThat(tp.keySet()).containsExactly("direction", "size", "bytes", "seconds", "mbPerSec", "msgsPerSec", "checksumOk");
        assertThat(tp.get("direction").getAsString()).isEqualTo("up");
        assertThat(tp.get("size").getAsInt()).isEqualTo(8192);
        assertThat(tp.get("checksumOk").getAsBoolean()).isTrue();

        CliHarness.Result sweep = hvx("test", "throughput", "demo-linux", "vsock:7", "--count", "10", "--size", "sweep", "--json");
        assertThat(sweep.exit()).as(sweep.err()).isZero();
        assertThat(json(sweep).getAsJsonArray("throughput")).hasSize(6);
    }

    @Test
    void textOutputSaysTheDataWasIntact() {
        CliHarness.Result r = hvx("test", "echo", "demo-linux", "vsock:7", "--count", "100");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("echo demo-linux / vsock:7: 100 round trips of 64 bytes")
                .contains("p99.9").contains("jitter").contains("data intact");
    }

    @Test
    void aSocatEchoReportsIntactDataForEchoAndThroughput() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(SocatEcho.available(), "socat is not installed (.ci/run installs it)");
        try (SocatEcho socat = SocatEcho.start(path("demo-linux", "vsock:5000"), "cat")) {
            CliHarness.Result echo = hvx("test", "echo", "demo-linux", "vsock:5000", "--count", "500", "--size", "1K");
            assertThat(echo.exit()).as(echo.err()).isZero();
            assertThat(echo.out()).contains("data intact");
            CliHarness.Result both = hvx("test", "throughput", "demo-linux", "vsock:5000", "--duration", "0.3");
            assertThat(both.exit()).as(both.err()).isZero();
            assertThat(both.out()).contains("yes");
            CliHarness.Result up = hvx("test", "throughput", "demo-linux", "vsock:5000", "--direction", "up", "--duration", "0.3");
            assertThat(up.exit()).isEqualTo(1);
            assertThat(up.err()).contains("plain echo");
        }
    }

    @Test
    void anEchoThatCorruptsBytesExitsOneAndSaysSo() throws Exception {
        Path p = path("demo-linux", "vsock:5001");
        Files.createDirectories(p.getParent());
        try (ResponderServer s = ResponderServer.start(PosixListener.bind(new PosixAddress.Unix(p),
                backend.names().target("demo-linux", "vsock:5001").endpoint()), TesterCliTest::flipEveryThousandthByte,
                ResponderServer.Options.defaults())) {
            CliHarness.Result echo = hvx("test", "echo", "demo-linux", "vsock:5001", "--count", "100");
            assertThat(echo.exit()).isEqualTo(1);
            assertThat(echo.out()).contains("data NOT intact");
            assertThat(echo.err()).contains("replies differed from what was sent: the data is NOT intact");
            CliHarness.Result both = hvx("test", "throughput", "demo-linux", "vsock:5001", "--duration", "0.3", "--json");
            assertThat(both.exit()).isEqualTo(1);
            assertThat(json(both).getAsJsonObject("throughput").get("checksumOk").getAsBoolean()).isFalse();
            assertThat(both.err()).contains("did NOT arrive intact");
        }
    }

    private static void flipEveryThousandthByte(StreamConnection c, ResponderServer.Activity a) {
        ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
        long seen = 0;
        while (true) {
            int n = c.read(b.clear());
            if (n < 0) {
                c.shutdownOutput();
                return;
            }
            for (int i = 0; i < n; i++) {
                if ((seen + i) % 1000 == 999) {
                    b.put(i, (byte) ~b.get(i));
                }
            }
            seen += n;
            c.writeFully(b.flip());
        }
    }

    @Test
    void badInputExitsTwoWithOneLine() {
        for (String[] args : new String[][] {
                {"test", "echo", "demo-linux", "vsock:7", "--count", "0"},
                {"test", "throughput", "demo-linux", "vsock:7", "--direction", "sideways"},
                {"test", "throughput", "demo-linux", "vsock:7", "--count", "5", "--duration", "1"},
                {"test", "connect", "demo-linux", "vsock:7", "--size", "64"},
                {"test", "ping", "demo-linux", "vsock:7"},
                {"test", "echo", "no-such-vm", "vsock:7"},
                {"test", "echo", "demo-linux", "vsock:7", "--timeout", "999999"}}) {
            CliHarness.Result r = hvx(args);
            assertThat(r.exit()).as(String.join(" ", args) + ": " + r.err()).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(r.err()).hasSize(1);
        }
    }

    @Test
    void aFailedConnectExitsOneWithTheCause() {
        CliHarness.Result r = hvx("test", "echo", "demo-windows", "vsock:7");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.err()).contains("cannot be reached").contains("WSAENETUNREACH");
    }

    @Test
    void selftestPassesInAFreshSandboxAndLeavesItUntouched() throws Exception {
        CliHarness.Result r = hvx("selftest", "--json");
        assertThat(r.exit()).as(r.out() + r.err()).isZero();
        JsonObject o = json(r);
        assertThat(o.keySet()).containsExactly("ok", "connect", "echo", "throughput", "error", "observed");
        assertThat(o.get("ok").getAsBoolean()).isTrue();
        assertThat(o.getAsJsonObject("echo").get("mismatches").getAsLong()).isZero();
        assertThat(o.getAsJsonArray("throughput")).hasSize(3).allSatisfy(t ->
                assertThat(t.getAsJsonObject().get("checksumOk").getAsBoolean()).isTrue());
        List<String> observed = o.getAsJsonArray("observed").asList().stream().map(e -> e.getAsString()).toList();
        assertThat(observed).anySatisfy(l -> assertThat(l).startsWith("observed sandbox 8.1 connect to loopback, nobody listening")
                .contains("net.winsock.refused"));
        assertThat(observed).anySatisfy(l -> assertThat(l).contains("listen on loopback, unregistered service")
                .contains("net.winsock.accessBind"));
        // the user's sandbox keeps its registrations: the self-test registered nothing there
        assertThat(hvx("services", "list", "--json").out()).doesNotContain("selftest");
        CliHarness.Result text = hvx("selftest");
        assertThat(text.exit()).isZero();
        assertThat(text.out()).contains("Observed (paste these lines into a bug report):").contains("Self-test passed");
    }

    private String firstFailure(CliHarness.Result r) {
        for (var c : json(r).getAsJsonArray("checks")) {
            if (c.getAsJsonObject().get("status").getAsString().equals("fail")) {
                return c.getAsJsonObject().get("name").getAsString();
            }
        }
        return null;
    }

    private String status(CliHarness.Result r, String check) {
        for (var c : json(r).getAsJsonArray("checks")) {
            if (c.getAsJsonObject().get("name").getAsString().equals(check)) {
                return c.getAsJsonObject().get("status").getAsString();
            }
        }
        return null;
    }

    @Test
    void doctorNamesTheFirstFailingCheckForEachCause() {
        CliHarness.Result unknownVm = hvx("doctor", "no-such-vm", "vsock:7", "--json");
        assertThat(unknownVm.exit()).isEqualTo(1);
        assertThat(firstFailure(unknownVm)).isEqualTo("vm");
        assertThat(status(unknownVm, "connect")).isEqualTo("unknown");

        CliHarness.Result off = hvx("doctor", "demo-windows", "vsock:7", "--json");
        assertThat(off.exit()).isEqualTo(1);
        assertThat(firstFailure(off)).isEqualTo("vm");
        assertThat(off.out()).contains("hvx sandbox vm state");

        CliHarness.Result nobody = hvx("doctor", "demo-linux", "vsock:5000", "--json");
        assertThat(nobody.exit()).isEqualTo(1);
        assertThat(firstFailure(nobody)).isEqualTo("connect");
        assertThat(status(nobody, "service")).isEqualTo("unknown");
        assertThat(nobody.out()).contains("not registered").contains("hvx services add --vsock-port 5000");

        CliHarness.Result notRegistered = hvx("doctor", "loopback", "vsock:5000", "--json");
        assertThat(firstFailure(notRegistered)).isEqualTo("service");

        CliHarness.Result fine = hvx("doctor", "demo-linux", "Demo echo", "--json");
        assertThat(fine.exit()).isZero();
        assertThat(json(fine).get("ok").getAsBoolean()).isTrue();
        assertThat(status(fine, "service")).isEqualTo("pass");
        assertThat(json(fine).getAsJsonArray("checks")).allSatisfy(c ->
                assertThat(c.getAsJsonObject().keySet()).containsExactly("name", "status", "message"));
    }

    @Test
    void doctorTextListsEveryCheckAndTheFirstFailure() {
        CliHarness.Result r = hvx("doctor", "demo-windows", "Demo echo");
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("[pass]     Socket provider").contains("[fail]     Virtual machine")
                .contains("First failing check: Virtual machine.");
    }
}
