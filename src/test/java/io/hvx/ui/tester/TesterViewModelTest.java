package io.hvx.ui.tester;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.TestBackend;
import io.hvx.core.Messages;
import io.hvx.core.ServiceChoice;
import io.hvx.core.VmChoice;
import io.hvx.core.tester.Direction;
import io.hvx.core.tester.Histogram;
import io.hvx.core.tester.ReportFiles;
import io.hvx.core.tester.TestPlan;
import io.hvx.core.tester.TestResult;
import io.hvx.core.tester.Tester;
import io.hvx.files.TestReportFiles;
import io.hvx.ui.common.DialogService;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The Tester tab's state and actions, without the FX toolkit, over a sandbox. */
@EnabledOnOs(value = OS.LINUX, disabledReason = "the sandbox endpoints use Linux AF_UNIX sockets over libc")
class TesterViewModelTest {

    @TempDir
    Path tmp;
    private TestBackend backend;
    private TestDialogs dialogs;

    @BeforeEach
    void setUp() {
        Messages.setLocale(Locale.US);
        backend = TestBackend.sandbox(tmp);
        dialogs = new TestDialogs();
    }

    private final TestTasks tasks = TestTasks.immediate();

    /** Starts the test and runs what the engine hands to the UI thread until it has ended. */
    private void runToEnd(TesterViewModel m) throws InterruptedException {
        m.startTest();
        tasks.until(() -> !m.runningProperty().get());
    }

    private TesterViewModel model(TestTasks tasks) {
        return new TesterViewModel(backend.vms(), backend.services(),
                new Tester(backend.connector(), Duration.ofMillis(20), Duration.ofSeconds(10)), new TestReportFiles(), tasks, dialogs);
    }

    private static void target(TesterViewModel m, String vm, String service) {
        m.vmProperty().set(VmChoice.typed(vm));
        m.serviceProperty().set(ServiceChoice.typed(service));
    }

