package io.hvx.platform;

import com.sun.jna.Native;
import com.sun.jna.platform.win32.Advapi32Util;
import com.sun.jna.platform.win32.WinNT;
import com.sun.jna.ptr.IntByReference;
import com.sun.jna.win32.StdCallLibrary;
import java.util.Locale;
import java.util.Optional;

/**
 * Whether this process's token has the local group {@code BUILTIN\Hyper-V Administrators}
 * (well-known SID S-1-5-32-578) enabled: members manage Hyper-V (Get-VM, integration services)
 * without being elevated administrators.
 *
 * <p>{@code CheckTokenMembership(NULL, sid, &isMember)} answers for the calling thread's token
 * (the primary token when not impersonating) and counts a group only when it is enabled, not
 * deny-only (Microsoft: securitybaseapi.h, CheckTokenMembership). jna-platform does not map the
 * function, so it is declared here.
 */
public final class HyperVAdministrators {

    /** The group's well-known SID. */
    public static final String SID = "S-1-5-32-578";

    private static final System.Logger LOG = System.getLogger(HyperVAdministrators.class.getName());

    private HyperVAdministrators() {
    }

    /** advapi32's {@code BOOL CheckTokenMembership(HANDLE TokenHandle, PSID SidToCheck, PBOOL IsMember)}. */
    interface Advapi32Membership extends StdCallLibrary {
        boolean CheckTokenMembership(WinNT.HANDLE tokenHandle, WinNT.PSID sidToCheck, IntByReference isMember);
    }

    /** True or false on Windows; empty elsewhere or when the check itself failed (logged). */
    public static Optional<Boolean> isMember() {
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows")) {
            return Optional.empty();
        }
        try {
            Advapi32Membership lib = Native.load("advapi32", Advapi32Membership.class);
            WinNT.PSID sid = new WinNT.PSID(Advapi32Util.convertStringSidToSid(SID));
            IntByReference member = new IntByReference();
            if (!lib.CheckTokenMembership(null, sid, member)) {
                LOG.log(System.Logger.Level.WARNING, "CheckTokenMembership failed with error {0}", Native.getLastError());
                return Optional.empty();
            }
            return Optional.of(member.getValue() != 0);
        } catch (RuntimeException | LinkageError e) {
            LOG.log(System.Logger.Level.WARNING, "Could not check membership of Hyper-V Administrators", e);
            return Optional.empty();
        }
    }
}
