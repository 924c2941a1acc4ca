package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.hvx.core.ElevationRequiredException;
import io.hvx.core.HvxException;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Windows PowerShell (and pwsh where the runner has it). The hosted Windows images
 * install the Hyper-V feature and module, so listing may succeed (often with no VMs), fail with
 * "object not found", need elevation, or find no module at all: each test says which outcome it
 * saw and checks that outcome's contract; an outcome without a mapped sentence fails with its text.
 * A stand-in {@code Hyper-V} module on {@code PSModulePath} gives the shapes a runner cannot:
 * {@code State} as a string (PowerShell 7 implicit remoting), Hyper-V's "object not found"
 * error, a name longer than any console.
 */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "runs powershell.exe, which exists only on Windows")
class PowerShellIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path tmp;

    private static Path windowsPowerShell() {
        return PowerShellLocator.locate(null);
    }

    /** pwsh.exe on the PATH, if the runner has PowerShell 7. */
    private static Optional<Path> pwsh() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path p = Path.of(dir.strip(), "pwsh.exe");
            if (!dir.isBlank() && Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    @Test
    void windowsPowerShellIsFoundBySystemRoot() {
        Path ps = windowsPowerShell();
        assertThat(ps.toString().toLowerCase()).endsWith("\\system32\\windowspowershell\\v1.0\\powershell.exe");
        assertThat(Files.isRegularFile(ps)).isTrue();
    }

    @Test
    void oneShotListingEndsInOneOfTheKnownOutcomes() {
        assertKnownOutcome("one-shot", () -> PowerShellVmInventory.oneShot((String) null, TIMEOUT).listing());
    }

    @Test
    void warmProcessAnswersTwiceFromOneStartWithTheSameOutcome() {
        Path ps = windowsPowerShell();
        WarmPowerShell warm = new WarmPowerShell(() -> ps, TIMEOUT, Map.of());
        try (PowerShellVmInventory inv = new PowerShellVmInventory(warm)) {
            String first = assertKnownOutcome("warm #1", inv::listing);
            String second = assertKnownOutcome("warm #2", inv::listing);
            assertThat(second).isEqualTo(first);
            assertThat(warm.starts()).isEqualTo(1);
        }
    }

    @Test
    void theScriptReportsTheRightsOfTheAccount() {
        PowerShellOutput out = PowerShellProcess.run(windowsPowerShell(), PowerShellScripts.oneShot(PowerShellScripts.getVms()),
                Map.of(), TIMEOUT);
        JsonObject doc = JsonParser.parseString(out.stdout().strip()).getAsJsonObject();
        System.out.println("PowerShellIT rights: " + doc.get("rights") + " (ok=" + doc.get("ok") + ")");
        if (doc.get("ok").getAsBoolean()) {
            JsonObject rights = doc.getAsJsonObject("rights");
            assertThat(rights.get("elevated").getAsJsonPrimitive().isBoolean()).isTrue();
            assertThat(rights.get("hyperVAdministrators").getAsJsonPrimitive().isBoolean()).isTrue();
        } else {
            // the listing failed before the rights were read: the error object says why
            assertThat(doc.get("errorId").getAsString()).isNotBlank();
        }
    }

    private interface Listing {
        VmInventory.Listing get();
    }

    /**
     * Runs {@code listing}, prints which real outcome it was and checks that outcome's contract.
     *
     * @return the outcome's name
     */
    private static String assertKnownOutcome(String what, Listing listing) {
        VmInventory.Listing[] got = new VmInventory.Listing[1];
        Throwable t = catchThrowable(() -> got[0] = listing.get());
        if (t == null) {
            VmInventory.Listing l = got[0];
            String outcome = l.vms().isEmpty() ? "listed, empty" : "listed, " + l.vms().size() + " VMs";
            System.out.println("PowerShellIT " + what + ": " + outcome
                    + l.noteIfAny().map(n -> " — note: " + n.message()).orElse(""));
            assertThat(l.vms()).allSatisfy(vm -> {
                assertThat(vm.id()).isNotNull();
                assertThat(vm.state()).isNotBlank();
            });
            l.noteIfAny().ifPresent(n -> {
                assertThat(l.vms()).isEmpty();
                assertThat(n.key()).isEqualTo("vms.note.noRights");
            });
            return outcome;
        }
        assertThat(t).as("not a mapped failure: " + t).isInstanceOf(HvxException.class);
        HvxException h = (HvxException) t;
        System.out.println("PowerShellIT " + what + ": " + h.problem().key() + " — " + h.getMessage() + "\n  " + h.detail());
        switch (h.problem().key()) {
            case "vms.error.moduleMissing" -> {
                assertThat(h.exitStatus()).isEqualTo(1);
                assertThat(h.detail()).contains("CommandNotFoundException");
            }
            case "vms.error.moduleNotLoadable" -> assertThat(h.exitStatus()).isEqualTo(1);
            case "vms.error.permission" -> {
                assertThat(h).isInstanceOf(ElevationRequiredException.class);
                assertThat(h.exitStatus()).isEqualTo(3);
            }
            default -> throw new AssertionError("PowerShellIT " + what + ": an outcome without its own sentence: "
                    + h.problem().key() + " — " + h.getMessage() + "\n" + h.detail(), t);
        }
        return h.problem().key();
    }

    /** A stand-in Hyper-V module whose Get-VM runs {@code body}; returns the environment that finds it first. */
    private Map<String, String> standInModule(String body) throws IOException {
        Path dir = tmp.resolve("modules").resolve("Hyper-V");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("Hyper-V.psm1"), "function Get-VM {\n  [CmdletBinding()] param()\n" + body
                + "\n}\nExport-ModuleMember -Function Get-VM\n", StandardCharsets.UTF_8);
        String path = System.getenv().getOrDefault("PSModulePath", "");
        return Map.of("PSModulePath", tmp.resolve("modules") + File.pathSeparator + path);
    }

    private List<Path> everyPowerShell() {
        List<Path> all = new ArrayList<>(List.of(windowsPowerShell()));
        pwsh().ifPresentOrElse(all::add, () -> System.out.println("PowerShellIT: no pwsh.exe on the PATH; Windows PowerShell only"));
        return all;
    }

    /** Issue 10, defect 4: State as a string ([int]'Running' threw), a number, or an enum's name. */
    @Test
    void theStateIsReadByNameOrNumberWhicheverArrives() throws IOException {
        Map<String, String> env = standInModule("""
                  [pscustomobject]@{ Name = 'as-string'; Id = [guid]'6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f'; State = 'Running';
                    Status = 'Operating normally'; Uptime = [timespan]::FromSeconds(61); Generation = 2; Version = '10.0';
                    CPUUsage = 3; MemoryAssigned = [int64]1073741824 }
                  [pscustomobject]@{ Name = 'as-number'; Id = '0c3d9a77-88e1-4f05-b6aa-9d1e2f3a4b5c'; State = 9;
                    Uptime = $null; Generation = 2; Version = '10.0'; CPUUsage = 0; MemoryAssigned = 0 }
                  [pscustomobject]@{ Name = 'as-enum'; Id = [guid]'a1b2c3d4-e5f6-4711-8899-aabbccddeeff';
                    State = [System.DayOfWeek]::Tuesday; Uptime = $null; Generation = 1; Version = '9.0'; CPUUsage = 0;
                    MemoryAssigned = 0 }""");
        for (Path ps : everyPowerShell()) {
            List<VirtualMachine> vms = PowerShellVmInventory.oneShot(ps, TIMEOUT, env).list();
            System.out.println("PowerShellIT state shapes under " + ps + ": " + vms);
            assertThat(vms).extracting(VirtualMachine::name).containsExactly("as-string", "as-number", "as-enum");
            // an enum arrives by name; DayOfWeek stands in for VMState, whose Tuesday (2) is no VM state
            assertThat(vms).extracting(VirtualMachine::state).containsExactly("Running", "Paused", "Tuesday");
            assertThat(vms.get(0).uptimeSeconds()).isEqualTo(61);
        }
    }

    /** Issue 10, defect 6: Hyper-V's "object not found … might not have permission" as a real ErrorRecord. */
    @Test
    void hyperVObjectNotFoundBecomesThePermissionSentence() throws IOException {
        Map<String, String> env = standInModule("""
                  $e = [System.Management.Automation.ErrorRecord]::new(
                    [System.InvalidOperationException]::new("Hyper-V encountered an error trying to access an object on computer 'X' because the object was not found. The object might have been deleted, or you might not have permission to perform the task."),
                    'ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVM',
                    [System.Management.Automation.ErrorCategory]::ObjectNotFound, $null)
                  $PSCmdlet.ThrowTerminatingError($e)""");
        for (Path ps : everyPowerShell()) {
            Throwable t = catchThrowable(() -> PowerShellVmInventory.oneShot(ps, TIMEOUT, env).list());
            System.out.println("PowerShellIT object-not-found under " + ps + ": " + t + "\n  " + ((HvxException) t).detail());
            assertThat(t).isInstanceOf(ElevationRequiredException.class);
            assertThat(((HvxException) t).problem().key()).isEqualTo("vms.error.permission");
            assertThat(((HvxException) t).detail()).contains("ObjectNotFound,Microsoft.HyperV.PowerShell.Commands.GetVM");
        }
    }

    /** Issue 10, defect 9: the document goes out through [Console]::Out, never wrapped at the console width. */
    @Test
    void aNameLongerThanAnyConsoleArrivesWhole() throws IOException {
        String name = "long-" + "x".repeat(600) + "-end";
        Map<String, String> env = standInModule("  [pscustomobject]@{ Name = '" + name
                + "'; Id = [guid]'6f0b7c4e-2d1a-4c8e-9b3f-1a2b3c4d5e6f'; State = 'Off' }");
        Path ps = windowsPowerShell();
        assertThat(PowerShellVmInventory.oneShot(ps, TIMEOUT, env).list()).extracting(VirtualMachine::name).containsExactly(name);
        try (PowerShellVmInventory warm = PowerShellVmInventory.warm(ps, TIMEOUT, env)) {
            assertThat(warm.list()).extracting(VirtualMachine::name).containsExactly(name);
        }
    }

    /** Issue 14 §10 on real PowerShell: a flood is cut at the cap and the process stopped. */
    @Test
    void aFloodingPowerShellIsStoppedWithOneSentence() {
        long t0 = System.nanoTime();
        Throwable t = catchThrowable(() -> PowerShellProcess.run(windowsPowerShell(),
                "while ($true) { [Console]::Out.Write('y' * 65536) }", Map.of(), TIMEOUT));
        System.out.println("PowerShellIT flood: " + t + " after " + (System.nanoTime() - t0) / 1_000_000 + " ms");
        assertThat(((HvxException) t).problem().key()).isEqualTo("vms.error.flood");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(TIMEOUT);
    }

    /** Issue 14 §11 on real Windows: a process PowerShell starts and leaves running is ended with it. */
    @Test
    void aChildLeftRunningByPowerShellIsEnded() throws Exception {
        PowerShellOutput out = PowerShellProcess.run(windowsPowerShell(), """
                $c = Start-Process -PassThru -WindowStyle Hidden -FilePath "$env:SystemRoot\\System32\\PING.EXE" -ArgumentList '-n','300','127.0.0.1'
                [Console]::Out.Write('{"ok":true,"vms":[],"child":' + $c.Id + '}')""", Map.of(), TIMEOUT);
        long child = JsonParser.parseString(out.stdout().strip()).getAsJsonObject().get("child").getAsLong();
        Optional<ProcessHandle> h = ProcessHandle.of(child);
        System.out.println("PowerShellIT child " + child + " after run: " + h.map(p -> p.isAlive() ? "alive" : "ended").orElse("gone"));
        assertThat(h.map(ProcessHandle::isAlive).orElse(false)).as("child " + child + " still running").isFalse();
    }
}