    @Test
    void anEchoRunEndsWithExactFiguresAndARowInTheRuns() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-linux", "Demo echo");
        m.countProperty().set("500");
        runToEnd(m);
        assertThat(m.runningProperty().get()).isFalse();
        assertThat(m.runs()).hasSize(1);
        TestResult.Echo r = (TestResult.Echo) m.runs().getFirst();
        assertThat(r.ok()).isTrue();
        assertThat(m.statsProperty().get()).isEqualTo(r.stats());
        assertThat(m.bins().stream().mapToLong(Histogram.Bin::count).sum()).isEqualTo(500);
        assertThat(m.statusProperty().get()).startsWith("Done: 500 round trips");
        assertThat(m.errorProperty().get()).isNull();
    }

    @Test
    void liveProgressFillsTheFiguresWhileTheTestRunsAndStopKeepsWhatWasMeasured() throws Exception {
        TestTasks tasks = TestTasks.held();
        TesterViewModel m = model(tasks);
        target(m, "demo-linux", "vsock:7");
        m.countProperty().set("1000000");
        m.startTest();
        assertThat(m.runningProperty().get()).isTrue();
        tasks.until(() -> m.statsProperty().get().count() > 0 && !m.bins().isEmpty());
        assertThat(m.runs()).isEmpty();
        assertThat(m.fractionProperty().get()).isBetween(0.0, 1.0);
        m.stopTest();
        tasks.until(() -> !m.runningProperty().get());
        assertThat(m.runs()).hasSize(1);
        assertThat(m.runs().getFirst().run().cancelled()).isTrue();
        assertThat(m.statusProperty().get()).startsWith("Stopped:");
    }

    @Test
    void aThroughputRunDrawsTheRateOverTime() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-linux", "Demo echo");
        m.kindProperty().set(TestPlan.Kind.THROUGHPUT);
        m.directionProperty().set(Direction.DOWN);
        m.durationProperty().set("0.6");
        runToEnd(m);
        assertThat(m.runs().getFirst().ok()).as("%s", m.runs().getFirst()).isTrue();
        assertThat(m.points()).isNotEmpty().allSatisfy(p -> assertThat(p.mbPerSec()).isPositive());
    }

    @Test
    void parametersAreCheckedAsTheyAreTypedAndOnlyTheKindsFieldsCount() throws Exception {
        TesterViewModel m = model(tasks);
        assertThat(m.problemProperty().get()).isNull();
        m.countProperty().set("abc");
        assertThat(m.problemProperty().get()).isEqualTo("Count: abc is not a whole number from 1 to 1000000.");
        m.kindProperty().set(TestPlan.Kind.THROUGHPUT);
        assertThat(m.problemProperty().get()).as("a throughput test has no count field").isNull();
        m.sweepProperty().set(true);
        m.sizeProperty().set("nonsense");
        assertThat(((TestPlan.Throughput) m.plan()).sizes()).isEqualTo(TestPlan.SWEEP);
        m.durationProperty().set("0");
        assertThat(m.problemProperty().get()).contains("Duration");
        m.kindProperty().set(TestPlan.Kind.ECHO);
        m.startTest();
        assertThat(m.runs()).isEmpty();
        assertThat(m.errorProperty().get().sentence()).contains("Count");
    }

    @Test
    void aTargetThatDoesNotResolveIsShownAndNothingRuns() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-lnux", "Demo echo");
        runToEnd(m);
        assertThat(m.runningProperty().get()).isFalse();
        assertThat(m.runs()).isEmpty();
        assertThat(m.errorProperty().get().sentence()).contains("demo-lnux").contains("demo-linux");
    }

    @Test
    void aFailedConnectIsARunWithItsCause() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-windows", "Demo echo");
        runToEnd(m);
        assertThat(m.runs()).hasSize(1);
        assertThat(m.errorProperty().get().sentence()).contains("cannot be reached");
        assertThat(m.statusProperty().get()).isEqualTo("The test failed: see the message above.");
    }

    @Test
    void exportWritesJsonOrCsvWhereTheUserChose() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-linux", "Demo echo");
        m.countProperty().set("100");
        runToEnd(m);
        m.kindProperty().set(TestPlan.Kind.CONNECT);
        m.countProperty().set("10");
        runToEnd(m);
        Path csv = tmp.resolve("runs.csv");
        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(csv, q.filters().get(1))));
        m.export(List.of());
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines).hasSize(3);
        assertThat(lines.getFirst()).startsWith("startedAt,target,kind,ok,count");
        Path json = tmp.resolve("runs");
        dialogs.onSave(q -> Optional.of(new DialogService.ChosenFile(json, q.filters().get(0))));
        m.export(List.of(m.runs().getFirst()));
        assertThat(Files.readString(json)).contains("\"runs\"").contains("\"connect\"").doesNotContain("\"echo\"");
        assertThat(m.statusProperty().get()).isEqualTo("Saved 1 run(s) to " + json + ".");
        assertThat(TesterViewModel.formatOf(new DialogService.ChosenFile(tmp.resolve("x.CSV"), null)))
                .isEqualTo(ReportFiles.Format.CSV);
    }

    @Test
    void compareShowsTwoRunsSideBySide() throws Exception {
        TesterViewModel m = model(tasks);
        target(m, "demo-linux", "Demo echo");
        m.countProperty().set("100");
        runToEnd(m);
        m.sizeProperty().set("1K");
        runToEnd(m);
        CompareRuns[] shown = new CompareRuns[1];
        dialogs.onForm(CompareRuns.class, f -> {
            shown[0] = f;
            return true;
        });
        m.compare(m.runs().get(0), m.runs().get(1));
        assertThat(shown[0].rows()).extracting(CompareRuns.Row::figure).contains("p50", "p99.9", "Size", "Mismatches");
        CompareRuns.Row size = shown[0].rows().stream().filter(r -> r.figure().equals("Size")).findFirst().orElseThrow();
        assertThat(size.a()).isEqualTo("1024 B");
        assertThat(size.b()).isEqualTo("64 B");
    }

    @Test
    void thePickersListTheInventoryAndTheRegistrations() throws Exception {
        TesterViewModel m = model(tasks);
        m.start();
        assertThat(m.vmChoices()).extracting(VmChoice::label).contains("demo-linux", "demo-windows", "loopback", "parent");
        assertThat(m.serviceChoices()).extracting(ServiceChoice::shortLabel).contains("Demo echo");
    }
}
