package io.hvx.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import atlantafx.base.controls.ToggleSwitch;
import io.hvx.App;
import io.hvx.TestBackend;
import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Messages;
import io.hvx.core.SandboxSeed;
import io.hvx.core.ServicePolicies;
import io.hvx.core.ServicePolicy;
import io.hvx.core.ServiceRegistration;
import io.hvx.core.Settings;
import io.hvx.core.StreamConnection;
import io.hvx.core.VirtualMachine;
import io.hvx.ui.services.PolicyControls;
import io.hvx.ui.services.ServicesSection;
import io.hvx.ui.shell.MainWindow;
import io.hvx.ui.vms.VmsSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The per-VM service switches in the main window, headless (issue 15): in Virtual machines the
 * selected VM's registered services each with a switch and Default; in Services the selected
 * service on every VM with Enable on all / Disable on all. The switches change what the sandbox's
 * connections do.
 */
@ExtendWith(ApplicationExtension.class)
class ServicePolicyPanelsFxTest {

    @TempDir
    Path tmp;

    private TestBackend backend;
    private Stage stage;
    private MainWindow window;

    @BeforeEach
    void open(FxRobot robot) throws Exception {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(Files.createTempDirectory(tmp, "fx"));
        robot.interact(() -> {
            stage = new Stage();
            window = App.createMainWindow(stage, backend, Settings.inMemory());
            window.show();
        });
    }

    @AfterEach
    void close(FxRobot robot) {
        robot.interact(stage::close);
    }

    private void waitUntil(Supplier<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> WaitForAsyncUtils.asyncFx(condition::get).get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private <T extends Node> T find(FxRobot robot, String query, Class<T> type) {
        return robot.from(stage.getScene().getRoot()).lookup(query).queryAs(type);
    }

    private ServicePolicy policyOf(io.hvx.core.Guid vm, io.hvx.core.Guid service) {
        return backend.policies().orElseThrow().of(vm).find(vm, service).orElseThrow().policy();
    }

    /** The row of {@code name} in the VM panel. */
    private HBox vmRow(FxRobot robot, String name) {
        VBox rows = find(robot, "#vms-policy-rows", VBox.class);
        return rows.getChildren().stream().map(HBox.class::cast)
                .filter(r -> ((ServicePolicies.Row) r.getUserData()).serviceLabel().equals(name)).findFirst().orElseThrow();
    }

    private static PolicyControls controls(HBox row) {
        return (PolicyControls) row.getChildren().get(1);
    }

    private static String caption(HBox row) {
        return ((Label) ((VBox) row.getChildren().get(0)).getChildren().get(1)).getText();
    }

    @Test
    @SuppressWarnings("unchecked")
    @EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox's sockets are AF_UNIX over libc")
    void theVmsSwitchDisablesAServiceSoTheSandboxRefusesItAndDefaultBringsItBack(FxRobot robot) throws Exception {
        robot.interact(() -> window.show(VmsSection.ID));
        TableView<VirtualMachine> vms = find(robot, "#vms-table", TableView.class);
        waitUntil(() -> vms.getItems().size() == 2);
        robot.interact(() -> vms.getSelectionModel().select(0));
        waitUntil(() -> find(robot, "#vms-policy-rows", VBox.class).getChildren().size() == 6);
        HBox echo = vmRow(robot, "Demo echo");
        assertThat(controls(echo).toggle().isSelected()).isTrue();
        assertThat(caption(echo)).isEqualTo("vsock:7 · default (on)");
        assertThat(controls(echo).defaultButton().isDisabled()).isTrue();

        robot.interact(() -> controls(echo).toggle().setSelected(false));
        waitUntil(() -> policyOf(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE) == ServicePolicy.DISABLED);
        waitUntil(() -> caption(vmRow(robot, "Demo echo")).equals("vsock:7 · disabled"));
        HBox off = vmRow(robot, "Demo echo");
        assertThat(controls(off).toggle().isSelected()).isFalse();
        assertThat(controls(off).defaultButton().isDisabled()).isFalse();
        assertThat(find(robot, "#vms-policies-status", Label.class).getText())
                .isEqualTo("Demo echo is now disabled for demo-linux.");
        Throwable refused = catchThrowable(() -> backend.connector()
                .connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE), Duration.ofSeconds(2)).close());
        assertThat(refused).isInstanceOf(HvxException.class).hasMessageContaining("per-VM service policy");

        robot.interact(() -> controls(vmRow(robot, "Demo echo")).defaultButton().fire());
        waitUntil(() -> policyOf(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.ECHO_SERVICE) == ServicePolicy.DEFERRED);
        waitUntil(() -> controls(vmRow(robot, "Demo echo")).toggle().isSelected());
        try (StreamConnection c = backend.connector().connect(new HvEndpoint(SandboxSeed.DEMO_LINUX_ID,
                SandboxSeed.ECHO_SERVICE), Duration.ofSeconds(2))) {
            assertThat(c.peerAddress()).isNotBlank();
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void servicesShowsTheSelectedServiceOnEveryVmAndDisableOnAllAsksFirstAndUndoes(FxRobot robot) throws Exception {
        robot.interact(() -> window.show(ServicesSection.ID));
        TableView<ServiceRegistration> services = find(robot, "#services-table", TableView.class);
        waitUntil(() -> services.getItems().size() == 6);
        TableView<ServicePolicies.Row> perVm = find(robot, "#services-policies-table", TableView.class);
        assertThat(perVm.getItems()).isEmpty();
        assertThat(find(robot, "#services-policies-disable-all", Button.class).isDisabled()).isTrue();
        robot.interact(() -> services.getSelectionModel().select(services.getItems().stream()
                .filter(r -> "Demo sink".equals(r.name())).findFirst().orElseThrow()));
        waitUntil(() -> perVm.getItems().size() == 2);
        assertThat(perVm.getItems()).extracting(ServicePolicies.Row::vmName).containsExactly("demo-linux", "demo-windows");

        robot.clickOn("#services-policies-disable-all");
        robot.clickOn("Cancel");
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(policyOf(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.SINK_SERVICE)).isEqualTo(ServicePolicy.DEFERRED);

        robot.clickOn("#services-policies-disable-all");
        robot.clickOn("OK");
        waitUntil(() -> policyOf(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.SINK_SERVICE) == ServicePolicy.DISABLED);
        assertThat(policyOf(SandboxSeed.DEMO_LINUX_ID, SandboxSeed.SINK_SERVICE)).isEqualTo(ServicePolicy.DISABLED);
        waitUntil(() -> perVm.getItems().stream().allMatch(r -> r.policy() == ServicePolicy.DISABLED));
        waitUntil(() -> find(robot, "#services-policies-status", Label.class).getText().equals("Demo sink is now disabled on every VM."));
        waitUntil(() -> !find(robot, "#services-undo", Button.class).isDisabled());

        robot.clickOn("#services-undo");
        waitUntil(() -> policyOf(SandboxSeed.DEMO_WINDOWS_ID, SandboxSeed.SINK_SERVICE) == ServicePolicy.DEFERRED);
        waitUntil(() -> perVm.getItems().stream().allMatch(r -> r.policy() == ServicePolicy.DEFERRED));
    }
}
