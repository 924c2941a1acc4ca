package io.hvx.files;

import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one lock policy of every store: an advisory lock on a lock file, held while a store is
 * read, checked and written, so two hvx processes (the GUI and a CLI, or two CLIs) never
 * interleave their changes. Threads of one process queue on an in-process lock first (the OS
 * lock is per process); the lock is re-entrant per thread. Waiting is bounded: after the timeout
 * the caller gets an {@link OperationFailedException} naming what is locked and how long it waited.
 *
 * <p>The operating system releases the lock when its process dies, so a crashed hvx never
 * leaves a store locked.
 */
public final class FileLocks {

    /** How long a store waits for another writer before it gives up. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);

    private static final System.Logger LOG = System.getLogger(FileLocks.class.getName());
    private static final ConcurrentHashMap<Path, Slot> SLOTS = new ConcurrentHashMap<>();

    private FileLocks() {
    }

    /** A held lock; closing releases it. */
    public interface Held extends AutoCloseable {
        @Override
        void close();
    }

    /** The conventional lock file of {@code file}: {@code .<name>.lock} beside it. */
    public static Path lockFileOf(Path file) {
        Path abs = file.toAbsolutePath();
        return abs.resolveSibling("." + abs.getFileName() + ".lock");
    }

    /** {@link #lock(Path, Object, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public static Held lock(Path lockFile, Object what) {
        return lock(lockFile, what, DEFAULT_TIMEOUT);
    }

    /**
     * Takes the lock of {@code lockFile} (created when missing), waiting at most {@code timeout}.
     *
     * @param what what the lock guards, named in the timeout message (a file, a registry key)
     * @throws OperationFailedException when another process or thread held it for the whole
     *                                  timeout, or the lock file cannot be created
     */
    public static Held lock(Path lockFile, Object what, Duration timeout) {
        Path key = lockFile.toAbsolutePath().normalize();
        Slot slot = SLOTS.computeIfAbsent(key, k -> new Slot());
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!slot.threads.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw locked(what, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw locked(what, timeout);
        }
        if (slot.threads.getHoldCount() > 1) {
            return slot.threads::unlock;
        }
        try {
            slot.acquire(key, deadline, what, timeout);
        } catch (RuntimeException e) {
            slot.threads.unlock();
            throw e;
        }
        return () -> {
            try {
                if (slot.threads.getHoldCount() == 1) {
                    slot.release();
                }
            } finally {
                slot.threads.unlock();
            }
        };
    }

    private static OperationFailedException locked(Object what, Duration timeout) {
        return new OperationFailedException(Problem.of("error.file.locked", what, timeout.toSeconds()));
    }

    /** The in-process queue and, while held, the OS lock of one lock file. */
    private static final class Slot {
        final ReentrantLock threads = new ReentrantLock(true);
        FileChannel channel;
        FileLock lock;

        void acquire(Path file, long deadline, Object what, Duration timeout) {
            try {
                Files.createDirectories(file.getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            } catch (IOException e) {
                throw new OperationFailedException(Problem.of("error.file.lockFile", file), e.toString(), e);
            }
            long pause = 2;
            try {
                while (true) {
                    try {
                        lock = channel.tryLock();
                    } catch (OverlappingFileLockException e) {
                        // another class loader of this JVM holds it (tests): wait as for another process
                        lock = null;
                    }
                    if (lock != null) {
                        return;
                    }
                    if (System.nanoTime() - deadline > 0) {
                        throw locked(what, timeout);
                    }
                    // the OS offers no timed lock: poll, backing off to 50 ms
                    Thread.sleep(pause);
                    pause = Math.min(50, pause * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                closeQuietly();
                throw locked(what, timeout);
            } catch (IOException e) {
                closeQuietly();
                throw new OperationFailedException(Problem.of("error.file.lockFile", file), e.toString(), e);
            } catch (RuntimeException e) {
                closeQuietly();
                throw e;
            }
        }

        void release() {
            closeQuietly();
        }

        private void closeQuietly() {
            try {
                if (channel != null) {
                    // closing the channel releases its lock
                    channel.close();
                }
            } catch (IOException e) {
                LOG.log(System.Logger.Level.WARNING,
                        "closing a lock file failed; the OS releases the lock with the process", e);
            } finally {
                channel = null;
                lock = null;
            }
        }
    }
}
