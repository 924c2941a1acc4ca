package io.hvx.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's "serve a sandbox endpoint yourself" recipe as written, on a brand-new
 * sandbox: {@code socat UNIX-LISTEN:"$(./hvx sandbox path …)",fork EXEC:cat &}, then 50 MB
 * through {@code ./hvx connect}. socat is installed by {@code .ci/run}.
 */
@EnabledOnOs(value = {OS.LINUX, OS.MAC}, disabledReason = "the recipe is a POSIX shell one with AF_UNIX and socat")
class ReadmeRecipeTest {

    @TempDir
    Path tmp;

    @Test
    void theSocatRecipeWorksOnANewSandbox() throws Exception {
        List<String> readme = Files.readAllLines(Path.of("README.md"), StandardCharsets.UTF_8);
        String serve = command(readme, "$ socat UNIX-LISTEN:");
        String send = command(readme, "$ head -c 50M /dev/urandom | ./hvx connect");
        assertThat(serve).endsWith("&");

        // ./hvx as on a workstation without Hyper-V: this build, sandbox mode (a CI runner on
        // Azure is itself a Hyper-V guest, where hvx would pick linux-guest)
        Path hvx = tmp.resolve("hvx");
        Files.writeString(hvx, "#!/bin/sh\nexec " + HvxProcesses.javaCommand(List.of("--mode", "sandbox")).stream()
                .map(ReadmeRecipeTest::quoted).collect(Collectors.joining(" ")) + " \"$@\"\n");
        Files.setPosixFilePermissions(hvx, PosixFilePermissions.fromString("rwx------"));
        String script = String.join("\n",
                "set -eu -o pipefail",
                serve,
                "socat_pid=$!",
                "trap 'kill $socat_pid 2>/dev/null || true' EXIT",
                // the two lines are typed one after the other; here socat gets the moment a person's typing gives it
                "p=\"$(./hvx sandbox path demo-linux vsock:5000)\"",
                "i=0; while [ ! -S \"$p\" ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i+1)); done",
                "printf 'ping' | ./hvx connect demo-linux vsock:5000",
                "echo",
                send,
                "");
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).directory(tmp.toFile());
        pb.environment().put("HVX_SANDBOX_DIR", tmp.resolve("sb").toString());
        pb.environment().remove("HVX_DATA_DIR");
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        assertThat(tmp.resolve("sb")).doesNotExist();

        Process p = pb.start();
        boolean ended = p.waitFor(240, TimeUnit.SECONDS);
        if (!ended) {
            p.destroyForcibly();
        }

        String stderr = Files.readString(err);
        assertThat(ended).as("the recipe ended; stderr: %s", stderr).isTrue();
        assertThat(p.exitValue()).as("exit status; stderr: %s", stderr).isZero();
        List<String> lines = Files.readAllLines(out);
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("ping");
        assertThat(lines.get(1)).matches("[0-9a-f]{64}  -")
                .isNotEqualTo("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  -"); // not the empty input's
    }

    /** The README line that starts with {@code prefix}, without the prompt and the trailing comment. */
    private static String command(List<String> readme, String prefix) {
        String line = readme.stream().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("the README has no line starting with " + prefix));
        return line.substring(2).replaceFirst("\\s+#\\s.*$", "").strip();
    }

    private static String quoted(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
