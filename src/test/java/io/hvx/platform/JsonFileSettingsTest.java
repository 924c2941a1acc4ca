package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileSettingsTest {

    @TempDir
    Path dir;

    @Test
    void missingFileMeansDefaultsAndNothingIsWrittenUntilAPut() {
        JsonFileSettings s = JsonFileSettings.inDataDir(dir.resolve("data"));
        assertThat(s.get("theme")).isEmpty();
        assertThat(dir.resolve("data")).doesNotExist();
    }

    @Test
    void valuesSurviveARestart() throws Exception {
        JsonFileSettings s = JsonFileSettings.inDataDir(dir.resolve("data"));
        s.put("theme", "dark");
        s.put("window.width", "1300");
        s.put("language", "zh-CN");
        s.put("language", null);
        s.flush();

        JsonFileSettings again = JsonFileSettings.inDataDir(dir.resolve("data"));
        assertThat(again.get("theme")).contains("dark");
        assertThat(again.getDouble("window.width")).contains(1300.0);
        assertThat(again.get("language")).isEmpty();
        assertThat(Files.readString(dir.resolve("data/settings.json"))).contains("\"theme\": \"dark\"");
    }

    @Test
    void savingLeavesNoTemporaryFilesBehind() throws Exception {
        JsonFileSettings s = new JsonFileSettings(dir.resolve("settings.json"));
        for (int i = 0; i < 20; i++) {
            s.put("n", Integer.toString(i));
        }
        s.flush();
        try (Stream<Path> files = Files.list(dir)) {
            // the lock file stays, as every store's does
            assertThat(files.map(p -> p.getFileName().toString()))
                    .containsExactlyInAnyOrder("settings.json", ".settings.json.lock");
        }
        assertThat(new JsonFileSettings(dir.resolve("settings.json")).get("n")).contains("19");
    }

    @Test
    void unreadableFileIsKeptAsideAndDefaultsAreUsed() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ this is not json", StandardCharsets.UTF_8);
        Clock clock = Clock.fixed(Instant.parse("2026-11-25T20:15:30Z"), ZoneOffset.UTC);

        JsonFileSettings s = new JsonFileSettings(file, clock);

        assertThat(s.get("theme")).isEmpty();
        Path bad = dir.resolve("settings.json.bad-20261125-201530");
        assertThat(bad).exists().hasContent("{ this is not json");
        assertThat(file).doesNotExist();

        s.put("theme", "light");
        s.flush();
        assertThat(new JsonFileSettings(file).get("theme")).contains("light");
        assertThat(bad).hasContent("{ this is not json");
    }

    @Test
    void aJsonValueThatIsNotAnObjectIsKeptAsideToo() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "[1, 2]");
        new JsonFileSettings(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        assertThat(dir.resolve("settings.json.bad-20260102-030405")).exists();
    }

    @Test
    void aValueThatIsNotAStringNumberOrBooleanIsNotDroppedTheFileIsKeptAsideWhole() throws Exception {
        Path file = dir.resolve("settings.json");
        String text = "{ \"theme\": \"dark\", \"window\": { \"width\": 1200 } }";
        Files.writeString(file, text);
        JsonFileSettings s = new JsonFileSettings(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));

        assertThat(s.get("theme")).as("nothing of a file not understood is used").isEmpty();
        Path bad = dir.resolve("settings.json.bad-20260102-030405");
        assertThat(bad).hasContent(text);
        assertThat(s.loadProblem()).hasValueSatisfying(p -> assertThat(p.message())
                .isEqualTo("The settings in " + file + " could not be used ($.window should be a string, a number or"
                        + " true/false, not an object), so the defaults apply. The file was kept, whole, as " + bad
                        + ": copy what you need from it."));
    }

    @Test
    void aKeyGivenTwiceIsRefusedRatherThanOneOfThemKept() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ \"theme\": \"dark\", \"theme\": \"light\" }");
        JsonFileSettings s = new JsonFileSettings(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        assertThat(s.get("theme")).isEmpty();
        assertThat(s.loadProblem()).isPresent();
        assertThat(dir.resolve("settings.json.bad-20260102-030405")).exists();
    }

    @Test
    void aFileLargerThanTheLimitIsNotReadButKeptAside() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.write(file, new byte[(int) JsonFileSettings.MAX_BYTES + 1]);
        JsonFileSettings s = new JsonFileSettings(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        assertThat(s.loadProblem()).hasValueSatisfying(p -> assertThat(p.message()).contains("is too large"));
        assertThat(dir.resolve("settings.json.bad-20260102-030405")).hasSize(JsonFileSettings.MAX_BYTES + 1);
    }

    @Test
    void aDirectoryInTheFilesPlaceIsRefusedNotRead() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.createDirectory(file);
        JsonFileSettings s = new JsonFileSettings(file, Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC));
        assertThat(s.loadProblem()).hasValueSatisfying(p -> assertThat(p.message()).contains("is not a regular file"));
        assertThat(s.get("theme")).isEmpty();
    }

    @Test
    void keysThisVersionDoesNotKnowAreWrittenBackAsTheyWere() throws Exception {
        Path file = dir.resolve("settings.json");
        Files.writeString(file, "{ \"future.feature\": \"on\", \"future.count\": 3, \"future.flag\": true }");
        JsonFileSettings s = new JsonFileSettings(file);
        assertThat(s.loadProblem()).isEmpty();
        assertThat(s.getBoolean("future.flag", false)).isTrue();
        s.put("theme", "dark");
        s.flush();

        JsonFileSettings again = new JsonFileSettings(file);
        assertThat(again.get("future.feature")).contains("on");
        assertThat(again.getDouble("future.count")).contains(3.0);
        assertThat(again.get("theme")).contains("dark");
    }

    @Test
    void twoRunningCopiesKeepEachOthersChanges() throws Exception {
        Path file = dir.resolve("settings.json");
        JsonFileSettings first = new JsonFileSettings(file);
        JsonFileSettings second = new JsonFileSettings(file);
        first.put("theme", "dark");
        first.flush();
        second.put("window.width", "1300");
        second.flush();
        first.put("language", "zh-CN");
        first.flush();

        JsonFileSettings again = new JsonFileSettings(file);
        assertThat(again.get("theme")).as("the first copy's change survives the second's save").contains("dark");
        assertThat(again.get("window.width")).contains("1300");
        assertThat(again.get("language")).contains("zh-CN");
        // a removal is a change too
        second.put("window.width", null);
        second.flush();
        assertThat(new JsonFileSettings(file).get("window.width")).isEmpty();
        assertThat(new JsonFileSettings(file).get("theme")).contains("dark");
    }

    @Test
    @org.junit.jupiter.api.condition.EnabledOnOs(value = {org.junit.jupiter.api.condition.OS.LINUX,
            org.junit.jupiter.api.condition.OS.MAC}, disabledReason = "mkfifo is POSIX")
    void aFifoOrAHugeFileIsKeptAsideUnreadInsteadOfBlockingOrFillingMemory() throws Exception {
        Path fifo = dir.resolve("fifo/settings.json");
        Files.createDirectories(fifo.getParent());
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
        // no writer ever opens the FIFO: a read of it would block forever
        JsonFileSettings s = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(30),
                () -> new JsonFileSettings(fifo, clock));
        assertThat(s.get("theme")).isEmpty();
        assertThat(fifo.resolveSibling("settings.json.bad-20260102-030405")).exists();

        Path huge = dir.resolve("huge/settings.json");
        Files.createDirectories(huge.getParent());
        try (var ch = java.nio.channels.FileChannel.open(huge, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[] {'{'}), JsonFileSettings.MAX_BYTES); // sparse, just over the limit
        }
        assertThat(new JsonFileSettings(huge, clock).get("theme")).isEmpty();
        assertThat(huge.resolveSibling("settings.json.bad-20260102-030405")).hasSize(JsonFileSettings.MAX_BYTES + 1);
    }
}
