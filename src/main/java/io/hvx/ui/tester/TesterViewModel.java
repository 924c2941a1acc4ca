package io.hvx.ui.tester;

import io.hvx.core.Connector;
import io.hvx.core.InvalidInputException;
import io.hvx.core.Messages;
import io.hvx.core.NameResolver;
import io.hvx.core.ServiceChoice;
import io.hvx.core.ServiceRegistry;
import io.hvx.core.VmAlias;
import io.hvx.core.VmChoice;
import io.hvx.core.VmInventory;
import io.hvx.core.tester.Direction;
import io.hvx.core.tester.Histogram;
import io.hvx.core.tester.LatencyStats;
import io.hvx.core.tester.Progress;
import io.hvx.core.tester.ReportFiles;
import io.hvx.core.tester.TestPlan;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import io.hvx.core.tester.TestRun;
import io.hvx.core.tester.Tester;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.ErrorText;
import io.hvx.ui.common.TaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Tester tab: the target (the same typed pickers as Connections, resolved by the one
 * {@link NameResolver}), the kind of test and its parameters checked as they are typed, Start and
 * Stop, the live figures of the run (percentiles, histogram, rate over time), the recent runs,
 * comparing two of them, and exporting them. Testable without the FX toolkit: the test engine
 * ({@link Tester}) runs the test, and its reports reach this class through {@link TaskRunner#later}
 * at most every {@link Tester#REPORT_INTERVAL}.
 */
public final class TesterViewModel implements AutoCloseable {

    /** The aliases offered besides the inventory's VMs. */
    public static final List<VmAlias> ALIASES = List.of(VmAlias.LOOPBACK, VmAlias.PARENT);
    /** Runs kept in the table. */
    public static final int KEEP_RUNS = 20;

    private static final System.Logger LOG = System.getLogger(TesterViewModel.class.getName());

    private final VmInventory inventory;
    private final ServiceRegistry services;
    private final NameResolver names;
    private final Tester tester;
    private final ReportFiles files;
    private final TaskRunner tasks;
    private final DialogService dialogs;

    private final ObservableList<VmChoice> vmChoices = FXCollections.observableArrayList(VmChoice.list(List.of(), ALIASES));
    private final ObservableList<ServiceChoice> serviceChoices = FXCollections.observableArrayList();
    private final ObjectProperty<VmChoice> vm = new SimpleObjectProperty<>(VmChoice.typed(""));
    private final ObjectProperty<ServiceChoice> service = new SimpleObjectProperty<>(ServiceChoice.typed(""));
    private final StringProperty timeout = new SimpleStringProperty("");
    private final ObjectProperty<Duration> defaultTimeout = new SimpleObjectProperty<>(TestPlan.DEFAULT_TIMEOUT);
    private final ObjectProperty<TestPlan.Kind> kind = new SimpleObjectProperty<>(TestPlan.Kind.ECHO);
    private final StringProperty count = new SimpleStringProperty("");
    private final StringProperty parallel = new SimpleStringProperty("");
    private final StringProperty size = new SimpleStringProperty("");
    private final StringProperty duration = new SimpleStringProperty("");
    private final ObjectProperty<Direction> direction = new SimpleObjectProperty<>(Direction.BOTH);
    private final BooleanProperty sweep = new SimpleBooleanProperty(false);

    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyDoubleWrapper fraction = new ReadOnlyDoubleWrapper(0);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<TestPlan.Kind> shownKind = new ReadOnlyObjectWrapper<>(TestPlan.Kind.ECHO);
    private final ReadOnlyObjectWrapper<LatencyStats> stats = new ReadOnlyObjectWrapper<>(LatencyStats.EMPTY);
    private final ObservableList<Histogram.Bin> bins = FXCollections.observableArrayList();
    private boolean binsHaveTail;
    private final ObservableList<TestResult.Point> points = FXCollections.observableArrayList();
    private final ObservableList<Map.Entry<String, Long>> failures = FXCollections.observableArrayList();
    private final ObservableList<TestResult> runs = FXCollections.observableArrayList();
    private final ObjectProperty<ErrorText> error = new SimpleObjectProperty<>();

    private boolean loaded;
    /** The run whose reports are shown; reports of an earlier one are ignored. UI thread only. */
    private TestRun current;
    private boolean starting;

    public TesterViewModel(VmInventory inventory, ServiceRegistry services, Connector connector, ReportFiles files,
                           TaskRunner tasks, DialogService dialogs) {
        this(inventory, services, new Tester(connector), files, tasks, dialogs);
    }

    /** With a tester of its own (tests give one with a shorter reporting interval). */
    public TesterViewModel(VmInventory inventory, ServiceRegistry services, Tester tester, ReportFiles files,
                           TaskRunner tasks, DialogService dialogs) {
        this.inventory = inventory;
        this.services = services;
        this.names = new NameResolver(inventory, services);
        this.tester = tester;
        this.files = files;
        this.tasks = tasks;
        this.dialogs = dialogs;
        for (Observable input : new Observable[] {kind, count, parallel, size, duration, direction, sweep, timeout,
                defaultTimeout}) {
            input.addListener(o -> validate());
        }
        validate();
    }

    public ObservableList<VmChoice> vmChoices() {
        return vmChoices;
    }

    public ObservableList<ServiceChoice> serviceChoices() {
        return serviceChoices;
    }

    public ObjectProperty<VmChoice> vmProperty() {
        return vm;
    }

    public ObjectProperty<ServiceChoice> serviceProperty() {
        return service;
    }

    /** The connect timeout in milliseconds as typed; empty means {@link #defaultTimeoutProperty() the default}. */
    public StringProperty timeoutProperty() {
        return timeout;
    }

    /** The connect timeout of an empty timeout field (the Settings dialog's, kept current by the section). */
    public ObjectProperty<Duration> defaultTimeoutProperty() {
        return defaultTimeout;
    }

    /** The connect timeout a run uses, as text: what was typed, else the default. */
    public String effectiveTimeout() {
        String t = timeout.get();
        return t == null || t.isBlank() ? Long.toString(defaultTimeout.get().toMillis()) : t;
    }

    public ObjectProperty<TestPlan.Kind> kindProperty() {
        return kind;
    }

    /** Connects, round trips, or (empty) the kind's default. */
    public StringProperty countProperty() {
        return count;
    }

    public StringProperty parallelProperty() {
        return parallel;
    }

    /** Message size in bytes (K and M allowed); empty means the kind's default. */
    public StringProperty sizeProperty() {
        return size;
    }

    /** Seconds per message size (throughput). */
    public StringProperty durationProperty() {
        return duration;
    }

    public ObjectProperty<Direction> directionProperty() {
        return direction;
    }

    /** Whether a throughput test sweeps the sizes 64 B … 64 KiB. */
    public BooleanProperty sweepProperty() {
        return sweep;
    }

    /** What is wrong with the parameters now, as a sentence; null when Start may be pressed. */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** How much of the running test is done, 0 … 1. */
    public ReadOnlyDoubleProperty fractionProperty() {
        return fraction.getReadOnlyProperty();
    }

    /** What the test is doing or found, in one line. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The kind of the run whose figures are shown. */
    public ReadOnlyObjectProperty<TestPlan.Kind> shownKindProperty() {
        return shownKind.getReadOnlyProperty();
    }

    /** Percentiles of the shown run (approximate while it runs, exact at the end). */
    public ReadOnlyObjectProperty<LatencyStats> statsProperty() {
        return stats.getReadOnlyProperty();
    }

    /** The round-trip or connect-time histogram of the shown run. */
    public ObservableList<Histogram.Bin> bins() {
        return bins;
    }

    /** Whether the last of {@link #bins()} is the open-ended tail. */
    public boolean binsHaveTail() {
        return binsHaveTail;
    }

    /** The throughput of the shown run over time. */
    public ObservableList<TestResult.Point> points() {
        return points;
    }

    /** Failed connects of the shown run by cause. */
    public ObservableList<Map.Entry<String, Long>> failures() {
        return failures;
    }

    /** Recent runs, newest first. */
    public ObservableList<TestResult> runs() {
        return runs;
    }

    /** The last failure, shown by an error banner whose close button clears it. */
    public ObjectProperty<ErrorText> errorProperty() {
        return error;
    }

    /** Loads the pickers' lists the first time the section is shown. */
    public void start() {
        if (!loaded) {
            loaded = true;
            reloadChoices();
        }
    }

    /** Reloads both pickers' lists; a failure leaves the list as it was (typing still works). */
    public void reloadChoices() {
        tasks.run(inventory::list, list -> vmChoices.setAll(VmChoice.list(list, ALIASES)),
                t -> LOG.log(System.Logger.Level.WARNING, "The VM picker keeps its list: listing VMs failed", t));
        tasks.run(services::list, list -> serviceChoices.setAll(ServiceChoice.list(list)),
                t -> LOG.log(System.Logger.Level.WARNING, "The service picker keeps its list: listing services failed", t));
    }

    /** The plan the parameters describe (only the fields of the chosen kind count). */
    public TestPlan plan() {
        TestPlan.Kind k = kind.get();
        boolean t = k == TestPlan.Kind.THROUGHPUT;
        return TestPlan.of(k, new TestPlan.Inputs(t ? null : count.get(), t ? null : parallel.get(),
                k == TestPlan.Kind.CONNECT ? null : t && sweep.get() ? "sweep" : size.get(),
                t ? duration.get() : null, t ? direction.get().id() : null, effectiveTimeout()));
    }

    private void validate() {
        try {
            plan();
            problem.set(null);
        } catch (InvalidInputException e) {
            problem.set(e.getMessage());
        }
    }

    /** Starts the test; the target is resolved off the UI thread first. */
    public void startTest() {
        if (running.get() || starting) {
            return;
        }
        TestPlan plan;
        try {
            plan = plan();
        } catch (InvalidInputException e) {
            error.set(ErrorText.of(e));
            return;
        }
        VmChoice v = vm.get();
        ServiceChoice s = service.get();
        error.set(null);
        starting = true;
        running.set(true);
        fraction.set(0);
        status.set(Messages.get("tester.ui.status.resolving"));
        tasks.run(() -> names.target(v, s), target -> begin(plan, target), t -> {
            starting = false;
            running.set(false);
            status.set("");
            error.set(ErrorText.of(t));
        });
    }

    private void begin(TestPlan plan, NameResolver.Target target) {
        starting = false;
        shownKind.set(plan.kind());
        stats.set(LatencyStats.EMPTY);
        bins.clear();
        points.clear();
        failures.clear();
        status.set(Messages.get("tester.ui.status.running", plan.kind().label(), target.describe()));
        TestRun[] self = new TestRun[1];
        self[0] = tester.start(plan, target, p -> tasks.later(() -> {
            // a report can trail the result by a moment: once the run is done it changes nothing
            if (current == self[0] && running.get()) {
                apply(p);
            }
        }));
        current = self[0];
        self[0].whenDone(r -> tasks.later(() -> finish(self[0], r)));
    }

    private void apply(Progress p) {
        fraction.set(p.fraction());
        if (p.kind() == TestPlan.Kind.THROUGHPUT) {
            points.addAll(p.newPoints());
        } else {
            stats.set(p.live());
            showHistogram(p.histogram());
        }
        status.set(Messages.get("tester.ui.status.progress", p.kind().label(), percent(p.fraction()),
                p.kind() == TestPlan.Kind.THROUGHPUT ? TestReports.bytes(p.done()) : String.format(Locale.ROOT, "%,d", p.done())));
    }

    private void finish(TestRun run, TestResult r) {
        if (current != run) {
            return;
        }
        running.set(false);
        fraction.set(1);
        switch (r) {
            case TestResult.Connect c -> {
                stats.set(c.stats());
                showHistogram(c.histogram());
                failures.setAll(c.failuresByCause().entrySet().stream().map(e -> Map.entry(e.getKey(), e.getValue())).toList());
            }
            case TestResult.Echo e -> {
                stats.set(e.stats());
                showHistogram(e.histogram());
            }
            case TestResult.Throughput t -> {
                List<TestResult.Point> all = t.steps().stream().flatMap(s -> s.series().stream()).toList();
                if (!all.isEmpty()) {
                    points.setAll(all);
                }
            }
        }
        runs.addFirst(r);
        while (runs.size() > KEEP_RUNS) {
            runs.removeLast();
        }
        status.set(outcome(r));
        r.run().errorIfAny().ifPresent(e -> error.set(ErrorText.of(e)));
    }

    private void showHistogram(Histogram h) {
        binsHaveTail = h.tail();
        bins.setAll(h.bins());
    }

    /** One line saying how a run ended, for the status line. */
    static String outcome(TestResult r) {
        if (r.run().cancelled()) {
            return Messages.get("tester.ui.status.cancelled", TestReports.summary(r));
        }
        if (r.run().error() != null) {
            return Messages.get("tester.ui.status.failed");
        }
        return Messages.get(r.ok() ? "tester.ui.status.ok" : "tester.ui.status.notOk", TestReports.summary(r));
    }

    /** Stops the running test; what was measured so far is kept, marked cancelled. */
    public void stopTest() {
        if (current != null && running.get()) {
            current.cancel();
        }
    }

    /** Shows two runs side by side. */
    public void compare(TestResult a, TestResult b) {
        dialogs.showForm(new CompareRuns(a, b));
    }

    /** Asks where to save {@code selected} (every run when empty) and writes JSON or CSV there. */
    public void export(List<TestResult> selected) {
        List<TestResult> which = selected.isEmpty() ? List.copyOf(runs) : List.copyOf(selected);
        if (which.isEmpty()) {
            return;
        }
        DialogService.FileFilter json = DialogService.FileFilter.of(Messages.get("tester.export.json"), "json");
        DialogService.FileFilter csv = DialogService.FileFilter.of(Messages.get("tester.export.csv"), "csv");
        Optional<DialogService.ChosenFile> chosen = dialogs.chooseFileToSave(
                new DialogService.FileQuestion(Messages.get("tester.export.title"), List.of(json, csv), "hvx-tests.json"));
        chosen.ifPresent(c -> {
            ReportFiles.Format format = formatOf(c);
            Path path = c.path();
            tasks.run(() -> {
                files.save(path, format, which);
                return which.size();
            }, n -> status.set(Messages.get("tester.export.done", n, path)), t -> error.set(ErrorText.of(t)));
        });
    }

    /** The format by the file's extension, else by the filter chosen, else JSON. */
    static ReportFiles.Format formatOf(DialogService.ChosenFile c) {
        String name = c.path().getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return ReportFiles.Format.CSV;
        }
        if (name.endsWith(".json")) {
            return ReportFiles.Format.JSON;
        }
        return c.filter() != null && c.filter().extensions().contains("csv") ? ReportFiles.Format.CSV : ReportFiles.Format.JSON;
    }

    private static String percent(double f) {
        return String.format(Locale.ROOT, "%.0f%%", f * 100);
    }

    /** Cancels a running test (the section or window closes). */
    @Override
    public void close() {
        if (current != null) {
            current.cancel();
        }
    }
}
