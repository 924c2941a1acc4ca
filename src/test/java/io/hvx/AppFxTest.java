package io.hvx;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.ServiceRegistry;
import io.hvx.core.Settings;
import io.hvx.core.VirtualMachine;
import io.hvx.core.VmInventory;
import io.hvx.ui.shell.MainWindow;
import io.hvx.ui.vms.VmsSection;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/** The composition root: what it creates, it closes when the window closes. */
@ExtendWith(ApplicationExtension.class)
class AppFxTest {

    @TempDir
    Path tmp;

    /** Counts the change watches a registry has open. */
    private static ServiceRegistry counting(ServiceRegistry real, AtomicInteger open) {
        return (ServiceRegistry) Proxy.newProxyInstance(ServiceRegistry.class.getClassLoader(),
                new Class<?>[] {ServiceRegistry.class}, (proxy, m, args) -> {
                    try {
                        Object result = m.invoke(real, args);
                        if (m.getName().equals("watch")) {
                            open.incrementAndGet();
                            AutoCloseable handle = (AutoCloseable) result;
                            return (AutoCloseable) () -> {
                                open.decrementAndGet();
                                handle.close();
                            };
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Test
    void closingTheWindowDisposesEverySectionSoNothingKeepsWatching(FxRobot robot) throws Exception {
        AtomicInteger serviceWatches = new AtomicInteger();
        AtomicInteger vmWatches = new AtomicInteger();
        TestBackend sandbox = TestBackend.sandbox(tmp);
        VmInventory vms = new VmInventory() {
            @Override
            public List<VirtualMachine> list() {
                return sandbox.vms().list();
            }

            @Override
            public Optional<AutoCloseable> watch(Runnable onChange) {
                vmWatches.incrementAndGet();
                return Optional.of(vmWatches::decrementAndGet);
            }
        };
        TestBackend backend = sandbox.withServices(counting(sandbox.services(), serviceWatches)).withVms(vms);
        Stage[] stage = new Stage[1];
        robot.interact(() -> {
            stage[0] = new Stage();
            MainWindow w = App.createMainWindow(stage[0], backend, Settings.inMemory());
            w.show();
            w.show("services");
            w.show(VmsSection.ID);
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> serviceWatches.get() == 1 && vmWatches.get() == 1);

        robot.interact(stage[0]::close);

        assertThat(serviceWatches).as("the Services section stopped watching").hasValue(0);
        assertThat(vmWatches).as("the VMs section stopped watching").hasValue(0);
    }
}
