package io.hvx.platform;

import java.util.List;

/**
 * The few Win32 registry calls the service registry needs, as a seam: {@link JnaRegistryApi}
 * calls advapi32, tests use an in-memory fake that records each call's {@code samDesired} so
 * they can check that {@code KEY_WOW64_64KEY} reaches every call.
 *
 * <p>Every method takes {@code samExtra}, the access flags added to the call (the 64-bit view
 * flag), and throws {@link Failure} with the Win32 error code when the call fails.
 */
public interface RegistryApi {

    /** {@code KEY_WOW64_64KEY}: the 64-bit registry view (hvsocket-facts.md §3.2). */
    int KEY_WOW64_64KEY = 0x0100;
    int ERROR_FILE_NOT_FOUND = 2;
    int ERROR_ACCESS_DENIED = 5;

    /** The predefined root keys this app uses. */
    enum Hive {
        HKEY_LOCAL_MACHINE, HKEY_CURRENT_USER
    }

    /** Whether {@code path} exists (false only for ERROR_FILE_NOT_FOUND). */
    boolean keyExists(Hive hive, String path, int samExtra);

    /** Names of the subkeys of {@code path}. */
    List<String> keys(Hive hive, String path, int samExtra);

    /** The REG_SZ value {@code name} of {@code path}, or null when the value does not exist. */
    String getString(Hive hive, String path, String name, int samExtra);

    /**
     * Creates {@code fullPath} (and missing parents) in one {@code RegCreateKeyEx} call that
     * carries {@code samExtra}.
     *
     * @return true when the key was created, false when it existed
     */
    boolean createKey(Hive hive, String fullPath, int samExtra);

    /** Writes the REG_SZ value {@code name} of {@code path}. */
    void setString(Hive hive, String path, String name, String value, int samExtra);

    /** Deletes the subkey {@code name} (without subkeys) of {@code parentPath} with {@code RegDeleteKeyEx}. */
    void deleteKey(Hive hive, String parentPath, String name, int samExtra);

    /** A failed registry call. */
    final class Failure extends RuntimeException {
        private final int code;

        public Failure(int code, String message) {
            super(message);
            this.code = code;
        }

        /** The Win32 error code. */
        public int code() {
            return code;
        }
    }
}
