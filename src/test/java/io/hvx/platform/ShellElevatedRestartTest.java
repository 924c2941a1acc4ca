package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.ElevatedRestart.Outcome;
import io.hvx.core.OperationFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellElevatedRestartTest {

    /** Records on which thread each native call ran. */
    static final class RecordingShell implements ShellElevatedRestart.Shell {
        final java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
        final java.util.Set<Thread> threads = java.util.concurrent.ConcurrentHashMap.newKeySet();
        volatile boolean anyVirtual;
        int initResult;
        ShellElevatedRestart.Shell.Result result = new ShellElevatedRestart.Shell.Result(false, ShellElevatedRestart.ERROR_CANCELLED);

        private void record(String call) {
            calls.add(call);
            threads.add(Thread.currentThread());
            anyVirtual |= Thread.currentThread().isVirtual();
        }

        @Override
        public int coInitializeEx(int flags) {
            record("CoInitializeEx(" + flags + ")");
            return initResult;
        }

        @Override
        public void coUninitialize() {
            record("CoUninitialize");
        }

        @Override
        public Result runas(String exe, String parameters) {
            record("ShellExecuteEx(runas, " + exe + ", " + parameters + ")");
            return result;
        }
    }

    /** Issue 10, defect 7: asked from a virtual thread, the call still runs on one platform thread with COM. */
    @Test
    void runsOnOnePlatformThreadWithComInitialisedWhateverThreadAsks() throws Exception {
        RecordingShell shell = new RecordingShell();
        Outcome[] seen = new Outcome[1];
        Thread asker = Thread.ofVirtual().start(() -> seen[0] = new ShellElevatedRestart(shell).restart("C:\\hvx.exe", "gui"));
        asker.join();
        assertThat(seen[0]).isEqualTo(Outcome.CANCELLED);
        assertThat(shell.calls).containsExactly("CoInitializeEx(6)", "ShellExecuteEx(runas, C:\\hvx.exe, gui)", "CoUninitialize");
        assertThat(shell.anyVirtual).isFalse();
        assertThat(shell.threads).hasSize(1).doesNotContain(asker);
    }

    @Test
    void aFailedComInitialisationIsNotBalancedAndOtherErrorsStillFail() {
        RecordingShell shell = new RecordingShell();
        shell.initResult = 0x80010106; // RPC_E_CHANGED_MODE
        shell.result = new ShellElevatedRestart.Shell.Result(false, 2);
        assertThatThrownBy(() -> new ShellElevatedRestart(shell).restart("x.exe", ""))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("error 2");
        assertThat(shell.calls).doesNotContain("CoUninitialize");
        shell.calls.clear();
        shell.initResult = 1; // S_FALSE: already initialised, still balanced
        shell.result = new ShellElevatedRestart.Shell.Result(true, 0);
        assertThat(new ShellElevatedRestart(shell).restart("x.exe", "")).isEqualTo(Outcome.STARTED);
        assertThat(shell.calls).last().isEqualTo("CoUninitialize");
    }

    @Test
    void declinedUacIsACalmCancelAndOtherErrorsFail() {
        assertThat(ShellElevatedRestart.outcome(true, 0)).isEqualTo(Outcome.STARTED);
        assertThat(ShellElevatedRestart.outcome(false, 1223)).isEqualTo(Outcome.CANCELLED);
        assertThatThrownBy(() -> ShellElevatedRestart.outcome(false, 2))
                .isInstanceOf(OperationFailedException.class).hasMessageContaining("error 2");
    }

    @Test
    void theParametersOfAWindowsCommandLineAreKeptVerbatim() {
        assertThat(ShellElevatedRestart.parametersOf("\"C:\\Program Files\\HvSocket Explorer\\HvSocketExplorer.exe\""))
                .isEmpty();
        assertThat(ShellElevatedRestart.parametersOf("\"C:\\jdk\\bin\\java.exe\" -cp \"a b.jar\" io.hvx.Launcher gui"))
                .isEqualTo("-cp \"a b.jar\" io.hvx.Launcher gui");
        assertThat(ShellElevatedRestart.parametersOf("java.exe  --mode sandbox gui")).isEqualTo("--mode sandbox gui");
    }

    @Test
    void argumentsAreQuotedForCommandLineToArgvW() {
        assertThat(ShellElevatedRestart.commandLine(List.of("-cp", "C:\\Program Files\\hvx\\a.jar", "io.hvx.Launcher")))
                .isEqualTo("-cp \"C:\\Program Files\\hvx\\a.jar\" io.hvx.Launcher");
        assertThat(ShellElevatedRestart.commandLine(List.of("say \"hi\"", "dir\\ x\\", "")))
                .isEqualTo("\"say \\\"hi\\\"\" \"dir\\ x\\\\\" \"\"");
    }
}
