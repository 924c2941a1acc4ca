package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.Guid;
import io.hvx.core.HvxException;
import io.hvx.core.IntegrationService;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmAlias;
import io.hvx.core.ServicePolicy;
import io.hvx.registry.PolicyStore;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SandboxVmInventoryTest {

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-25T10:00:00Z"));

    private SandboxVmInventory inventory() {
        return new SandboxVmInventory(dir.resolve("sandbox"), clock);
    }

    @Test
    void firstUseSeedsTheDemoVmsWithTheirResponders() {
        List<VirtualMachine> vms = inventory().list();
        assertThat(vms).extracting(VirtualMachine::name)
                .containsExactly(SandboxSeed.DEMO_LINUX_NAME, SandboxSeed.DEMO_WINDOWS_NAME);
        assertThat(vms.get(0).id()).isEqualTo(SandboxSeed.DEMO_LINUX_ID);
        assertThat(vms.get(0).state()).isEqualTo("Running");
        assertThat(vms.get(0).generation()).isEqualTo(2);
        assertThat(vms.get(0).memoryAssigned()).isEqualTo(2L << 30);
        assertThat(vms.get(1).state()).isEqualTo("Off");
        assertThat(vms.get(1).memoryAssigned()).isZero();
        assertThat(Files.exists(dir.resolve("sandbox/vms.json"))).isTrue();
        assertThat(inventory().responders()).containsExactlyElementsOf(SandboxSeed.RESPONDERS);
        assertThat(inventory().responders(SandboxSeed.DEMO_WINDOWS_ID)).isEmpty();
    }

    @Test
    void aRemovedVmComesBackAsItWasUnlessItsNameOrIdIsTakenAgain() {
        SandboxVmInventory inv = inventory();
        Guid id = inv.add("agent-vm", null, true).id();
        inv.remove("agent-vm");
        inv.add("AGENT-vm", null, false);                    // the name is taken again, ignoring case
        assertThatThrownBy(() -> inv.restore("agent-vm")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("agent-vm");
        inv.remove("AGENT-vm");
        clock.advance(Duration.ofSeconds(60));

        VirtualMachine back = inv.restore(id.toString());     // by ID; the other one stays removed
        assertThat(back.name()).isEqualTo("agent-vm");
        assertThat(back.isRunning()).isTrue();
        assertThat(back.uptimeSeconds()).isZero();             // it starts now
        assertThatThrownBy(() -> inv.restore(null)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exists already");       // the one removed last: its name is back in use
        inv.remove(id.toString());
        assertThat(inv.restore(null).name()).isEqualTo("agent-vm"); // removed last now
        assertThatThrownBy(() -> inv.restore("nobody")).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("AGENT-vm");             // names what can be restored
    }

    @Test
    void resetSeedsTheDemoVmsAndKeepsTheOthersAsRemoved() {
        SandboxVmInventory inv = inventory();
        inv.add("extra", null, true);
        inv.setState(SandboxSeed.DEMO_WINDOWS_NAME, true);
        inv.remove(SandboxSeed.DEMO_LINUX_NAME);

        List<VirtualMachine> aside = inv.reset();

        assertThat(aside).extracting(VirtualMachine::name).containsExactly("extra");
        assertThat(inv.list()).extracting(VirtualMachine::name, VirtualMachine::state).containsExactly(
                org.assertj.core.groups.Tuple.tuple(SandboxSeed.DEMO_LINUX_NAME, "Running"),
                org.assertj.core.groups.Tuple.tuple(SandboxSeed.DEMO_WINDOWS_NAME, "Off"));
        assertThat(inv.responders(SandboxSeed.DEMO_LINUX_ID)).hasSize(3);
        assertThat(inv.restore("extra").name()).isEqualTo("extra");
    }

    @Test
    void uptimeCountsFromWhenTheVmStarted() {
        inventory().list();
        clock.advance(Duration.ofSeconds(3725));
        assertThat(inventory().list().get(0).uptimeSeconds()).isEqualTo(3725);
        assertThat(inventory().list().get(1).uptimeSeconds()).isZero();
    }

    @Test
    void addStateAndRemovePersistAcrossInstances() {
        Guid id = Guid.parse("12345678-1234-4234-8234-123456789abc");
        VirtualMachine added = inventory().add("Build-Agent", id, false);
        assertThat(added.state()).isEqualTo("Off");
        assertThat(inventory().list()).extracting(VirtualMachine::id).contains(id);

        VirtualMachine on = inventory().setState("build-agent", true);
        assertThat(on.state()).isEqualTo("Running");
        clock.advance(Duration.ofSeconds(10));
        assertThat(inventory().list().get(2).uptimeSeconds()).isEqualTo(10);

        inventory().setState(id.toString().toUpperCase(), false);
        assertThat(inventory().list().get(2).state()).isEqualTo("Off");

        assertThat(inventory().remove("BUILD-AGENT").id()).isEqualTo(id);
        assertThat(inventory().list()).hasSize(2);
        // Removing every VM leaves an empty list; the seed comes back only for a missing file.
        inventory().remove(SandboxSeed.DEMO_LINUX_NAME);
        inventory().remove(SandboxSeed.DEMO_WINDOWS_ID.toString());
        assertThat(inventory().list()).isEmpty();
    }

    @Test
    void addWithoutIdMakesARandomOne() {
        VirtualMachine a = inventory().add("a", null, true);
        VirtualMachine b = inventory().add("b", null, true);
        assertThat(a.id()).isNotEqualTo(b.id());
        assertThat(a.isRunning()).isTrue();
    }

    @Test
    void rejectsTakenNamesAndIdsAndNamesThatReadAsGuidsOrAliases() {
        SandboxVmInventory inv = inventory();
        assertThatThrownBy(() -> inv.add("DEMO-LINUX", null, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("exists already");
        assertThatThrownBy(() -> inv.add("x", SandboxSeed.DEMO_WINDOWS_ID, true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("demo-windows");
        assertThatThrownBy(() -> inv.add("parent", null, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inv.add(Guid.random().toString(), null, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inv.add("  ", null, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inv.add("a\u0007b", null, true)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inv.add("y", VmAlias.LOOPBACK.guid(), true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("loopback");
        assertThatThrownBy(() -> inv.setState("nobody", true)).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("nobody");
        assertThat(inv.list()).hasSize(2);
    }

    @Test
    void writesAtomicallyLeavingNoTemporaryFiles() throws Exception {
        SandboxVmInventory inv = inventory();
        for (int i = 0; i < 5; i++) {
            inv.add("vm" + i, null, i % 2 == 0);
        }
        try (var files = Files.list(dir.resolve("sandbox"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vms.json", ".vms.json.lock");
        }
        assertThat(Files.readString(dir.resolve("sandbox/vms.json"))).contains("\"responders\"").contains("vm4");
    }

    @Test
    void aCorruptFileIsReportedAndNeverOverwritten() throws Exception {
        Path file = dir.resolve("sandbox/vms.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"vms\": [ oops");
        assertThatThrownBy(() -> inventory().list()).isExactlyInstanceOf(OperationFailedException.class)
                .hasMessageContaining(file.toString());
        assertThatThrownBy(() -> inventory().add("x", null, true)).isInstanceOf(OperationFailedException.class);
        assertThat(Files.readString(file)).isEqualTo("{\"vms\": [ oops");
    }

    @Test
    void toleratesMissingFieldsAndKeepsThemMissingWhenRewriting() throws Exception {
        Path file = dir.resolve("sandbox/vms.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"vms\":[{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"m\"}]}");
        assertThat(inventory().list()).singleElement().satisfies(vm -> {
            assertThat(vm.state()).isEqualTo("Off");
            assertThat(vm.name()).isEqualTo("m");
        });
        assertThat(inventory().responders()).isEmpty();
        inventory().add("second", null, false);
        String rewritten = Files.readString(file);
        assertThat(rewritten).contains("\"name\": \"m\"").contains("\"state\": null").contains("second");
    }

    @Test
    void anEntryWithoutAnIdOrAnUnknownFieldIsRefusedNotDropped() throws Exception {
        Path file = dir.resolve("sandbox/vms.json");
        Files.createDirectories(file.getParent());
        for (String doc : List.of(
                "{\"vms\":[{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"m\"},{\"name\":\"no id\"}]}",
                "{\"vms\":[{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"m\"}],\"extra\":1}")) {
            Files.writeString(file, doc);
            assertThatThrownBy(() -> inventory().add("x", null, true)).isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining(doc.contains("extra") ? "$.extra" : "$.vms[1].id");
            assertThat(Files.readString(file)).isEqualTo(doc);
        }
    }

    @Test
    void integrationServicesAreAFixedListWithGuestServiceInterfaceOff() {
        var query = inventory().integrationServices().orElseThrow();
        List<IntegrationService> running = query.of(SandboxSeed.DEMO_LINUX_ID);
        assertThat(running).extracting(IntegrationService::name).contains("Guest Service Interface", "Heartbeat", "VSS");
        assertThat(running.get(0).isGuestServiceInterface()).isTrue();
        assertThat(running.get(0).enabled()).isFalse();
        assertThat(running.get(1).primaryStatus()).isEqualTo("OK");
        assertThat(query.of(SandboxSeed.DEMO_WINDOWS_ID).get(1).primaryStatus()).isEmpty();
        assertThatThrownBy(() -> query.of(Guid.random())).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void watchReportsChangesMadeByAnotherInstance() throws Exception {
        SandboxVmInventory gui = inventory();
        gui.list();
        CountDownLatch changed = new CountDownLatch(1);
        AutoCloseable w = gui.watch(changed::countDown).orElseThrow();
        try {
            inventory().add("from-cli", null, true);
            assertThat(changed.await(10, TimeUnit.SECONDS)).as("change noticed").isTrue();
        } finally {
            w.close();
        }
        assertThat(gui.list()).extracting(VirtualMachine::name).contains("from-cli");
    }

    @Test
    void errorsCarryTheirExitStatus() {
        HvxException e = (HvxException) org.assertj.core.api.Assertions.catchThrowable(() -> inventory().remove("ghost"));
        assertThat(e.exitStatus()).isEqualTo(2);
    }

    @Test
    void aWriteThatFailsLeavesTheVmFileAsItWas() throws Exception {
        inventory().list();
        Path file = dir.resolve("sandbox/vms.json");
        byte[] before = Files.readAllBytes(file);
        io.hvx.files.AtomicFiles.ChunkWriter diskFull = (ch, buf) -> {
            ch.write(java.nio.ByteBuffer.wrap(buf.array(), 0, buf.remaining() / 2));
            throw new java.io.IOException("No space left on device");
        };
        SandboxVmInventory full = new SandboxVmInventory(dir.resolve("sandbox"), clock,
                (f, bytes) -> io.hvx.files.AtomicFiles.write(f, bytes, diskFull));
        assertThatThrownBy(() -> full.add("lost", null, true)).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("No space left on device").hasMessageContaining("left as it was");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        try (var files = Files.list(dir.resolve("sandbox"))) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("vms.json", ".vms.json.lock");
        }
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aVersionOneFileLoadsAPolicyMakesItVersionTwoAndDefaultingItBackWritesVersionOneAgain() throws Exception {
        Path file = dir.resolve("sandbox/vms.json");
        Files.createDirectories(file.getParent());
        String v1 = "{\"version\":1,\"vms\":[{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"demo-linux\","
                + "\"state\":\"Running\",\"responders\":[{\"service\":\"" + SandboxSeed.ECHO_SERVICE + "\",\"kind\":\"echo\"}]}]}";
        Files.writeString(file, v1);
        SandboxVmInventory inv = inventory();
        assertThat(inv.policy(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE)).isEqualTo(ServicePolicy.DEFERRED);

        inv.policies().write(List.of(new PolicyStore.Setting(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE,
                ServicePolicy.DISABLED)));
        JsonObject written = JsonParser.parseString(Files.readString(file)).getAsJsonObject();
        assertThat(written.get("version").getAsInt()).isEqualTo(2);
        JsonObject vm = written.getAsJsonArray("vms").get(0).getAsJsonObject();
        assertThat(vm.getAsJsonArray("policies").get(0).getAsJsonObject().get("policy").getAsString()).isEqualTo("disabled");
        assertThat(vm.getAsJsonArray("responders")).hasSize(1);
        assertThat(vm.has("generation")).as("fields missing before are written as the record has them").isTrue();
        assertThat(inventory().policy(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE)).isEqualTo(ServicePolicy.DISABLED);
        PolicyStore.VmSettings s = inventory().policies().read(SandboxSeed.DEMO_LINUX_ID).vms().getFirst();
        assertThat(s.defaultPolicy()).isEqualTo(ServicePolicy.ENABLED);
        assertThat(s.policies()).containsEntry(SandboxSeed.ECHO_SERVICE, ServicePolicy.DISABLED);

        inventory().policies().write(List.of(new PolicyStore.Setting(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE,
                ServicePolicy.DEFERRED)));
        String back = Files.readString(file);
        assertThat(JsonParser.parseString(back).getAsJsonObject().get("version").getAsInt()).isEqualTo(1);
        assertThat(back).doesNotContain("policies");
    }

    @Test
    void aPolicyFileEntryHvxDoesNotUnderstandRefusesTheWholeFileAndLeavesItAsItIs() throws Exception {
        Path file = dir.resolve("sandbox/vms.json");
        Files.createDirectories(file.getParent());
        String doc = "{\"version\":2,\"vms\":[{\"id\":\"" + SandboxSeed.DEMO_LINUX_ID + "\",\"name\":\"demo-linux\","
                + "\"policies\":[{\"service\":\"" + SandboxSeed.ECHO_SERVICE + "\",\"policy\":\"sometimes\"}]}]}";
        Files.writeString(file, doc);
        assertThatThrownBy(() -> inventory().list()).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("$.vms[0].policies[0].policy");
        String twice = doc.replace("]}]}", ",{\"service\":\"" + SandboxSeed.ECHO_SERVICE + "\",\"policy\":\"enabled\"}]}]}")
                .replace("sometimes", "disabled");
        Files.writeString(file, twice);
        assertThatThrownBy(() -> inventory().policies().write(List.of(new PolicyStore.Setting(SandboxSeed.DEMO_LINUX_ID,
                SandboxSeed.SINK_SERVICE, ServicePolicy.DISABLED)))).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("$.vms[0].policies[1]");
        assertThat(Files.readString(file)).isEqualTo(twice);
    }

    @Test
    void settingAPolicyForAVmThatIsGoneIsRefused() {
        inventory().list();
        Guid gone = Guid.parse("12345678-1234-4234-8234-123456789abc");
        assertThatThrownBy(() -> inventory().policies().write(List.of(new PolicyStore.Setting(gone,
                SandboxSeed.ECHO_SERVICE, ServicePolicy.DISABLED)))).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> inventory().policies().read(gone)).isInstanceOf(InvalidInputException.class);
    }
}
