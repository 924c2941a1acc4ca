package io.hvx.vm;

import io.hvx.core.Guid;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A new PowerShell process per request: PowerShell's cold start every time, nothing left running.
 * The request script runs inside {@code one-shot.ps1}, which writes the JSON with
 * {@code [Console]::Out.Write} as the warm loop does.
 */
public final class OneShotPowerShell implements PowerShellChannel {

    private final Supplier<Path> executable;
    private final Duration timeout;
    private final Map<String, String> environment;

    /**
     * @param executable  gives the PowerShell to run (asked on each request, so a missing
     *                    PowerShell is reported by the request, not at start-up)
     * @param environment variables added to the inherited environment of every process
     */
    public OneShotPowerShell(Supplier<Path> executable, Duration timeout, Map<String, String> environment) {
        this.executable = executable;
        this.timeout = timeout;
        this.environment = Map.copyOf(environment);
    }

    @Override
    public PowerShellOutput vms() {
        return PowerShellProcess.run(executable.get(), PowerShellScripts.oneShot(PowerShellScripts.getVms()), environment, timeout);
    }

    @Override
    public PowerShellOutput integrationServices(Guid vmId) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(PowerShellScripts.VM_ID_ENV, vmId.toString());
        return PowerShellProcess.run(executable.get(), PowerShellScripts.oneShot(PowerShellScripts.getIntegrationServices()),
                env, timeout);
    }

    @Override
    public PowerShellOutput servicePolicies(Guid vmId) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(PowerShellScripts.VM_ID_ENV, vmId == null ? "" : vmId.toString());
        return PowerShellProcess.run(executable.get(), PowerShellScripts.oneShot(PowerShellScripts.getServicePolicies()),
                env, timeout);
    }

    @Override
    public PowerShellOutput setServicePolicies(String changes) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(PowerShellScripts.POLICY_CHANGES_ENV, changes);
        return PowerShellProcess.run(executable.get(), PowerShellScripts.oneShot(PowerShellScripts.setServicePolicies()),
                env, timeout);
    }

    @Override
    public void close() {
        // nothing is kept running between requests
    }
}
