package io.hvx.cli;

import io.hvx.platform.Version;
import picocli.CommandLine.IVersionProvider;

/** {@code hvx --version}. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"hvx " + Version.get() + " (HvSocket Explorer)",
                "Java " + System.getProperty("java.version") + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.version")};
    }
}
