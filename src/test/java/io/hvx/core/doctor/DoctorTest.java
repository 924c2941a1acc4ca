package io.hvx.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Environment;
import io.hvx.core.Guid;
import io.hvx.core.HostChecks;
import io.hvx.core.IntegrationService;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * The doctor's checks for the causes that differ by platform, through stand-ins for the
 * platform checks and the inventory (the sandbox's own causes are in {@code TesterCliTest}).
 */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the connect check uses sandbox endpoints (AF_UNIX through libc)")
class DoctorTest {

    @TempDir
    Path tmp;
    private TestBackend sandbox;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        sandbox = TestBackend.sandbox(tmp);
    }

    private TestBackend windows(HostChecks checks) {
        Environment e = sandbox.environment();
        return sandbox.withEnvironment(new Environment(Mode.WINDOWS, false, e.version(), "Windows 11", e.java(),
                e.sandboxDir(), e.dataDir())).withHostChecks(checks);
    }

    private static HostChecks checks(boolean provider, HostChecks.Rights rights, List<String> keys) {
        return HostChecks.of(() -> new HostChecks.Probe(provider, provider ? "created" : "Winsock error 10047 WSAEAFNOSUPPORT"),
                () -> rights, OptionalLong::empty, id -> keys);
    }

    private static DoctorReport run(TestBackend b, String vm, String service) {
        List<CheckResult> live = new ArrayList<>();
        DoctorReport r = new Doctor(b).run(VmChoice.typed(vm), ServiceChoice.typed(service), Duration.ofSeconds(2), live::add);
        assertThat(live).as("each result is handed over as it is found").isEqualTo(r.checks());
        assertThat(r.checks()).extracting(CheckResult::id)
                .containsExactly("socketProvider", "rights", "vm", "service", "guestServiceInterface", "serviceEnabled", "connect");
        return r;
    }

    @Test
    void aMissingProviderIsTheFirstFailureWithTheCatalogHint() {
        DoctorReport r = run(windows(checks(false, new HostChecks.Rights.Windows(true, Optional.of(false)), List.of())),
                "demo-linux", "vsock:7");
        CheckResult first = r.firstFailure().orElseThrow();
        assertThat(first.id()).isEqualTo("socketProvider");
        assertThat(first.text()).contains("WSAEAFNOSUPPORT").contains("netsh winsock show catalog");
    }

    @Test
    void rightsOnWindowsSayWhatElevationAndTheGroupAllow() {
        assertThat(run(windows(checks(true, new HostChecks.Rights.Windows(true, Optional.empty()), List.of())),
                "demo-linux", "vsock:7").check("rights").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
        CheckResult member = run(windows(checks(true, new HostChecks.Rights.Windows(false, Optional.of(true)), List.of())),
                "demo-linux", "vsock:7").check("rights").orElseThrow();
        assertThat(member.status()).isEqualTo(CheckStatus.PASS);
        assertThat(member.message().key()).isEqualTo("doctor.rights.hyperVAdmins");
        CheckResult neither = run(windows(checks(true, new HostChecks.Rights.Windows(false, Optional.of(false)), List.of())),
                "demo-linux", "vsock:7").check("rights").orElseThrow();
        assertThat(neither.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(neither.fix().action()).isEqualTo(Fix.Action.RESTART_ELEVATED);
    }

    @Test
    void aBracedRegistryKeyIsFlaggedWithTheRename() {
        DoctorReport r = run(windows(checks(true, new HostChecks.Rights.Windows(true, Optional.empty()),
                List.of("{00000007-FACB-11E6-BD58-64006A7986D3}"))), "demo-linux", "vsock:7");
        CheckResult service = r.check("service").orElseThrow();
        assertThat(service.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(service.fix().command()).startsWith("Rename-Item -Path 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT")
                .endsWith("-NewName '00000007-facb-11e6-bd58-64006a7986d3'");
        CheckResult both = run(windows(checks(true, new HostChecks.Rights.Windows(true, Optional.empty()),
                List.of("00000007-facb-11e6-bd58-64006a7986d3", "{00000007-facb-11e6-bd58-64006a7986d3}"))),
                "demo-linux", "vsock:7").check("service").orElseThrow();
        assertThat(both.status()).isEqualTo(CheckStatus.PASS);
        assertThat(both.fix().command()).startsWith("Remove-Item");
    }

    @Test
    void onWindowsAVmIdGetVmDoesNotListMayStillBeWslAndTheConnectDecides() {
        Guid wsl = Guid.random();
        DoctorReport r = run(windows(checks(true, new HostChecks.Rights.Windows(true, Optional.empty()), List.of())),
                wsl.toString(), "vsock:7");
        CheckResult vm = r.check("vm").orElseThrow();
        assertThat(vm.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(vm.text()).contains("wslinfo --vm-id");
        assertThat(r.firstFailure().orElseThrow().id()).isEqualTo("connect");
    }

    @Test
    void anUnknownVmNameOnWindowsCarriesTheListingNoteAndTheWslHint() {
        VmInventory empty = new VmInventory() {
            @Override
            public List<VirtualMachine> list() {
                return List.of();
            }

            @Override
            public Listing listing() {
                return new Listing(List.of(), Problem.of("vms.note.noRights"));
            }
        };
        DoctorReport r = run(windows(checks(true, new HostChecks.Rights.Windows(false, Optional.of(false)), List.of()))
                .withVms(empty), "web-01", "vsock:7");
        CheckResult vm = r.check("vm").orElseThrow();
        assertThat(vm.status()).isEqualTo(CheckStatus.FAIL);
        assertThat(vm.hints()).extracting(Problem::key).contains("vms.note.noRights", "doctor.hint.wsl");
    }

    @Test
    void theGuestServiceInterfaceIsReportedAndAListingFailureIsUnknown() {
        VirtualMachine demo = new VirtualMachine(SandboxSeed.DEMO_LINUX_ID, "demo-linux", "Running", 5, 2, "11.0", 0, 0);
        VmInventory enabled = new VmInventory() {
            @Override
            public List<VirtualMachine> list() {
                return List.of(demo);
            }

            @Override
            public Optional<IntegrationServices> integrationServices() {
                return Optional.of(id -> List.of(new IntegrationService(IntegrationService.GUEST_SERVICE_INTERFACE, true, "OK", "")));
            }
        };
        assertThat(run(sandbox.withVms(enabled), "demo-linux", "vsock:7").check("guestServiceInterface").orElseThrow()
                .status()).isEqualTo(CheckStatus.PASS);
        CheckResult disabled = run(windows(checks(true, new HostChecks.Rights.Windows(true, Optional.empty()), List.of())),
                "demo-linux", "vsock:7").check("guestServiceInterface").orElseThrow();
        assertThat(disabled.status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(disabled.fix().command()).isEqualTo(
                "Enable-VMIntegrationService -VMName 'demo-linux' -Name 'Guest Service Interface'");

        VmInventory broken = () -> {
            throw new OperationFailedException(Problem.of("vms.error.timeout", 30));
        };
        DoctorReport r = run(sandbox.withVms(broken), SandboxSeed.DEMO_LINUX_ID.toString(), "vsock:7");
        assertThat(r.check("vm").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.check("connect").orElseThrow().status()).isEqualTo(CheckStatus.PASS);
    }

    @Test
    void aServiceThatIsNotATemplateGetsTheLinuxGuestHint() {
        Guid custom = Guid.random();
        CheckResult service = run(sandbox, "demo-linux", custom.toString()).check("service").orElseThrow();
        assertThat(service.hints()).extracting(Problem::key).contains("doctor.hint.template");
        assertThat(service.fix().action()).isEqualTo(Fix.Action.REGISTER_SERVICE);
        assertThat(service.fix().serviceId()).isEqualTo(custom);
    }

    @Test
    void aliasesForListenersAreNotConnectTargets() {
        DoctorReport r = run(sandbox, "wildcard", "vsock:7");
        assertThat(r.firstFailure().orElseThrow().id()).isEqualTo("vm");
        assertThat(r.firstFailure().orElseThrow().text()).contains("wildcard");
    }

    @Test
    void withoutPlatformChecksTheyAreUnknownNotPassed() {
        DoctorReport r = run(new TestBackend(sandbox.environment(), sandbox.services(), sandbox.vms(), sandbox.connector(),
                sandbox.listenerFactory(), Optional.empty()), "demo-linux", "vsock:7");
        assertThat(r.check("socketProvider").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.check("rights").orElseThrow().status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(r.ok()).isTrue();
    }
}
