package io.hvx.core;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The user's remembered preferences (theme, language, window geometry, last section…), as
 * string values under dotted keys such as {@code window.width}. The desktop app keeps them in
 * {@code settings.json} in the data directory; tests use {@link #inMemory()}.
 *
 * <p>Implementations never throw on a bad or missing value (a preference is a convenience, not
 * data) and {@link #put} never blocks on the disk, so it may be called on the FX thread.
 *
 * <p>Code names a setting by its {@link Key}, never by a string: {@code settings.get(Key.THEME)}.
 */
public interface Settings {

    /** Every setting the app keeps; {@link #id()} is the key stored in {@code settings.json}. */
    enum Key {
        /** {@code en} or {@code zh-CN}; read before the first window opens. */
        LANGUAGE("language"),
        /** {@code light} or {@code dark}. */
        THEME("theme"),
        /** The id of the section shown last. */
        SECTION("window.section"),
        WINDOW_X("window.x"),
        WINDOW_Y("window.y"),
        WINDOW_WIDTH("window.width"),
        WINDOW_HEIGHT("window.height"),
        WINDOW_MAXIMIZED("window.maximized"),
        /** Seconds between automatic refreshes of the VM list; absent is off. */
        VMS_AUTO_REFRESH("vms.autoRefreshSeconds"),
        /** The PowerShell that lists Hyper-V VMs (a path or a name such as {@code pwsh}). */
        VMS_POWERSHELL("vms.powershell"),
        /** Lines a terminal keeps (100 to 1,000,000; default 10,000). */
        TERMINAL_SCROLLBACK("terminal.scrollback"),
        /** How terminal lines are timestamped: {@code off}, {@code time}, {@code date-time}, {@code relative}. */
        TERMINAL_TIMESTAMPS("terminal.timestamps"),
        /** The charset terminals decode and encode with (default UTF-8). */
        TERMINAL_CHARSET("terminal.charset"),
        /** Whether terminals show what is sent (local echo). */
        TERMINAL_LOCAL_ECHO("terminal.localEcho"),
        /** Whether ANSI SGR colours are rendered. */
        TERMINAL_ANSI("terminal.ansi"),
        /** What the input line appends: {@code none}, {@code lf}, {@code cr}, {@code crlf}. */
        TERMINAL_LINE_ENDING("terminal.lineEnding"),
        /** How the input line is read: {@code text}, {@code hex}, {@code escapes}. */
        TERMINAL_SEND_FORMAT("terminal.sendFormat"),
        /** Whether a dropped connection is made again automatically, with backoff. */
        TERMINAL_AUTO_RECONNECT("terminal.autoReconnect");

        private final String id;

        Key(String id) {
            this.id = id;
        }

        /** The key as stored. */
        public String id() {
            return id;
        }
    }

    /** The value stored under {@code key}, if any. */
    Optional<String> get(String key);

    /** Stores {@code value} under {@code key} ({@code null} removes it) and schedules saving. */
    void put(String key, String value);

    /** Waits until everything put so far is saved (called when the app exits). */
    default void flush() {
    }

    /** The boolean under {@code key}, or {@code fallback} when absent or not a boolean. */
    default boolean getBoolean(String key, boolean fallback) {
        return get(key).map(v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> null;
        }).orElse(fallback);
    }

    /** The number under {@code key}, or empty when absent or not a finite number. */
    default Optional<Double> getDouble(String key) {
        return get(key).flatMap(v -> {
            try {
                double d = Double.parseDouble(v);
                return Double.isFinite(d) ? Optional.of(d) : Optional.empty();
            } catch (NumberFormatException e) {
                return Optional.empty(); // not a number: treated like a missing value, as documented
            }
        });
    }

    /** The value of {@code key}, if any. */
    default Optional<String> get(Key key) {
        return get(key.id());
    }

    /** Stores {@code value} under {@code key} ({@code null} removes it). */
    default void put(Key key, String value) {
        put(key.id(), value);
    }

    /** The boolean of {@code key}, or {@code fallback}. */
    default boolean getBoolean(Key key, boolean fallback) {
        return getBoolean(key.id(), fallback);
    }

    /** The number of {@code key}, or empty. */
    default Optional<Double> getDouble(Key key) {
        return getDouble(key.id());
    }

    /** Settings that live only as long as the object (tests, or when nothing may be written). */
    static Settings inMemory() {
        Map<String, String> values = new ConcurrentHashMap<>();
        return new Settings() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public void put(String key, String value) {
                if (value == null) {
                    values.remove(key);
                } else {
                    values.put(key, value);
                }
            }
        };
    }
}
