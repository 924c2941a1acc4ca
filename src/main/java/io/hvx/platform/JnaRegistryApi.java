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
import com.sun.jna.win32.StdCallLibrary;
import java.util.List;

/**
 * {@link RegistryApi} over jna-platform's {@code Advapi32Util}, using only the overloads that
 * carry the extra access flags on the call itself (hvsocket-facts.md §3.3): the single-call
 * {@code registryCreateKey(HKEY, path, extra)} for create, and our own {@code RegDeleteKeyExW}
 * mapping for delete because {@code registryDeleteKey} uses {@code RegDeleteKey}, which cannot
 * address the 64-bit view from a 32-bit process.
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
    public String getString(Hive hive, String path, String name, int samExtra) {
        try {
            if (!Advapi32Util.registryValueExists(root(hive), path, name, samExtra)) {
                return null;
            }
            return Advapi32Util.registryGetStringValue(root(hive), path, name, samExtra);
        } catch (Win32Exception e) {
            throw failure(e);
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
    public void setString(Hive hive, String path, String name, String value, int samExtra) {
        try {
            Advapi32Util.registrySetStringValue(root(hive), path, name, value, samExtra);
        } catch (Win32Exception e) {
            throw failure(e);
        }
    }

    @Override
    public void deleteKey(Hive hive, String parentPath, String name, int samExtra) {
        WinReg.HKEYByReference parent = new WinReg.HKEYByReference();
        int rc = Advapi32.INSTANCE.RegOpenKeyEx(root(hive), parentPath, 0, WinNT.KEY_READ | samExtra, parent);
        if (rc != WinError.ERROR_SUCCESS) {
            throw new Failure(rc, Kernel32Util.formatMessage(rc));
        }
        try {
            rc = ext().RegDeleteKeyExW(parent.getValue(), new WString(name), samExtra, 0);
            if (rc != WinError.ERROR_SUCCESS) {
                throw new Failure(rc, Kernel32Util.formatMessage(rc));
            }
        } finally {
            Advapi32.INSTANCE.RegCloseKey(parent.getValue());
        }
    }
}
