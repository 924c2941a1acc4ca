package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void aThreadThatDiesOfADefectIsOneLineNotAStackTrace() throws Exception {
        Messages.setLocale(Locale.US);
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Thread t = Thread.ofPlatform().unstarted(() -> {
            throw new ArithmeticException("long overflow\u001b]0;x\u0007");
        });
        t.setUncaughtExceptionHandler(Launcher.oneLine(new PrintStream(err, true, StandardCharsets.UTF_8)));
        t.start();
        t.join();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("hvx: unexpected error: java.lang.ArithmeticException: long overflow\\x1b]0;x\\x07\n");
    }
}
