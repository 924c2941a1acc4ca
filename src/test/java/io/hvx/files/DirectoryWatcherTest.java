package io.hvx.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryWatcherTest {

    @TempDir
    Path dir;

    @Test
    void reportsAnAtomicReplaceOfAWatchedFileButNotOtherFiles() throws Exception {
        CountDownLatch changed = new CountDownLatch(1);
        CountDownLatch anything = new CountDownLatch(1);
        try (AutoCloseable w = DirectoryWatcher.watch(dir, Set.of("store.json"), changed::countDown);
             AutoCloseable other = DirectoryWatcher.watch(dir, Set.of("unrelated.json"), anything::countDown)) {
            AtomicFiles.write(dir.resolve("store.json"), new byte[] {'1'});
            assertThat(changed.await(20, TimeUnit.SECONDS)).as("replace noticed").isTrue();
            assertThat(anything.getCount()).as("a watch on another name").isEqualTo(1);
        }
        assertThat(Files.exists(dir.resolve("store.json"))).isTrue();
    }

    @Test
    void aFailingListenerDoesNotStopTheWatch() throws Exception {
        CountDownLatch second = new CountDownLatch(2);
        try (AutoCloseable w = DirectoryWatcher.watch(dir, Set.of("f"), () -> {
            second.countDown();
            throw new IllegalStateException("listener bug");
        })) {
            AtomicFiles.write(dir.resolve("f"), new byte[] {'1'});
            // wait for the first notification before the second write, so they are two events
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (second.getCount() == 2 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            AtomicFiles.write(dir.resolve("f"), new byte[] {'2'});
            assertThat(second.await(20, TimeUnit.SECONDS)).isTrue();
        }
    }
}
