package io.hvx.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The PowerShell stand-in scripts and fixtures of the test resources. */
public final class StandIns {

    private StandIns() {
    }

    /** A stand-in script, made executable (resources are copied without the x bit). */
    public static Path script(String name) {
        Path p = resource("/powershell-standins/" + name);
        try {
            Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the stand-in tests are disabled there
        }
        return p;
    }

    /** The raw text of a fixture (BOM and line ends kept). */
    public static String fixture(String name) {
        try {
            return new String(Files.readAllBytes(resource("/powershell-fixtures/" + name)), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A fixture as the output of a run that exited with 0. */
    public static PowerShellOutput output(String name) {
        return new PowerShellOutput(fixture(name), "", 0);
    }

    /**
     * A one-line wrapper in {@code dir} that runs {@code fixture.sh} with {@code HVX_FIXTURE} set,
     * for callers that cannot pass an environment (the CLI).
     */
    public static Path fixtureWrapper(Path dir, String fixture) throws IOException {
        return wrapper(dir, "fixture.sh", "HVX_FIXTURE='" + fixture + "'");
    }

    /** A wrapper around stand-in {@code script} with shell variable assignments. */
    public static Path wrapper(Path dir, String script, String assignments) throws IOException {
        Path w = dir.resolve("ps-" + Long.toHexString(System.nanoTime()) + ".sh");
        Files.writeString(w, "#!/bin/sh\n" + assignments + " exec '" + script(script) + "' \"$@\"\n");
        Files.setPosixFilePermissions(w, PosixFilePermissions.fromString("rwxr-xr-x"));
        return w;
    }

    private static Path resource(String name) {
        try {
            var url = StandIns.class.getResource(name);
            if (url == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
