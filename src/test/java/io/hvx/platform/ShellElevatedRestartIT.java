package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.HvxException;
import io.hvx.core.OperationFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * Issue 10, defect 7 on real Windows: ShellExecuteEx asked from a virtual thread runs on a COM
 * platform thread and its last error reaches the caller. The verb is "open" with
 * SEE_MASK_FLAG_NO_UI on a file that does not exist, so no UAC prompt or error dialog appears on
 * the runner; the error must be the file's (2 or 3), not 0 or a stranger's.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "calls ShellExecuteEx and CoInitializeEx in shell32/ole32")
class ShellElevatedRestartIT {

    private static final int SEE_MASK_FLAG_NO_UI = 0x00000400;

    @Test
    void theLastErrorOfShellExecuteExSurvivesAVirtualThreadCaller() throws Exception {
        ShellElevatedRestart restart = new ShellElevatedRestart(ShellElevatedRestart.win32("open", SEE_MASK_FLAG_NO_UI));
        Throwable[] seen = new Throwable[1];
        Thread asker = Thread.ofVirtual().start(() -> {
            try {
                restart.restart("C:\\hvx-no-such-dir\\no-such-program.exe", "");
            } catch (RuntimeException e) {
                seen[0] = e;
            }
        });
        asker.join();
        System.out.println("ShellElevatedRestartIT: " + seen[0] + " — " + ((HvxException) seen[0]).detail());
        assertThat(seen[0]).isInstanceOf(OperationFailedException.class);
        assertThat(((HvxException) seen[0]).detail()).containsAnyOf("Win32 error 2 ", "Win32 error 3 ");
    }

    @Test
    void availableOnWindows() {
        assertThat(new ShellElevatedRestart().available()).isTrue();
    }
}
