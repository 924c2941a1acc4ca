package io.hvx.ui.tester;

import io.hvx.core.ElevatedRestart;
import io.hvx.core.Guid;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.doctor.CheckResult;
import io.hvx.core.doctor.Doctor;
import io.hvx.core.doctor.DoctorReport;
import io.hvx.core.doctor.Fix;
import io.hvx.core.tester.TestPlan;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.time.Duration;
import java.util.function.BiConsumer;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Doctor tab: runs the {@link Doctor} for the section's target and shows each check as soon
 * as it is known, with its fix: register the service (the Services section's Add dialog),
 * restart as administrator, or copy a command. Testable without the FX toolkit.
 */
public final class DoctorViewModel {

    private final Doctor doctor;
    private final ElevatedRestart restart;
    private final Runnable closeApp;
    private final BiConsumer<Guid, String> register;
    private final TaskRunner tasks;

    private final ObservableList<CheckResult> checks = FXCollections.observableArrayList();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(Messages.get("doctor.ui.idle"));
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();
    /** The run whose checks are shown; checks of an earlier one are ignored. UI thread only. */
    private Object attempt;

    /**
     * @param restart  restarts elevated (the rights fix); may be unavailable on this platform
     * @param closeApp closes this instance once the elevated one has started
     * @param register opens the Services section's Add dialog for a service ID and a proposed name
     */
    public DoctorViewModel(Doctor.Ports ports, ElevatedRestart restart, Runnable closeApp, BiConsumer<Guid, String> register,
                           TaskRunner tasks) {
        this.doctor = new Doctor(ports);
        this.restart = restart;
        this.closeApp = closeApp;
        this.register = register;
        this.tasks = tasks;
    }

    /** The checks of the last run, in order, as they arrive. */
    public ObservableList<CheckResult> checks() {
        return checks;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** One line: running, the first failing check, or that none failed. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** The last failure, shown by an error banner whose close button clears it. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    /** Runs every check for the pair; {@code timeout} is the connect timeout as typed (empty: the default). */
    public void run(VmChoice vm, ServiceChoice service, String timeout) {
        Duration t;
        try {
            t = ((TestPlan.Connect) TestPlan.of(TestPlan.Kind.CONNECT,
                    new TestPlan.Inputs(null, null, null, null, null, timeout))).timeout();
        } catch (InvalidInputException e) {
            error.set(ErrorText.of(e));
            return;
        }
        Object self = new Object();
        attempt = self;
        checks.clear();
        error.set(null);
        running.set(true);
        summary.set(Messages.get("doctor.ui.running"));
        tasks.run(() -> doctor.run(vm, service, t, r -> tasks.later(() -> {
            if (attempt == self && running.get()) {
                checks.add(r);
            }
        })), report -> finish(self, report), e -> {
            if (attempt == self) {
                running.set(false);
                summary.set("");
                error.set(ErrorText.of(e));
            }
        });
    }

    private void finish(Object self, DoctorReport report) {
        if (attempt != self) {
            return;
        }
        running.set(false);
        checks.setAll(report.checks());
        summary.set(report.firstFailure().map(f -> Messages.get("doctor.cli.firstFailure", f.title()))
                .orElseGet(() -> Messages.get("doctor.cli.noFailure")));
    }

    /** Whether {@code r}'s fix has a button here (an elevated restart only where the platform can). */
    public boolean canFix(CheckResult r) {
        return r.fixIfAny().map(f -> switch (f.action()) {
            case REGISTER_SERVICE, COPY_COMMAND -> true;
            case RESTART_ELEVATED -> restart.available();
            case NONE -> false;
        }).orElse(false);
    }

    /**
     * Applies {@code r}'s fix: opens the Add dialog or restarts elevated.
     *
     * @return the command to copy for a {@link Fix.Action#COPY_COMMAND} fix, else null
     */
    public String fix(CheckResult r) {
        Fix f = r.fix();
        if (f == null || !canFix(r)) {
            return null;
        }
        return switch (f.action()) {
            case REGISTER_SERVICE -> {
                register.accept(f.serviceId(), f.name());
                yield null;
            }
            case RESTART_ELEVATED -> {
                tasks.run(restart::restart, outcome -> {
                    if (outcome == ElevatedRestart.Outcome.STARTED) {
                        closeApp.run();
                    } else {
                        summary.set(Messages.get("doctor.ui.restartCancelled"));
                    }
                }, e -> error.set(ErrorText.of(e)));
                yield null;
            }
            case COPY_COMMAND -> {
                summary.set(Messages.get("doctor.ui.copied", f.command()));
                yield f.command();
            }
            case NONE -> null;
        };
    }

    /** The label of a fix's button. */
    public static String fixLabel(Fix f) {
        return switch (f.action()) {
            case REGISTER_SERVICE -> Messages.get("doctor.ui.fix.register");
            case RESTART_ELEVATED -> Messages.get("doctor.ui.fix.restart");
            case COPY_COMMAND -> Messages.get("doctor.ui.fix.copy");
            case NONE -> "";
        };
    }
}
