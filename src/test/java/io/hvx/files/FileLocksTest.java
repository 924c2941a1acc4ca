package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.OperationFailedException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileLocksTest {

    @TempDir
    Path dir;

    @Test
    void aLockHeldByAnotherProcessTimesOutWithASentenceNamingWhatIsLocked() {
        Path lock = dir.resolve(".store.json.lock");
        try (LockHolder other = LockHolder.hold(lock)) {
            long t0 = System.nanoTime();
            assertThatThrownBy(() -> FileLocks.lock(lock, dir.resolve("store.json"), Duration.ofMillis(300)))
                    .isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("store.json").hasMessageContaining("another hvx process");
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
        }
        // released with the other process: free again
        FileLocks.lock(lock, "x", Duration.ofSeconds(30)).close();
    }

    @Test
    void theLockIsReentrantForOneThreadAndExclusiveBetweenThreads() throws Exception {
        Path lock = dir.resolve(".l.lock");
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        int threads = 8;
        CountDownLatch done = new CountDownLatch(threads);
        for (int i = 0; i < threads; i++) {
            Thread.ofPlatform().start(() -> {
                try {
                    for (int k = 0; k < 20; k++) {
                        try (FileLocks.Held outer = FileLocks.lock(lock, "l", Duration.ofSeconds(60));
                             FileLocks.Held inner = FileLocks.lock(lock, "l", Duration.ofSeconds(60))) {
                            int now = inside.incrementAndGet();
                            maxInside.accumulateAndGet(now, Math::max);
                            inside.decrementAndGet();
                        }
                    }
                } finally {
                    done.countDown();
                }
            });
        }
        assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        assertThat(maxInside.get()).isEqualTo(1);
    }
}
