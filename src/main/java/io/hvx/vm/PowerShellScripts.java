package io.hvx.vm;

import io.hvx.core.Guid;
import io.hvx.registry.PolicyStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The PowerShell scripts the app runs (kept as resources under {@code powershell/}) and how they
 * are handed to PowerShell: {@code -EncodedCommand} with Base64 of the UTF-16LE text, so no
 * quoting rules of any shell or of PowerShell's command line apply. No user text ever becomes
 * part of a script: a VM ID travels as a validated GUID in the {@code HVX_VM_ID} environment
 * variable or as a request line the script parses as {@code [Guid]}; policy changes travel as
 * GUIDs and numbers in {@code HVX_POLICY_CHANGES}, parsed again by the script.
 */
public final class PowerShellScripts {

    /** Environment variable that carries the VM ID to {@code get-integration-services.ps1} and {@code get-service-policies.ps1}. */
    public static final String VM_ID_ENV = "HVX_VM_ID";

    /** Environment variable that carries the changes to {@code set-service-policies.ps1}. */
    public static final String POLICY_CHANGES_ENV = "HVX_POLICY_CHANGES";

    /** The line the warm loop prints after each answer. */
    public static final String SENTINEL = "<<hvx-end>>";

    /** The line that ends the loop script on the warm process's stdin ({@code warm-bootstrap.ps1}). */
    public static final String SCRIPT_END = "<<hvx-script-end>>";

    private PowerShellScripts() {
    }

    /** The VM listing script ({@code powershell/get-vms.ps1}). */
    public static String getVms() {
        return load("get-vms.ps1");
    }

    /** The integration-services script ({@code powershell/get-integration-services.ps1}). */
    public static String getIntegrationServices() {
        return load("get-integration-services.ps1");
    }

    /** The per-VM service policy script ({@code powershell/get-service-policies.ps1}). */
    public static String getServicePolicies() {
        return load("get-service-policies.ps1");
    }

    /** The script that sets per-VM service policies ({@code powershell/set-service-policies.ps1}). */
    public static String setServicePolicies() {
        return load("set-service-policies.ps1");
    }

    /** Windows' limit on a whole command line (CreateProcess), in characters. */
    public static final int COMMAND_LINE_LIMIT = 32_767;

    /**
     * What the long-lived process is started with: a bootstrap that reads {@link #warmLoop()} from
     * stdin up to {@link #SCRIPT_END} and runs it (the loop is too long for a command line).
     */
    public static String warmBootstrap() {
        return load("warm-bootstrap.ps1");
    }

    /**
     * The loop script as the warm process's stdin receives it: its lines, then {@link #SCRIPT_END}.
     * Checked not to contain that line itself, which would cut it short.
     */
    public static String warmLoopOnStdin() {
        String loop = warmLoop();
        if (loop.lines().anyMatch(l -> l.equals(SCRIPT_END))) {
            throw new IllegalStateException("the loop script contains its own end marker");
        }
        return loop + "\n" + SCRIPT_END + "\n";
    }

    /** The warm loop with the request scripts embedded (literal here-strings of our own resources). */
    public static String warmLoop() {
        return load("warm-loop.ps1")
                .replace("@GET_VMS@", hereStringBody(getVms()))
                .replace("@GET_INTEGRATION_SERVICES@", hereStringBody(getIntegrationServices()))
                .replace("@GET_SERVICE_POLICIES@", hereStringBody(getServicePolicies()))
                .replace("@SET_SERVICE_POLICIES@", hereStringBody(setServicePolicies()));
    }

    /**
     * What a one-shot process runs: {@code request} (one of the scripts above) embedded in
     * {@code one-shot.ps1}, which writes the document with {@code [Console]::Out.Write}.
     */
    public static String oneShot(String request) {
        return load("one-shot.ps1").replace("@SCRIPT@", hereStringBody(request));
    }

    /** The script without its comment lines, checked to be safe inside {@code @' … '@}. */
    static String hereStringBody(String script) {
        String body = script.lines().filter(l -> !l.stripLeading().startsWith("#"))
                .collect(java.util.stream.Collectors.joining("\n"));
        if (body.lines().anyMatch(l -> l.startsWith("'@"))) {
            throw new IllegalStateException("a line starting with '@ would end the here-string");
        }
        return body;
    }

    /** The request line that asks the warm loop for the VM list. */
    public static String vmsRequest() {
        return "vms";
    }

    /** The request line that asks the warm loop for one VM's integration services. */
    public static String integrationRequest(Guid vmId) {
        return "integration " + vmId;
    }

    /** The request line that asks the warm loop for the policies of one VM, or every VM ({@code vmId} null). */
    public static String policiesRequest(Guid vmId) {
        return "policies " + (vmId == null ? "all" : vmId.toString());
    }

    /** The request line that asks the warm loop to set policies ({@link #policyChanges} of them). */
    public static String setPoliciesRequest(String changes) {
        return "set-policies " + changes;
    }

    /**
     * The change list of {@code set-service-policies.ps1}: {@code <vm>,<service>,<code>} items
     * joined by {@code ;}, built only from GUIDs and policy numbers, never from user text.
     */
    public static String policyChanges(List<PolicyStore.Setting> settings) {
        StringBuilder sb = new StringBuilder();
        for (PolicyStore.Setting s : settings) {
            if (!sb.isEmpty()) {
                sb.append(';');
            }
            sb.append(s.vmId()).append(',').append(s.serviceId()).append(',').append(s.policy().code());
        }
        return sb.toString();
    }

    /** Base64 of the UTF-16LE bytes of {@code script}, as {@code -EncodedCommand} expects. */
    public static String encode(String script) {
        return Base64.getEncoder().encodeToString(script.getBytes(StandardCharsets.UTF_16LE));
    }

    /** The script an {@code -EncodedCommand} argument carries. */
    public static String decode(String encoded) {
        return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_16LE);
    }

    /** The arguments after the executable: no profile, no prompts, no policy surprises. */
    public static List<String> arguments(String script) {
        return List.of("-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass",
                "-EncodedCommand", encode(script));
    }

    private static String load(String name) {
        try (InputStream in = PowerShellScripts.class.getResourceAsStream("/powershell/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource powershell/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
