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
 */
public interface Settings {

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
                return Optional.empty();
            }
        });
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
