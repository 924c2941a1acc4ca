package io.hvx.platform;

import io.hvx.core.ElevationRequiredException;
import io.hvx.core.Guid;
import io.hvx.core.GuidFacts;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.ServiceRegistry.Writability;
import io.hvx.platform.RegistryApi.Hive;
import io.hvx.registry.RegistryStore;
import io.hvx.registry.StoredEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The Windows registry key {@code HKLM\...\Virtualization\GuestCommunicationServices}, always
 * in the 64-bit view ({@code KEY_WOW64_64KEY} on every call, create and delete included). The
 * root key and path are injectable so tests run against a scratch key under HKCU.
 *
 * <p>Subkeys whose name is not a GUID are skipped; a subkey without {@code ElementName} is
 * listed with a null name, and a value that is not a string (another tool's DWORD or binary
 * {@code ElementName}, {@code CreatedBy}, {@code CreatedAt}) is listed as its raw value noted in
 * brackets ({@link RegistryApi.Value#display()}), and written back as the same value.
 * Removing an entry removes its whole tree, subkeys first: {@code RegDeleteKeyEx} refuses a key
 * with subkeys with {@code ERROR_ACCESS_DENIED} (https://learn.microsoft.com/en-us/windows/win32/api/winreg/nf-winreg-regdeletekeyexw:
 * the key "cannot have subkeys" in RegDeleteKey's words), and every call carries the 64-bit view
 * flag, as Microsoft asks for child keys of an alternate view.
 *
 * <p>Access denied becomes {@link ElevationRequiredException} only where elevation can help
 * (HKLM while not elevated); an elevated administrator refused by a key's own permissions is
 * told so. The key missing is reported as Hyper-V not installed.
 */
public final class WindowsRegistryStore implements RegistryStore {

    public static final String NAME_VALUE = "ElementName";
    public static final String CREATED_BY_VALUE = "CreatedBy";
    public static final String CREATED_AT_VALUE = "CreatedAt";

    private static final System.Logger LOG = System.getLogger(WindowsRegistryStore.class.getName());
    private static final int SAM = RegistryApi.KEY_WOW64_64KEY;
    private static final ExecutorService CALLS =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("hvx-registry-", 0).factory());

    private final RegistryApi api;
    private final Hive hive;
    private final String path;
    private final BooleanSupplier elevated;
    private final Duration timeout;

    /**
     * @param hive     the root key ({@code HKEY_LOCAL_MACHINE} in production)
     * @param path     the key holding one subkey per service
     * @param elevated whether the process is elevated (writing HKLM needs it)
     * @param timeout  the longest one registry call may take
     */
    public WindowsRegistryStore(RegistryApi api, Hive hive, String path, BooleanSupplier elevated, Duration timeout) {
        this.api = api;
        this.hive = hive;
        this.path = path;
        this.elevated = elevated;
        this.timeout = timeout;
    }

    /** The production store: HKLM, the GuestCommunicationServices key. */
    public static WindowsRegistryStore standard(BooleanSupplier elevated) {
        return new WindowsRegistryStore(new JnaRegistryApi(), Hive.HKEY_LOCAL_MACHINE, GuidFacts.REGISTRY_KEY,
                elevated, Duration.ofSeconds(10));
    }

    private <T> T call(String what, Supplier<T> body) {
        Future<T> f = CALLS.submit(body::get);
        try {
            return f.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new OperationFailedException(Problem.of("error.services.registry.timeout", location(), timeout.toSeconds()),
                    what);
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw new OperationFailedException(Problem.of("error.services.registry.timeout", location(), timeout.toSeconds()),
                    what, e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RegistryApi.Failure rf) {
                throw translate(what, rf);
            }
            if (c instanceof RuntimeException re) {
                throw re;
            }
            if (c instanceof LinkageError) {
                throw new OperationFailedException(Problem.of("error.services.registry.unavailable"),
                        what + ": " + c, c);
            }
            throw new OperationFailedException(Problem.of("error.services.registry.failed", location(), String.valueOf(c)),
                    what, c);
        }
    }

    private RuntimeException translate(String what, RegistryApi.Failure f) {
        String detail = what + ": Win32 error " + f.code() + (f.getMessage() == null ? "" : " (" + f.getMessage().strip() + ")");
        if (f.code() == RegistryApi.ERROR_ACCESS_DENIED) {
            if (elevationWouldHelp()) {
                return new ElevationRequiredException(Problem.of("error.services.accessDenied"), detail, f);
            }
            return new OperationFailedException(Problem.of("error.services.registry.denied", location()), detail, f);
        }
        if (f.code() == RegistryApi.ERROR_FILE_NOT_FOUND) {
            return new OperationFailedException(Problem.of("error.services.noHyperV", location()), detail, f);
        }
        return new OperationFailedException(Problem.of("error.services.registry.failed", location(), f.code()), detail, f);
    }

    private void requireKey() {
        boolean exists = call("RegOpenKeyEx " + path, () -> api.keyExists(hive, path, SAM));
        if (!exists) {
            throw new OperationFailedException(Problem.of("error.services.noHyperV", location()));
        }
    }

    @Override
    public List<StoredEntry> read() {
        requireKey();
        List<String> names = call("RegEnumKeyEx " + path, () -> api.keys(hive, path, SAM));
        List<StoredEntry> out = new ArrayList<>();
        for (String k : names) {
            Guid id = Guid.tryParse(k);
            if (id == null) {
                continue;
            }
            String sub = path + "\\" + k;
            try {
                out.add(new StoredEntry(id, value(sub, NAME_VALUE), value(sub, CREATED_BY_VALUE), value(sub, CREATED_AT_VALUE)));
            } catch (OperationFailedException e) {
                if (e.getCause() instanceof RegistryApi.Failure f && f.code() == RegistryApi.ERROR_FILE_NOT_FOUND) {
                    continue; // deleted between enumeration and reading
                }
                throw e;
            }
        }
        return out;
    }

    /** Access denied can be an elevation matter only for HKLM in a process that is not elevated. */
    private boolean elevationWouldHelp() {
        return hive == Hive.HKEY_LOCAL_MACHINE && !elevated.getAsBoolean();
    }

    /** A value as text: strings as they are, other types noted with their raw value. */
    private String value(String key, String name) {
        RegistryApi.Value v = typed(key, name);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            LOG.log(System.Logger.Level.DEBUG, "{0}\\{1} is not a string (type {2}); listed as {3}",
                    key, name, v.type(), v.display());
        }
        return v.display();
    }

    private RegistryApi.Value typed(String key, String name) {
        return call("RegQueryValueEx " + key + " " + name, () -> api.getValue(hive, key, name, SAM));
    }

    /** The subkey name as stored, so an uppercase or braced key is addressed as it is. */
    private String keyName(Guid id) {
        for (String k : call("RegEnumKeyEx " + path, () -> api.keys(hive, path, SAM))) {
            if (id.equals(Guid.tryParse(k))) {
                return k;
            }
        }
        return null;
    }

    @Override
    public void put(StoredEntry e) {
        requireKey();
        String k = keyName(e.id());
        String sub = path + "\\" + (k != null ? k : e.id().toString());
        if (k == null) {
            call("RegCreateKeyEx " + sub, () -> api.createKey(hive, sub, SAM));
        }
        if (e.name() != null) {
            set(sub, NAME_VALUE, e.name());
        }
        if (e.createdBy() != null) {
            set(sub, CREATED_BY_VALUE, e.createdBy());
        }
        if (e.createdAt() != null) {
            set(sub, CREATED_AT_VALUE, e.createdAt());
        }
    }

    /**
     * Writes {@code value} unless the key already holds it. Text is written as REG_SZ; the note of
     * a value another tool stored with another type ({@link RegistryApi.Value#display()}) is
     * written back as that value, so a rename, an undo or an import of such an entry never turns
     * a DWORD or binary value into text.
     */
    private void set(String key, String name, String value) {
        RegistryApi.Value target = RegistryApi.Value.fromDisplay(value).orElseGet(() -> RegistryApi.Value.ofString(value));
        RegistryApi.Value now = typed(key, name);
        if (now != null && (now.equals(target) || now.isString() && target.isString() && now.display().equals(value))) {
            return;
        }
        call("RegSetValueEx " + key + " " + name, () -> {
            api.setValue(hive, key, name, target, SAM);
            return null;
        });
    }

    @Override
    public void delete(Guid id) {
        requireKey();
        String k = keyName(id);
        if (k == null) {
            return;
        }
        deleteTree(path, k);
    }

    /** Deletes {@code parent\name} with everything below it, children first. */
    private void deleteTree(String parent, String name) {
        String key = parent + "\\" + name;
        for (String child : call("RegEnumKeyEx " + key, () -> api.keys(hive, key, SAM))) {
            deleteTree(key, child);
        }
        call("RegDeleteKeyEx " + key, () -> {
            api.deleteKey(hive, parent, name, SAM);
            return null;
        });
    }

    @Override
    public Writability writability() {
        boolean exists;
        try {
            exists = call("RegOpenKeyEx " + path, () -> api.keyExists(hive, path, SAM));
        } catch (ElevationRequiredException e) {
            // the answer itself: read-only until the user elevates
            return Writability.no(Problem.of("error.services.readOnly.elevation"), true);
        } catch (OperationFailedException e) {
            return Writability.no(e.problem(), false);
        }
        if (!exists) {
            return Writability.no(Problem.of("error.services.noHyperV", location()), false);
        }
        if (hive == Hive.HKEY_LOCAL_MACHINE && !elevated.getAsBoolean()) {
            return Writability.no(Problem.of("error.services.readOnly.elevation"), true);
        }
        return Writability.yes();
    }

    @Override
    public String location() {
        return hive.name() + "\\" + path;
    }

    @Override
    public String journalKey() {
        return "registry:" + location();
    }
}
