package io.hvx.ui.tester;

import io.hvx.core.Backend;
import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.core.doctor.Doctor;
import io.hvx.core.tester.ReportFiles;
import io.hvx.ui.common.FxDialogService;
import io.hvx.ui.common.Section;
import io.hvx.ui.common.TaskRunner;
import java.util.function.BiConsumer;
import javafx.scene.Node;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.feather.Feather;

/**
 * The Tester section: connect, echo and throughput tests with live charts against a (VM, service)
 * pair, and the Doctor, which explains why a pair cannot be reached. Closing the window stops a
 * running test.
 */
public final class TesterSection implements Section {

    /** The section id. */
    public static final String ID = "tester";

    private final Settings settings;
    private final TesterViewModel tester;
    private final DoctorViewModel doctor;
    private TesterView view;

    /**
     * @param backend   the mode's ports (the doctor asks all of them)
     * @param inventory the VMs (the GUI's long-lived inventory): the picker's list and the doctor's VM check
     * @param files     writes exported results
     * @param restart   the elevated restart (the doctor's rights fix)
     * @param closeApp  closes the app after an elevated restart
     * @param register  opens the Services section's Add dialog for a service ID and a proposed name
     * @param settings  the connect timeout of an empty timeout field ({@link Settings#connectTimeout()})
     */
    public TesterSection(Backend backend, VmInventory inventory, ReportFiles files, ElevatedRestart restart,
                         Runnable closeApp, BiConsumer<Guid, String> register, Settings settings, TaskRunner tasks,
                         FxDialogService dialogs) {
        this.settings = settings;
        this.tester = new TesterViewModel(inventory, backend.services(), backend.connector(), files, tasks, dialogs);
        tester.defaultTimeoutProperty().set(settings.connectTimeout());
        this.doctor = new DoctorViewModel(Doctor.Ports.of(backend).withVms(inventory), restart, closeApp, register, tasks);
        dialogs.register(CompareRuns.class, CompareRunsView::new);
    }

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String titleKey() {
        return Messages.key("tester.nav.title");
    }

    @Override
    public Ikon icon() {
        return Feather.ACTIVITY;
    }

    @Override
    public Node view() {
        if (view == null) {
            view = new TesterView(tester, doctor);
        }
        return view;
    }

    @Override
    public void onShow() {
        // the Settings dialog may have changed it since
        tester.defaultTimeoutProperty().set(settings.connectTimeout());
        tester.start();
    }

    /** Opens the Doctor on a pair and runs it (a failed terminal session's Diagnose). */
    public void diagnose(VmChoice vm, ServiceChoice service) {
        tester.vmProperty().set(vm);
        tester.serviceProperty().set(service);
        view();
        view.showDoctor();
        tester.defaultTimeoutProperty().set(settings.connectTimeout());
        doctor.run(vm, service, tester.effectiveTimeout());
    }

    @Override
    public void dispose() {
        tester.close();
    }

    public TesterViewModel tester() {
        return tester;
    }

    public DoctorViewModel doctor() {
        return doctor;
    }
}
