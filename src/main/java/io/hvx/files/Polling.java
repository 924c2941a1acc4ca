package io.hvx.files;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Change detection by reading again and comparing, for sources that cannot notify (the Windows
 * registry, a file system without a watch service).
 */
public final class Polling {

    private static final System.Logger LOG = System.getLogger(Polling.class.getName());

    private Polling() {
    }

    /**
     * Reads {@code reader} every {@code every} on a virtual thread and calls {@code onChange} when
     * the value differs from the last one. A read that fails is a value too, so a source that
     * starts or stops failing is reported. Closing the handle stops polling.
     */
    public static AutoCloseable start(Supplier<?> reader, Runnable onChange, Duration every) {
        Thread t = Thread.ofVirtual().name("hvx-poll").start(() -> {
            Object last = readQuietly(reader);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    // the watch was closed: stop polling
                    return;
                }
                Object now = readQuietly(reader);
                if (!Objects.equals(last, now)) {
                    last = now;
                    DirectoryWatcher.notify(onChange);
                }
            }
        });
        return t::interrupt;
    }

    private static Object readQuietly(Supplier<?> reader) {
        try {
            return reader.get();
        } catch (RuntimeException e) {
            // a failing read is a state too: report when it starts or stops failing
            LOG.log(System.Logger.Level.DEBUG, "polled read failed", e);
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
