package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A FIFO, {@code /dev/zero} or a 3 GB file as a store or an import file is refused at once with
 * a sentence, never read (issue 14 §12). Run as processes with a deadline: the failure mode
 * before was a hang or an {@code OutOfMemoryError}.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "FIFOs and /dev/zero are POSIX")
class HostileFilesTest {

    /** Far above the few hundred milliseconds a refusal takes, far below a hang. */
    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    HvxProcesses hvx;

    @BeforeEach
    void setUp() throws IOException {
        hvx = new HvxProcesses(tmp);
        Files.createDirectories(hvx.sandboxDir());
    }

    static void mkfifo(Path p) throws Exception {
        Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
        assertThat(mk.waitFor()).isZero();
    }

    static void sparse(Path p, long size) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(size);
        }
    }

    void assertRefused(HvxProcesses.Outcome o, int exit, String... mentions) {
        assertThat(o.exit()).as(o.toString()).isEqualTo(exit);
        assertThat(o.err()).as(o.toString()).startsWith("hvx: ").contains(mentions)
                .doesNotContain("Exception").doesNotContain("OutOfMemoryError");
    }

    @Test
    void importFromAFifoDevZeroOrAHugeFileIsRefused() throws Exception {
        Path fifo = tmp.resolve("in.json");
        mkfifo(fifo);
        assertRefused(hvx.run(DEADLINE, "services", "import", fifo.toString(), "--yes"), 2, "not a regular file");
        assertRefused(hvx.run(DEADLINE, "services", "import", "/dev/zero", "--yes"), 2, "not a regular file");
        Path huge = tmp.resolve("huge.reg");
        sparse(huge, 3L << 30);
        assertRefused(hvx.run(DEADLINE, "services", "import", huge.toString(), "--yes"), 2, "too large");
    }

    @Test
    void storeFilesThatAreAFifoDevZeroOrHugeAreRefused() throws Exception {
        mkfifo(hvx.sandboxDir().resolve("services.json"));
        assertRefused(hvx.run(DEADLINE, "services", "list"), 1, "services.json", "not a regular file");

        Files.createSymbolicLink(hvx.sandboxDir().resolve("vms.json"), Path.of("/dev/zero"));
        assertRefused(hvx.run(DEADLINE, "sandbox", "vm", "list"), 1, "vms.json", "not a regular file");

        Files.delete(hvx.sandboxDir().resolve("services.json"));
        sparse(hvx.sandboxDir().resolve("services.json"), 3L << 30);
        assertRefused(hvx.run(DEADLINE, "services", "list"), 1, "services.json", "too large");
    }

    @Test
    void aJournalStepThatIsAFifoIsRefusedAndOtherCommandsKeepWorking() throws Exception {
        assertThat(hvx.run(DEADLINE, "services", "add", "--name", "x", "--vsock-port", "99").exit()).isZero();
        Path legacy = hvx.dataDir().resolve("services-undo.json");
        Files.deleteIfExists(legacy);
        mkfifo(legacy);
        assertRefused(hvx.run(DEADLINE, "services", "undo"), 1, "services-undo.json", "not a regular file");
        assertThat(hvx.run(DEADLINE, "services", "list").exit()).isZero();
    }
}
