package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A PowerShell that floods, crashes, hangs or leaves children behind (issue 14 §10, §11, §18),
 * through stand-ins, one-shot and warm. Every case ends in one sentence, within the timeout, with
 * no process of the tree left running and memory bounded by the caps.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "the stand-ins are POSIX sh scripts")
@Timeout(120)
class PowerShellFaultsTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    private static PowerShellVmInventory oneShot(String standIn, Map<String, String> env) {
        return PowerShellVmInventory.oneShot(StandIns.script(standIn), TIMEOUT, env);
    }

    private static String key(Throwable t) {
        return ((HvxException) t).problem().key();
    }

    private long pidFrom(Path file) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!Files.exists(file) || Files.readString(file).isBlank()) {
            assertThat(System.nanoTime()).as("stand-in never wrote " + file).isLessThan(deadline);
            Thread.onSpinWait();
        }
        return Long.parseLong(Files.readString(file).strip());
    }

    private static void assertGone(long pid) throws Exception {
        // the kill was sent before the call returned; a zombie not yet reaped counts as gone
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (PowerShellProcessTest.running(pid)) {
            assertThat(System.nanoTime()).as("process " + pid + " still running").isLessThan(deadline);
            Thread.onSpinWait();
        }
    }

    @Test
    void aStdoutFloodIsCutAtTheCapAndTheProcessStoppedLongBeforeTheTimeout() throws Exception {
        Path pid = tmp.resolve("pid");
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> oneShot("flood-stdout.sh", Map.of("HVX_STANDIN_PIDFILE", pid.toString())).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"))
                .satisfies(e -> assertThat(((HvxException) e).exitStatus()).isEqualTo(1))
                .hasMessageContaining("more than 8 MB to stdout")
                .satisfies(e -> assertThat(((HvxException) e).detail()).startsWith("stdout: y\\ny\\ny").hasLineCount(2)
                        .hasSizeLessThan(1000));
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT);
        assertGone(pidFrom(pid));
    }

    @Test
    void anEndlessLineWithoutNewlineIsAFloodToo() {
        assertThatThrownBy(() -> oneShot("flood-stdout.sh", Map.of("HVX_FLOOD_LINE", "0")).list())
                .satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"));
    }

    @Test
    void aStderrFloodAfterAValidEmptyListIsAFailureNotAnEmptyList() throws Exception {
        Path pid = tmp.resolve("pid");
        assertThatThrownBy(() -> oneShot("flood-stderr.sh", Map.of("HVX_STANDIN_PIDFILE", pid.toString())).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"))
                .hasMessageContaining("stderr");
        assertGone(pidFrom(pid));
    }

    @Test
    void aChildLeftRunningAfterANormalExitIsEndedWhetherItKeepsThePipesOrNot() throws Exception {
        for (String pipes : new String[] {"keep", "detach"}) {
            Path pid = tmp.resolve("child-" + pipes);
            long t0 = System.nanoTime();
            assertThat(oneShot("fork.sh", Map.of("HVX_FORK_PIPES", pipes, "HVX_STANDIN_PIDFILE", pid.toString())).list())
                    .as(pipes).isEmpty();
            // a child holding the pipes must not make the call wait for it
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as(pipes).isLessThan(Duration.ofSeconds(30));
            assertGone(pidFrom(pid));
        }
    }

    @Test
    void aCrashHalfwayThroughTheDocumentSaysSoWithTheExitCode() {
        assertThatThrownBy(() -> oneShot("crash.sh", Map.of()).list())
                .isExactlyInstanceOf(OperationFailedException.class)
                .satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.noJson"))
                .hasMessageContaining("exit code 137")
                .satisfies(e -> assertThat(((HvxException) e).detail()).contains("\"Name\":\"half"));
    }

    private WarmPowerShell warm(Map<String, String> env) {
        return new WarmPowerShell(() -> StandIns.script("warm-loop.sh"), TIMEOUT, env);
    }

    @Test
    void aWarmAnswerThatFloodsFailsTheRequestStopsTheProcessAndTheNextRequestStartsAfresh() {
        try (WarmPowerShell ps = warm(Map.of("HVX_WARM_MODE", "flood"))) {
            PowerShellVmInventory inv = new PowerShellVmInventory(ps);
            long t0 = System.nanoTime();
            assertThatThrownBy(inv::list).satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"))
                    .hasMessageContaining("stdout");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT);
            assertThat(ps.currentProcess()).isNull();
            assertThatThrownBy(inv::list).satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"));
            assertThat(ps.starts()).isEqualTo(2);
        }
    }

    @Test
    void aWarmProcessFloodingStderrFailsTheRequestInsteadOfRunningOn() {
        try (WarmPowerShell ps = warm(Map.of("HVX_WARM_MODE", "flood-stderr"))) {
            assertThatThrownBy(ps::vms).satisfies(e -> assertThat(key(e)).isEqualTo("vms.error.flood"))
                    .hasMessageContaining("stderr");
            assertThat(ps.currentProcess()).isNull();
        }
    }

    @Test
    void aChildOfTheWarmProcessEndsWithItOnClose() throws Exception {
        Path pid = tmp.resolve("warm-child");
        WarmPowerShell ps = warm(Map.of("HVX_WARM_MODE", "fork", "HVX_STANDIN_PIDFILE", pid.toString()));
        assertThat(new PowerShellVmInventory(ps).list()).hasSize(2);
        long child = pidFrom(pid);
        assertThat(PowerShellProcessTest.running(child)).isTrue();
        ps.close();
        assertGone(child);
    }
}
