package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.ElevatedRestart.Outcome;
import io.hvx.core.OperationFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellElevatedRestartTest {

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
