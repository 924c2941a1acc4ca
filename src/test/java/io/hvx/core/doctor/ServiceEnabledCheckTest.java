package io.hvx.core.doctor;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Environment;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServicePolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The doctor's check "the service is enabled for this VM" over the sandbox's policies (issue 15). */
class ServiceEnabledCheckTest {

    @TempDir
    Path tmp;

    private TestBackend sandbox;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        sandbox = TestBackend.sandbox(tmp);
    }

    private CheckResult check(TestBackend b, String vm, String service) {
        return new Doctor(b).run(vm, service, Duration.ofSeconds(2)).check("serviceEnabled").orElseThrow();
    }

    @Test
    void aServiceTheVmFollowsItsDefaultForPasses() {
        CheckResult r = check(sandbox, "demo-linux", "vsock:7");
        assertThat(r.status()).isEqualTo(CheckStatus.PASS);
        assertThat(r.text()).contains("Demo echo is on for demo-linux (policy: default)");
    }

    @Test
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the connect check reaches the sandbox's AF_UNIX sockets over libc")
    void aServiceTheVmsPolicyDisablesIsTheFirstFailureWithTheCommandThatEnablesIt() {
        sandbox.policies().orElseThrow().set(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE, ServicePolicy.DISABLED);
        DoctorReport report = new Doctor(sandbox).run("demo-linux", "Demo echo", Duration.ofSeconds(2));
        CheckResult first = report.firstFailure().orElseThrow();
        assertThat(first.id()).isEqualTo("serviceEnabled");
        assertThat(first.text()).contains("Demo echo is disabled for demo-linux by its per-VM policy (disabled)");
        assertThat(first.fixIfAny().orElseThrow().command())
                .isEqualTo("hvx services enable " + SandboxSeed.ECHO_SERVICE + " --vm " + SandboxSeed.DEMO_LINUX_ID);
        assertThat(report.check("connect").orElseThrow().status()).isEqualTo(CheckStatus.FAIL);
        assertThat(report.check("connect").orElseThrow().text()).contains("per-VM service policy");

        sandbox.policies().orElseThrow().set(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE, ServicePolicy.ENABLED);
        CheckResult again = check(sandbox, "demo-linux", "Demo echo");
        assertThat(again.status()).isEqualTo(CheckStatus.PASS);
        assertThat(again.text()).contains("(policy: enabled)");
    }

    @Test
    void anAliasOrAModeWithoutPoliciesIsUnknownNotPassed() {
        assertThat(check(sandbox, "loopback", "vsock:7").status()).isEqualTo(CheckStatus.UNKNOWN);
        assertThat(check(sandbox.withPolicies(null), "demo-linux", "vsock:7").status()).isEqualTo(CheckStatus.UNKNOWN);
        Environment e = sandbox.environment();
        TestBackend guest = sandbox.withEnvironment(new Environment(Mode.LINUX_GUEST, false, e.version(), "Linux", e.java(),
                e.sandboxDir(), e.dataDir()));
        assertThat(check(guest, "demo-linux", "vsock:7").text()).contains("guest cannot see");
    }
}
