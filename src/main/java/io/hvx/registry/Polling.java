package io.hvx.registry;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

/** Change detection by reading again and comparing, for stores without change notifications. */
final class Polling {

    private Polling() {
    }

    static AutoCloseable start(Supplier<?> reader, Runnable onChange, Duration every) {
        Thread t = Thread.ofVirtual().name("hvx-services-poll").start(() -> {
            Object last = readQuietly(reader);
            while (!Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(every);
                } catch (InterruptedException e) {
                    return;
                }
                Object now = readQuietly(reader);
                if (!Objects.equals(last, now)) {
                    last = now;
                    onChange.run();
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
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }
}
