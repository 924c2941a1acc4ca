package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.core.IntegrationService;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.registry.PolicyStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The VMs of a Windows host, from PowerShell {@code Hyper-V\Get-VM} (see {@code get-vms.ps1}).
 * Works on any OS when given an executable, which is how it is tested with stand-ins.
 */
public final class PowerShellVmInventory implements VmInventory, AutoCloseable {

    /** PowerShell's time limit when none is configured. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final PowerShellChannel channel;
    private final Supplier<Path> executable;
    private final Duration timeout;
    private final Map<String, String> environment;

    /**
     * @param channel where requests go
     */
    public PowerShellVmInventory(PowerShellChannel channel) {
        this(channel, null, null, Map.of());
    }

    private PowerShellVmInventory(PowerShellChannel channel, Supplier<Path> executable, Duration timeout,
                                  Map<String, String> environment) {
        this.channel = Objects.requireNonNull(channel);
        this.executable = executable;
        this.timeout = timeout;
        this.environment = environment;
    }

    /**
     * An inventory that starts a PowerShell per request (the CLI).
     *
     * @param configured a path or command name the user gave, or null to locate PowerShell
     *                   (located at the first request, so a missing PowerShell is reported there)
     * @param timeout    the time limit per request, or null for {@link #DEFAULT_TIMEOUT}
     */
    public static PowerShellVmInventory oneShot(String configured, Duration timeout) {
        return oneShot(located(configured), timeout, Map.of());
    }

    /** An inventory over {@code executable}, one process per request, with extra environment. */
    public static PowerShellVmInventory oneShot(Path executable, Duration timeout, Map<String, String> environment) {
        return oneShot(() -> executable, timeout, environment);
    }

    private static PowerShellVmInventory oneShot(Supplier<Path> executable, Duration timeout,
                                                 Map<String, String> environment) {
        Duration t = timeout != null ? timeout : DEFAULT_TIMEOUT;
        return new PowerShellVmInventory(new OneShotPowerShell(executable, t, environment), executable, t, environment);
    }

    /**
     * An inventory over one long-lived PowerShell (the GUI), located from what the user
     * configured (a path or a name such as {@code pwsh}) at the first request; close it when done.
     */
    public static PowerShellVmInventory warm(String configured, Duration timeout) {
        return warm(located(configured), timeout, Map.of());
    }

    /** An inventory over one long-lived PowerShell (the GUI); close it when done. */
    public static PowerShellVmInventory warm(Path executable, Duration timeout, Map<String, String> environment) {
        return warm(() -> executable, timeout, environment);
    }

    private static PowerShellVmInventory warm(Supplier<Path> executable, Duration timeout,
                                              Map<String, String> environment) {
        Duration t = timeout != null ? timeout : DEFAULT_TIMEOUT;
        return new PowerShellVmInventory(new WarmPowerShell(executable, t, environment), executable, t, environment);
    }

    /** Locates PowerShell once, at first use. */
    private static Supplier<Path> located(String configured) {
        return new Supplier<>() {
            private Path path;

            @Override
            public synchronized Path get() {
                if (path == null) {
                    path = PowerShellLocator.locate(configured);
                }
                return path;
            }
        };
    }

    /**
     * The same PowerShell and limits behind one long-lived process: what the GUI uses so that
     * refreshes after the first skip PowerShell's cold start. Close the result when done.
     */
    public PowerShellVmInventory warmed() {
        if (channel instanceof WarmPowerShell || executable == null) {
            return this;
        }
        return warm(executable, timeout, environment);
    }

    @Override
    public List<VirtualMachine> list() {
        return listing().vms();
    }

    @Override
    public Listing listing() {
        return PowerShellOutputParser.parseListing(channel.vms());
    }

    @Override
    public Optional<IntegrationServices> integrationServices() {
        return Optional.of(this::integrationServicesOf);
    }

    private List<IntegrationService> integrationServicesOf(Guid vmId) {
        // vmId is a Guid, never user text: the script receives its canonical form only.
        return PowerShellOutputParser.parseIntegrationServices(channel.integrationServices(vmId));
    }

    /**
     * The per-VM service policies of this host, over the same PowerShell channel (so the GUI's
     * long-lived process answers them too). Closing this inventory closes the channel.
     */
    public PolicyStore policies() {
        return new PowerShellServicePolicies(channel);
    }

    @Override
    public void close() {
        channel.close();
    }
}
