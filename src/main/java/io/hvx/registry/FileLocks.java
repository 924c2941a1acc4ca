package io.hvx.registry;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.function.Supplier;

/** Advisory file locks between processes (the GUI and a CLI writing the same file), with a timeout. */
final class FileLocks {

    private FileLocks() {
    }

    /**
     * Locks {@code lockFile} (created when missing), waiting at most {@code timeout}; closing the
     * returned lock also closes its channel.
     */
    static FileLock lock(Path lockFile, Duration timeout, Supplier<? extends RuntimeException> onTimeout)
            throws IOException {
        Files.createDirectories(lockFile.toAbsolutePath().getParent());
        FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                try {
                    FileLock l = ch.tryLock();
                    if (l != null) {
                        return new ClosingLock(l, ch);
                    }
                } catch (OverlappingFileLockException e) {
                    // another object of this process holds it: wait as for another process
                }
                if (System.nanoTime() > deadline) {
                    throw onTimeout.get();
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            ch.close();
            throw onTimeout.get();
        } catch (RuntimeException | IOException e) {
            ch.close();
            throw e;
        }
    }

    /** A lock that also closes its channel. */
    private static final class ClosingLock extends FileLock {
        private final FileLock lock;

        ClosingLock(FileLock lock, FileChannel ch) {
            super(ch, lock.position(), lock.size(), lock.isShared());
            this.lock = lock;
        }

        @Override
        public boolean isValid() {
            return lock.isValid();
        }

        @Override
        public void release() throws IOException {
            try {
                lock.release();
            } finally {
                channel().close();
            }
        }
    }
}
