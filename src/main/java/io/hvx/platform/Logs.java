package io.hvx.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * The one logging set-up. Code everywhere logs through the JDK facade {@link System.Logger}
 * ({@code System.getLogger(Foo.class.getName())}); this class routes it to a rolling log file in
 * the app's data directory ({@code logs/hvx-0.log}, five files of 1 MiB) and nowhere else, so the
 * CLI's standard error stays one line per failure.
 *
 * <p>The file is opened on the first record, not at start-up: a command that logs nothing never
 * touches the disk. {@code HVX_LOG_LEVEL} ({@code debug}, {@code info}, {@code warning},
 * {@code error}, {@code off}) overrides the default level, {@code info}.
 */
public final class Logs {

    public static final String LEVEL_ENV = "HVX_LOG_LEVEL";
    /** The newest log file's name inside the log directory. */
    public static final String CURRENT_FILE = "hvx-0.log";

    private static volatile Path directory;

    private Logs() {
    }

    /**
     * Sends every later log record to files under {@code logDir} (created on the first record).
     * Calling it again with another directory moves later records there.
     */
    public static synchronized void init(Path logDir) {
        if (logDir.equals(directory)) {
            return;
        }
        directory = logDir;
        Logger root = LogManager.getLogManager().getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        Level level = level(System.getenv(LEVEL_ENV));
        root.setLevel(level);
        root.addHandler(new LazyFileHandler(logDir, level));
    }

    /** The current log file, or {@code null} before {@link #init}. */
    public static Path currentFile() {
        Path d = directory;
        return d == null ? null : d.resolve(CURRENT_FILE);
    }

    static Level level(String text) {
        if (text == null || text.isBlank()) {
            return Level.INFO;
        }
        return switch (text.strip().toLowerCase(Locale.ROOT)) {
            case "debug", "trace", "all" -> Level.FINE;
            case "warning", "warn" -> Level.WARNING;
            case "error" -> Level.SEVERE;
            case "off" -> Level.OFF;
            default -> Level.INFO;
        };
    }

    /** Opens the rolling file on the first record; if that fails, logging is dropped quietly. */
    private static final class LazyFileHandler extends Handler {
        private final Path dir;
        private FileHandler file;
        private boolean failed;

        LazyFileHandler(Path dir, Level level) {
            this.dir = dir;
            setLevel(level);
        }

        @Override
        public synchronized void publish(LogRecord record) {
            if (!isLoggable(record) || failed) {
                return;
            }
            if (file == null) {
                try {
                    Files.createDirectories(dir);
                    file = new FileHandler(dir.resolve("hvx-%g.log").toString(), 1 << 20, 5, true);
                    file.setEncoding("UTF-8");
                    file.setFormatter(new SimpleFormatter() {
                        @Override
                        public String format(LogRecord r) {
                            return String.format(Locale.ROOT, "%1$tF %1$tT.%1$tL %2$-7s %3$s: %4$s%n%5$s",
                                    r.getMillis(), r.getLevel().getName(), r.getLoggerName(), formatMessage(r),
                                    r.getThrown() == null ? "" : trace(r.getThrown()));
                        }
                    });
                } catch (IOException | RuntimeException e) {
                    // nowhere to write: the app works on without a log; a log failure must never
                    // become a user-facing failure
                    failed = true;
                    return;
                }
            }
            file.publish(record);
            file.flush();
        }

        private static String trace(Throwable t) {
            java.io.StringWriter sw = new java.io.StringWriter();
            t.printStackTrace(new java.io.PrintWriter(sw));
            return sw.toString();
        }

        @Override
        public synchronized void flush() {
            if (file != null) {
                file.flush();
            }
        }

        @Override
        public synchronized void close() {
            if (file != null) {
                file.close();
            }
        }
    }
}
