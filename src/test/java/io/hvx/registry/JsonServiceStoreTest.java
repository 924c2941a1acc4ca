package io.hvx.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.DuplicateNameException;
import io.hvx.core.Guid;
import io.hvx.core.ImportPlan;
import io.hvx.core.InvalidInputException;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceRegistration;
import io.hvx.files.AtomicFiles;
import io.hvx.files.LockHolder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonServiceStoreTest {

    @TempDir
    Path dir;

    Registrations registrations(RegistryStore store) {
        return new Registrations(store, new UndoJournal(dir.resolve("data")), "hvx test", Clock.systemUTC());
    }

    @Test
    void aNewSandboxIsSeededOnFirstUse() throws Exception {
        JsonServiceStore store = JsonServiceStore.sandbox(dir.resolve("sb"));
        assertThat(store.read()).extracting(StoredEntry::id)
                .containsExactlyElementsOf(SandboxSeed.SERVICES.stream().map(SandboxSeed.Service::id).toList());
        assertThat(store.file()).exists();
        assertThat(Files.readString(store.file())).contains("\"services\"").contains("Demo echo");
        assertThat(registrations(store).list()).filteredOn(r -> r.name().equals("Demo echo"))
                .extracting(ServiceRegistration::kind).containsExactly(ServiceRegistration.Kind.HVX);
    }

    @Test
    void aStoreThatDoesNotParseIsReportedWithPositionNeverOverwrittenAndCopiedAside() throws Exception {
        Path sb = dir.resolve("sb");
        Files.createDirectories(sb);
        Path file = sb.resolve("services.json");
        byte[] broken = "{\n  \"services\": [\n    {\"id\": \"0007a120-facb-11e6-bd58-64006a7986d3\",,}\n  ]\n}\n"
                .getBytes(StandardCharsets.UTF_8);
        Files.write(file, broken);
        Registrations reg = registrations(JsonServiceStore.sandbox(sb));
        assertThatThrownBy(reg::list).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("line 3")
                .hasMessageContaining("column")
                .hasMessageContaining(".broken");
        assertThatThrownBy(() -> reg.add(Guid.random(), "x")).isInstanceOf(OperationFailedException.class);
        assertThat(Files.readAllBytes(file)).isEqualTo(broken);
        try (Stream<Path> s = Files.list(sb)) {
            Path backup = s.filter(p -> p.getFileName().toString().endsWith(".broken")).findFirst().orElseThrow();
            assertThat(Files.readAllBytes(backup)).isEqualTo(broken);
        }
    }

    @Test
    void anEntryThatIsNotARegistrationIsReportedByPosition() throws Exception {
        Path file = dir.resolve("services.json");
        Files.writeString(file, "{\"version\":1,\"services\":[{\"id\":\"nope\",\"name\":\"x\"}]}");
        assertThatThrownBy(() -> JsonServiceStore.plain(file).read())
                .hasMessageContaining("$.services[0]").hasMessageContaining("not a GUID");
    }

    @Test
    void writesAreAtomicAndLeaveNoTemporaryFiles() throws Exception {
        JsonServiceStore store = JsonServiceStore.sandbox(dir.resolve("sb"));
        Registrations reg = registrations(store);
        for (int i = 0; i < 5; i++) {
            reg.add(Guid.random(), "n" + i);
        }
        try (Stream<Path> s = Files.list(dir.resolve("sb"))) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("services.json", ".services.json.lock");
        }
        assertThat(reg.list()).hasSize(SandboxSeed.SERVICES.size() + 5);
    }

    @Test
    void twoWritersOfTheSameFileLoseNothing() throws Exception {
        Path sb = dir.resolve("sb");
        JsonServiceStore.sandbox(sb).read();
        Thread[] writers = new Thread[2];
        for (int w = 0; w < writers.length; w++) {
            // separate store and journal objects on the same files, as two processes would have
            Registrations reg = new Registrations(JsonServiceStore.sandbox(sb), new UndoJournal(dir.resolve("data")),
                    "hvx test", Clock.systemUTC());
            int n = w;
            writers[w] = Thread.ofPlatform().start(() -> {
                for (int i = 0; i < 15; i++) {
                    reg.add(Guid.random(), "writer " + n + " entry " + i);
                }
            });
        }
        for (Thread t : writers) {
            t.join();
        }
        assertThat(JsonServiceStore.sandbox(sb).read()).hasSize(SandboxSeed.SERVICES.size() + 30);
        Registrations any = registrations(JsonServiceStore.sandbox(sb));
        for (int i = 0; i < 30; i++) {
            assertThat(any.undo().action()).isEqualTo("add");
        }
        assertThat(JsonServiceStore.sandbox(sb).read()).hasSize(SandboxSeed.SERVICES.size());
    }

    @Test
    void aReadOnlyListRefusesChangesWithItsReason() {
        RegistryStore ro = JsonServiceStore.readOnly(dir.resolve("saved.json"), Problem.of("error.services.readOnly.guest", dir.resolve("saved.json")));
        Registrations reg = registrations(ro);
        assertThat(reg.list()).isEmpty();
        assertThat(reg.writable()).isFalse();
        assertThat(reg.writability().reason().message()).contains("Linux guest");
        assertThatThrownBy(() -> reg.add(Guid.random(), "x")).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining("Read-only");
        assertThat(dir.resolve("saved.json")).doesNotExist();
    }

    @Test
    void changesMadeByAnotherProcessAreNoticed() throws Exception {
        JsonServiceStore store = JsonServiceStore.sandbox(dir);
        store.read();
        CountDownLatch changed = new CountDownLatch(1);
        try (AutoCloseable w = store.watch(changed::countDown)) {
            // the watch is registered when watch() returns; another process: a different store object on the same file
            registrations(JsonServiceStore.sandbox(dir)).add(Guid.random(), "from outside");
            assertThat(changed.await(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    /** Waits until {@code t} blocks (on the store lock), or fails after a generous bound. */
    static void awaitBlocked(Thread t) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (t.getState() != Thread.State.TIMED_WAITING && t.getState() != Thread.State.WAITING) {
            assertThat(t.isAlive()).as("still working, not finished").isTrue();
            assertThat(System.nanoTime()).as("blocked in time").isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    @Test
    void seedingAMissingStoreWaitsForAnotherProcessHoldingTheLock() throws Exception {
        Path sb = dir.resolve("sb");
        JsonServiceStore store = JsonServiceStore.sandbox(sb);
        List<StoredEntry> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        Thread reader;
        try (LockHolder other = LockHolder.hold(store.lockFile().orElseThrow())) {
            reader = Thread.ofPlatform().start(() -> seen.addAll(store.read()));
            awaitBlocked(reader);
            // the other process writes its own first entry meanwhile
            Files.writeString(store.file(), "{\"version\":1,\"services\":[{\"id\":\"0000abcd-facb-11e6-bd58-64006a7986d3\","
                    + "\"name\":\"theirs\",\"createdBy\":null,\"createdAt\":null}]}");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(seen).extracting(StoredEntry::name).containsExactly("theirs");
        assertThat(Files.readString(store.file())).contains("theirs").doesNotContain("Demo echo");
    }

    @Test
    void anImportReChecksItsPlanUnderTheLockAndNeverOverwritesAChangeMadeMeanwhile() throws Exception {
        Path sb = dir.resolve("sb");
        JsonServiceStore store = JsonServiceStore.sandbox(sb);
        Registrations reg = registrations(store);
        ImportPlan plan = reg.plan(List.of(new ImportPlan.Entry(SandboxSeed.ECHO_SERVICE, "from file", null, null, false, 3)),
                false, false);
        assertThat(plan.changes()).hasSize(1);
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        Thread importer;
        try (LockHolder other = LockHolder.hold(store.lockFile().orElseThrow())) {
            importer = Thread.ofPlatform().start(() -> {
                try {
                    reg.apply(plan);
                } catch (Throwable t) {
                    failure.set(t);
                }
            });
            awaitBlocked(importer);
            // another process renames the same entry while the import waits for the lock
            Files.writeString(store.file(), Files.readString(store.file()).replace("\"Demo echo\"", "\"renamed meanwhile\""));
        }
        importer.join(TimeUnit.SECONDS.toMillis(30));
        assertThat(failure.get()).isInstanceOf(InvalidInputException.class).hasMessageContaining("changed since the import plan");
        assertThat(Files.readString(store.file())).contains("renamed meanwhile").doesNotContain("from file");
        assertThat(reg.lastChange()).isEmpty();
    }

    @Test
    void aWriteThatFailsLeavesTheStoreAndTheJournalAsTheyWere() throws Exception {
        Path sb = dir.resolve("sb");
        JsonServiceStore.sandbox(sb).read();
        Path file = sb.resolve("services.json");
        byte[] before = Files.readAllBytes(file);
        AtomicFiles.ChunkWriter diskFull = (ch, buf) -> {
            ch.write(java.nio.ByteBuffer.wrap(buf.array(), 0, buf.remaining() / 2));
            throw new java.io.IOException("No space left on device");
        };
        JsonServiceStore full = new JsonServiceStore(file, true, null, Clock.systemUTC(),
                (f, bytes) -> AtomicFiles.write(f, bytes, diskFull));
        Registrations reg = registrations(full);
        assertThatThrownBy(() -> reg.add(Guid.random(), "lost?")).isInstanceOf(OperationFailedException.class)
                .hasMessageContaining(file.toString()).hasMessageContaining("No space left on device")
                .hasMessageContaining("left as it was");
        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(reg.lastChange()).isEmpty();
        try (Stream<Path> s = Files.list(sb)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("services.json", ".services.json.lock");
        }
    }

    @Test
    void aTakenNameIsADistinctErrorTheGuiCanRecognise() {
        Registrations reg = registrations(JsonServiceStore.sandbox(dir.resolve("sb")));
        assertThatThrownBy(() -> reg.add(Guid.random(), "DEMO echo"))
                .isInstanceOfSatisfying(DuplicateNameException.class, e -> {
                    assertThat(e.name()).isEqualTo("DEMO echo");
                    assertThat(e.holders()).extracting(ServiceRegistration::id).containsExactly(SandboxSeed.ECHO_SERVICE);
                    assertThat(e.exitStatus()).isEqualTo(2);
                });
        assertThat(reg.add(Guid.random(), "DEMO echo", true).name()).isEqualTo("DEMO echo");
        Guid sink = SandboxSeed.SINK_SERVICE;
        assertThatThrownBy(() -> reg.rename(sink, "demo echo", false)).isInstanceOf(DuplicateNameException.class);
        assertThat(reg.rename(sink, "demo echo", false, true).name()).isEqualTo("demo echo");
    }
}
