package io.hvx.platform;

import com.sun.jna.Native;
import com.sun.jna.WString;
import com.sun.jna.platform.win32.Advapi32;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.Kernel32Util;
import com.sun.jna.platform.win32.Win32Exception;
import com.sun.jna.platform.win32.WinError;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.platform.win32.WinReg;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.List;

/**
 * {@link RegistryApi} over advapi32 through jna-platform, with the extra access flags on every
 * call itself (hvsocket-facts.md §3.3): {@code Advapi32Util}'s single-call
 * {@code registryCreateKey(HKEY, path, extra)} for create, {@code RegOpenKeyEx} +
 * {@code RegQueryValueEx}/{@code RegSetValueEx} for values of any type (jna-platform's
 * {@code registryGetStringValue} throws a plain RuntimeException for a value that is not a
 * string), and our own {@code RegDeleteKeyExW} mapping for delete because
 * {@code registryDeleteKey} uses {@code RegDeleteKey}, which cannot address the 64-bit view from
 * a 32-bit process.
 */
public final class JnaRegistryApi implements RegistryApi {

    /** advapi32 functions jna-platform does not map. */
    interface Advapi32Ext extends StdCallLibrary {
        int RegDeleteKeyExW(WinReg.HKEY hKey, WString subKey, int samDesired, int reserved);
    }

    private static volatile Advapi32Ext ext;

    private static Advapi32Ext ext() {
        Advapi32Ext e = ext;
        if (e == null) {
            e = Native.load("advapi32", Advapi32Ext.class);
            ext = e;
        }
        return e;
    }

    private static WinReg.HKEY root(Hive hive) {
        return switch (hive) {
            case HKEY_LOCAL_MACHINE -> WinReg.HKEY_LOCAL_MACHINE;
            case HKEY_CURRENT_USER -> WinReg.HKEY_CURRENT_USER;
        };
    }

    private static Failure failure(Win32Exception e) {
        return new Failure(e.getErrorCode(), e.getMessage());
    }

    @Override
    public boolean keyExists(Hive hive, String path, int samExtra) {
        try {
            return Advapi32Util.registryKeyExists(root(hive), path, samExtra);
        } catch (Win32Exception e) {
            throw failure(e);
        }
    }

    @Override
    public List<String> keys(Hive hive, String path, int samExtra) {
        try {
            return List.of(Advapi32Util.registryGetKeys(root(hive), path, samExtra));
        } catch (Win32Exception e) {
            throw failure(e);
        }
    }

    @Override
    public Value getValue(Hive hive, String path, String name, int samExtra) {
        WinReg.HKEY key = open(hive, path, WinNT.KEY_QUERY_VALUE | samExtra);
        try {
            IntByReference type = new IntByReference();
            IntByReference size = new IntByReference();
            // ERROR_MORE_DATA: the value grew between the two calls; ask again with the new size
            for (int attempt = 0; attempt < 3; attempt++) {
                int rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, (byte[]) null, size);
                if (rc == WinError.ERROR_FILE_NOT_FOUND) {
                    return null;
                }
                check(rc);
                byte[] data = new byte[size.getValue()];
                rc = Advapi32.INSTANCE.RegQueryValueEx(key, name, 0, type, data, size);
                if (rc == WinError.ERROR_MORE_DATA) {
                    continue;
                }
                if (rc == WinError.ERROR_FILE_NOT_FOUND) {
                    return null;
                }
                check(rc);
                return new Value(type.getValue(), java.util.Arrays.copyOf(data, size.getValue()));
            }
            throw new Failure(WinError.ERROR_MORE_DATA, Kernel32Util.formatMessage(WinError.ERROR_MORE_DATA));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(key);
        }
    }

    @Override
    public boolean createKey(Hive hive, String fullPath, int samExtra) {
        try {
            return Advapi32Util.registryCreateKey(root(hive), fullPath, samExtra);
        } catch (Win32Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void setValue(Hive hive, String path, String name, Value value, int samExtra) {
        WinReg.HKEY key = open(hive, path, WinNT.KEY_SET_VALUE | samExtra);
        try {
            byte[] data = value.data();
            check(Advapi32.INSTANCE.RegSetValueEx(key, name, 0, value.type(), data, data.length));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(key);
        }
    }

    @Override
    public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
        WinReg.HKEY parent = open(hive, parentPath, WinNT.KEY_READ | samExtra);
        try {
            check(ext().RegDeleteKeyExW(parent, new WString(name), samExtra, 0));
        } finally {
            Advapi32.INSTANCE.RegCloseKey(parent);
        }
    }

    private static WinReg.HKEY open(Hive hive, String path, int sam) {
        WinReg.HKEYByReference key = new WinReg.HKEYByReference();
        check(Advapi32.INSTANCE.RegOpenKeyEx(root(hive), path, 0, sam, key));
        return key.getValue();
    }

    private static void check(int rc) {
        if (rc != WinError.ERROR_SUCCESS) {
            throw new Failure(rc, Kernel32Util.formatMessage(rc));
        }
    }
}
