package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.registry.PolicyStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The per-VM service policies of a Windows host, read and written through Hyper-V's WMI provider
 * by {@code get-service-policies.ps1} and {@code set-service-policies.ps1} over the inventory's
 * PowerShell channel (one process per request for the CLI, the long-lived one for the GUI). IDs
 * and policy numbers are the only things handed to the scripts, in environment variables or
 * request lines; a list of changes longer than {@link #BATCH} is split over several runs, as the
 * environment of one process holds at most 32,767 characters on Windows.
 */
public final class PowerShellServicePolicies implements PolicyStore {

    /** Most changes in one run: 200 × 76 characters stays well under Windows' 32,767. */
    static final int BATCH = 200;
    private static final System.Logger LOG = System.getLogger(PowerShellServicePolicies.class.getName());

    private final PowerShellChannel channel;

    PowerShellServicePolicies(PowerShellChannel channel) {
        this.channel = channel;
    }

    /** The channel the scripts run on (the Windows IT reads the raw answers through it). */
    PowerShellChannel channel() {
        return channel;
    }

    @Override
    public Snapshot read() {
        return read(PolicyOutputParser.parseRead(channel.servicePolicies(null)));
    }

    @Override
    public Snapshot read(Guid vmId) {
        return read(PolicyOutputParser.parseRead(channel.servicePolicies(vmId)));
    }

    private static Snapshot read(PolicyOutputParser.Read r) {
        // which associations held the settings is an open fact (docs/per-vm-services.md): keep it in the log
        LOG.log(System.Logger.Level.DEBUG, "Per-VM service settings found through: {0}", r.settingsFrom());
        return r.snapshot();
    }

    @Override
    public void write(List<Setting> settings) {
        for (int i = 0; i < settings.size(); i += BATCH) {
            List<Setting> chunk = settings.subList(i, Math.min(settings.size(), i + BATCH));
            List<String> applied = PolicyOutputParser.parseSet(
                    channel.setServicePolicies(PowerShellScripts.policyChanges(chunk)));
            LOG.log(System.Logger.Level.DEBUG, "Hyper-V applied: {0}", applied);
        }
    }

    @Override
    public String journalKey() {
        return "policy:wmi:root\\virtualization\\v2";
    }

    @Override
    public Optional<Path> lockFile() {
        return Optional.empty();
    }

    @Override
    public String location() {
        return "Hyper-V WMI (root\\virtualization\\v2)";
    }
}
