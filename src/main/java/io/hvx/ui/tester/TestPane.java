package io.hvx.ui.tester;

import atlantafx.base.theme.Styles;
import io.hvx.core.Messages;
import io.hvx.core.tester.Direction;
import io.hvx.core.tester.Histogram;
import io.hvx.core.tester.LatencyStats;
import io.hvx.core.tester.TestPlan;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import io.hvx.ui.common.ErrorBanner;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.chart.BarChart;
import javafx.scene.chart.CategoryAxis;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.kordamp.ikonli.feather.Feather;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * The Test tab: the kind of test and its parameters on the left, Start and Stop with the
 * progress; the live figures in the middle (percentile tiles and the round-trip or connect-time
 * histogram, or the rate over time); the recent runs below, with Compare and Export. Charts are
 * updated when the view model's lists change, which the engine does at most ten times a second.
 */
final class TestPane extends BorderPane {

    private final TesterViewModel m;
    private final BarChart<String, Number> histogram;
    private final LineChart<Number, Number> rate;
    private final Map<Integer, XYChart.Series<Number, Number>> rateSeries = new HashMap<>();
    private final TableView<TestResult> runs = new TableView<>(); 

    TestPane(TesterViewModel m) {
        this.m = m;
        getStyleClass().add("tester-test");
        setLeft(parameters());

        CategoryAxis bins = new CategoryAxis();
        bins.setLabel(Messages.get("tester.chart.microseconds"));
        NumberAxis counts = new NumberAxis();
        counts.setLabel(Messages.get("tester.chart.count"));
        counts.setMinorTickVisible(false);
        histogram = new BarChart<>(bins, counts);
        histogram.setId("tester-histogram");
        histogram.setAnimated(false);
        histogram.setLegendVisible(false);
        histogram.setCategoryGap(1);
        histogram.setBarGap(0);
        histogram.getStyleClass().add("tester-chart");

        histogram.titleProperty().bind(Bindings.createStringBinding(() -> Messages.get(
                m.shownKindProperty().get() == TestPlan.Kind.CONNECT ? "tester.chart.connectTimes" : "tester.chart.roundTrips"),
                m.shownKindProperty()));
        m.bins().addListener((ListChangeListener<Histogram.Bin>) c -> showBins(histogram, m.bins(), m.binsHaveTail()));

        NumberAxis seconds = new NumberAxis();
        seconds.setLabel(Messages.get("tester.chart.seconds"));
        seconds.setForceZeroInRange(true);
        NumberAxis mbps = new NumberAxis();
        mbps.setLabel("MB/s");
        rate = new LineChart<>(seconds, mbps);
        rate.setId("tester-rate");
        rate.setAnimated(false);
        rate.setCreateSymbols(false);
        rate.setTitle(Messages.get("tester.chart.rate"));
        rate.getStyleClass().add("tester-chart");
        m.points().addListener((ListChangeListener<TestResult.Point>) c -> showPoints(c));

        BooleanBinding isRate = m.shownKindProperty().isEqualTo(TestPlan.Kind.THROUGHPUT);
        histogram.visibleProperty().bind(isRate.not());
        rate.visibleProperty().bind(isRate);
        StackPane charts = new StackPane(histogram, rate);
        VBox.setVgrow(charts, Priority.ALWAYS);

        ErrorBanner banner = new ErrorBanner();
        banner.setId("tester-error");
        banner.bind(m.errorProperty());
        Label failures = new Label();
        failures.setId("tester-failures");
        failures.getStyleClass().add("tester-failures");
        failures.setWrapText(true);
        failures.textProperty().bind(Bindings.createStringBinding(() -> m.failures().isEmpty() ? ""
                : Messages.get("tester.ui.failures") + " " + String.join("; ", m.failures().stream()
                        .map(e -> e.getValue() + " \u00d7 " + e.getKey()).toList()), m.failures()));
        failures.visibleProperty().bind(Bindings.isNotEmpty(m.failures()));
        failures.managedProperty().bind(failures.visibleProperty());
        VBox figures = new VBox(banner, tiles(), failures, charts);
        figures.getStyleClass().add("tester-figures");
        setCenter(figures);
        setBottom(runsCard());
    }

    // ---- parameters ----

    private Node parameters() {
        ToggleGroup kinds = new ToggleGroup();
        HBox kindBar = new HBox();
        kindBar.getStyleClass().add("tester-kinds");
        String[] pills = {Styles.LEFT_PILL, Styles.CENTER_PILL, Styles.RIGHT_PILL};
        TestPlan.Kind[] all = TestPlan.Kind.values();
        for (int i = 0; i < all.length; i++) {
            TestPlan.Kind k = all[i];
            ToggleButton b = new ToggleButton(k.label());
            b.setId("tester-kind-" + k.id());
            Tooltip about = new Tooltip(Messages.get(switch (k) {
                case CONNECT -> "tester.ui.about.connect";
                case ECHO -> "tester.ui.about.echo";
                case THROUGHPUT -> "tester.ui.about.throughput";
            }));
            about.setWrapText(true);
            about.getStyleClass().add("tester-about");
            b.setTooltip(about);
            b.setUserData(k);
            b.getStyleClass().add(pills[i]);
            b.setToggleGroup(kinds);
            b.setSelected(m.kindProperty().get() == k);
            b.setMaxWidth(Double.MAX_VALUE);
            HBox.setHgrow(b, Priority.ALWAYS);
            kindBar.getChildren().add(b);
        }
        kinds.selectedToggleProperty().addListener((o, was, now) -> {
            if (now == null) {
                kinds.selectToggle(was); // one kind is always chosen
            } else {
                m.kindProperty().set((TestPlan.Kind) now.getUserData());
            }
        });
        kindBar.disableProperty().bind(m.runningProperty());

        BooleanBinding connect = m.kindProperty().isEqualTo(TestPlan.Kind.CONNECT);
        BooleanBinding throughput = m.kindProperty().isEqualTo(TestPlan.Kind.THROUGHPUT);
        GridPane grid = new GridPane();
        grid.getStyleClass().add("tester-fields");
        TextField count = field("tester-count", m.countProperty(), Bindings.createStringBinding(() -> switch (m.kindProperty().get()) {
            case CONNECT -> Integer.toString(TestPlan.Connect.DEFAULT_COUNT);
            default -> Integer.toString(TestPlan.Echo.DEFAULT_COUNT);
        }, m.kindProperty()));
        TextField parallel = field("tester-parallel", m.parallelProperty(), Bindings.createStringBinding(() -> "1"));
        TextField size = field("tester-size", m.sizeProperty(), Bindings.createStringBinding(() ->
                m.kindProperty().get() == TestPlan.Kind.THROUGHPUT ? "64K" : "64", m.kindProperty()));
        size.setTooltip(new Tooltip(Messages.get("tester.ui.size.tooltip")));
        TextField duration = field("tester-duration", m.durationProperty(), Bindings.createStringBinding(() -> "5"));
        ComboBox<Direction> direction = new ComboBox<>();
        direction.setId("tester-direction");
        direction.getItems().setAll(Direction.values());
        direction.valueProperty().bindBidirectional(m.directionProperty());
        direction.setConverter(new StringConverter<>() {
            @Override
            public String toString(Direction d) {
                return d == null ? "" : d.label();
            }

            @Override
            public Direction fromString(String s) {
                return null; // not editable: never asked
            }
        });
        direction.setTooltip(new Tooltip(Messages.get("tester.ui.direction.tooltip")));
        direction.setMaxWidth(Double.MAX_VALUE);
        CheckBox sweep = new CheckBox(Messages.get("tester.ui.sweep"));
        sweep.setId("tester-sweep");
        sweep.selectedProperty().bindBidirectional(m.sweepProperty());
        size.disableProperty().bind(throughput.and(m.sweepProperty()));

        int row = 0;
        row = addRow(grid, row, Messages.key("tester.field.count"), count, throughput.not());
        row = addRow(grid, row, Messages.key("tester.field.parallel"), parallel, throughput.not());
        row = addRow(grid, row, Messages.key("tester.ui.sizeBytes"), size, connect.not());
        row = addRow(grid, row, Messages.key("tester.ui.durationSeconds"), duration, throughput);
        row = addRow(grid, row, Messages.key("tester.field.direction"), direction, throughput);
        grid.add(sweep, 0, row, 2, 1);
        sweep.visibleProperty().bind(throughput);
        sweep.managedProperty().bind(throughput);
        grid.disableProperty().bind(m.runningProperty());

        Label problem = new Label();
        problem.setId("tester-problem");
        problem.getStyleClass().add("tester-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE);
        problem.textProperty().bind(m.problemProperty());
        problem.visibleProperty().bind(m.problemProperty().isNotNull());
        problem.managedProperty().bind(problem.visibleProperty());

        Button start = new Button(Messages.get("tester.ui.start"), new FontIcon(Feather.PLAY));
        start.setId("tester-start");
        start.getStyleClass().add(Styles.ACCENT);
        start.setDefaultButton(false);
        start.disableProperty().bind(m.runningProperty().or(m.problemProperty().isNotNull()));
        start.setOnAction(e -> m.startTest());
        start.setMaxWidth(Double.MAX_VALUE);
        Button stop = new Button(Messages.get("tester.ui.stop"), new FontIcon(Feather.SQUARE));
        stop.setId("tester-stop");
        stop.disableProperty().bind(m.runningProperty().not());
        stop.setOnAction(e -> m.stopTest());
        stop.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(start, Priority.ALWAYS);
        HBox.setHgrow(stop, Priority.ALWAYS);
        HBox buttons = new HBox(start, stop);
        buttons.getStyleClass().add("tester-buttons");

        ProgressBar progress = new ProgressBar();
        progress.setId("tester-progress");
        progress.progressProperty().bind(m.fractionProperty());
        progress.setMaxWidth(Double.MAX_VALUE);
        Label status = new Label();
        status.setId("tester-status");
        status.getStyleClass().addAll("tester-status", Styles.TEXT_MUTED);
        status.setWrapText(true);
        status.setMinHeight(Region.USE_PREF_SIZE);
        status.textProperty().bind(m.statusProperty());

        Label heading = new Label(Messages.get("tester.ui.kind"));
        heading.getStyleClass().add(Styles.TEXT_BOLD);
        VBox card = new VBox(heading, kindBar, grid, problem, buttons, progress, status);
        card.getStyleClass().addAll("card", "tester-parameters");
        return card;
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value,
                                   javafx.beans.value.ObservableValue<String> prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.textProperty().bindBidirectional(value);
        f.promptTextProperty().bind(prompt);
        return f;
    }

    private static int addRow(GridPane grid, int row, String labelKey, Node field, BooleanBinding shown) {
        Label l = new Label(Messages.get(labelKey));
        l.setMinWidth(Region.USE_PREF_SIZE);
        grid.addRow(row, l, field);
        GridPane.setHgrow(field, Priority.ALWAYS);
        for (Node n : List.of(l, field)) {
            n.visibleProperty().bind(shown);
            n.managedProperty().bind(shown);
        }
        return row + 1;
    }

    // ---- figures ----

    private Node tiles() {
        HBox latency = new HBox(
                tile("tester-p50", "p50", s -> s.p50Us()), tile("tester-p90", "p90", s -> s.p90Us()),
                tile("tester-p99", "p99", s -> s.p99Us()), tile("tester-p999", "p99.9", s -> s.p999Us()),
                tile("tester-max", Messages.get("tester.figure.max"), s -> s.maxUs()),
                tile("tester-jitter", Messages.get("tester.figure.jitter"), s -> s.jitterUs()));
        latency.setId("tester-percentiles");
        latency.getStyleClass().add("tester-tiles");
        BooleanBinding isRate = m.shownKindProperty().isEqualTo(TestPlan.Kind.THROUGHPUT);
        latency.visibleProperty().bind(isRate.not());
        latency.managedProperty().bind(isRate.not());

        Label now = tileValue("tester-rate-now");
        now.textProperty().bind(Bindings.createStringBinding(() -> m.points().isEmpty() ? "\u2013"
                : TestReports.mb(m.points().getLast().mbPerSec()), m.points()));
        Label msgs = tileValue("tester-rate-msgs");
        msgs.textProperty().bind(Bindings.createStringBinding(() -> m.points().isEmpty() ? "\u2013"
                : String.format(java.util.Locale.ROOT, "%,.0f", m.points().getLast().msgsPerSec()), m.points()));
        Label peak = tileValue("tester-rate-peak");
        peak.textProperty().bind(Bindings.createStringBinding(() -> m.points().isEmpty() ? "\u2013"
                : TestReports.mb(m.points().stream().mapToDouble(TestResult.Point::mbPerSec).max().orElse(0)), m.points()));
        HBox throughput = new HBox(tileBox(now, Messages.get("tester.figure.mbpsNow")),
                tileBox(peak, Messages.get("tester.figure.mbpsPeak")), tileBox(msgs, Messages.get("tester.figure.msgsNow")));
        throughput.getStyleClass().add("tester-tiles");
        throughput.visibleProperty().bind(isRate);
        throughput.managedProperty().bind(isRate);
        return new StackPane(latency, throughput);
    }

    private Node tile(String id, String caption, java.util.function.ToDoubleFunction<LatencyStats> value) {
        Label v = tileValue(id);
        v.textProperty().bind(Bindings.createStringBinding(() -> {
            LatencyStats s = m.statsProperty().get();
            return s.count() == 0 ? "\u2013" : TestReports.us(value.applyAsDouble(s));
        }, m.statsProperty()));
        return tileBox(v, caption + " (\u00b5s)");
    }

    private static Label tileValue(String id) {
        Label v = new Label("\u2013");
        v.setId(id);
        v.getStyleClass().add("tester-tile-value");
        return v;
    }

    private static VBox tileBox(Label value, String caption) {
        Label c = new Label(caption);
        c.getStyleClass().addAll("tester-tile-caption", Styles.TEXT_MUTED);
        VBox box = new VBox(value, c);
        box.getStyleClass().add("tester-tile");
        HBox.setHgrow(box, Priority.ALWAYS);
        box.setMaxWidth(Double.MAX_VALUE);
        return box;
    }

    /**
     * Puts the bins into the bar chart: the values in place while the bars stay the same, else a
     * new series (a CategoryAxis keeps its old categories when a series' data is replaced).
     */
    private static void showBins(BarChart<String, Number> chart, List<Histogram.Bin> bins, boolean tail) {
        List<String> labels = new java.util.ArrayList<>(bins.stream().map(b -> number(b.fromUs())).toList());
        if (tail && !labels.isEmpty()) {
            labels.set(labels.size() - 1, "\u2265" + labels.getLast());
        }
        if (chart.getData().size() == 1) {
            var data = chart.getData().getFirst().getData();
            boolean same = data.size() == labels.size();
            for (int i = 0; same && i < labels.size(); i++) {
                same = data.get(i).getXValue().equals(labels.get(i));
            }
            if (same) {
                for (int i = 0; i < labels.size(); i++) {
                    data.get(i).setYValue(bins.get(i).count());
                }
                return;
            }
        }
        XYChart.Series<String, Number> series = new XYChart.Series<>();
        for (int i = 0; i < labels.size(); i++) {
            series.getData().add(new XYChart.Data<>(labels.get(i), bins.get(i).count()));
        }
        chart.getData().clear();
        ((CategoryAxis) chart.getXAxis()).getCategories().setAll(labels);
        chart.getData().add(series);
    }

    /** A bar's start for an axis: {@code 12}, {@code 12.5}, {@code 1,200}. */
    static String number(double us) {
        return us == Math.rint(us) ? String.format(java.util.Locale.ROOT, "%,.0f", us)
                : String.format(java.util.Locale.ROOT, "%,.1f", us);
    }

    /** Appends the new points to the series of their message size (one line per size of a sweep). */
    private void showPoints(ListChangeListener.Change<? extends TestResult.Point> c) {
        boolean reset = false;
        while (c.next()) {
            if (c.wasRemoved()) {
                reset = true;
            }
        }
        if (reset) {
            rate.getData().clear();
            rateSeries.clear();
            for (TestResult.Point p : m.points()) {
                add(p);
            }
            return;
        }
        c.reset();
        while (c.next()) {
            for (TestResult.Point p : c.getAddedSubList()) {
                add(p);
            }
        }
    }

    private void add(TestResult.Point p) {
        XYChart.Series<Number, Number> s = rateSeries.computeIfAbsent(p.size(), size -> {
            XYChart.Series<Number, Number> n = new XYChart.Series<>();
            n.setName(TestReports.bytes(size));
            rate.getData().add(n);
            return n;
        });
        s.getData().add(new XYChart.Data<>(p.seconds(), p.mbPerSec()));
    }

    // ---- runs ----

    private Node runsCard() {
        runs.setId("tester-runs");
        runs.setItems(m.runs());
        runs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        runs.setPlaceholder(new Label(Messages.get("tester.ui.noRuns")));
        // the result, the longest text, comes last and takes the room the others leave
        runs.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        runs.getColumns().add(column(Messages.key("tester.col.started"), r -> CompareRuns.TIME.format(r.run().startedAt()), 76));
        runs.getColumns().add(column(Messages.key("tester.col.kind"), r -> r.plan().kind().label(), 92));
        runs.getColumns().add(column(Messages.key("tester.col.target"), r -> r.run().target().describe(), 186));
        runs.getColumns().add(column(Messages.key("tester.col.outcome"), CompareRuns::outcome, 106));
        runs.getColumns().add(column(Messages.key("tester.col.result"), TestReports::summary, 470));
        runs.getStyleClass().add("tester-runs");

        Label title = new Label(Messages.get("tester.ui.runs"));
        title.getStyleClass().add(Styles.TEXT_BOLD);
        Button compare = new Button(Messages.get("tester.ui.compare"), new FontIcon(Feather.COLUMNS));
        compare.setId("tester-compare");
        compare.disableProperty().bind(Bindings.size(runs.getSelectionModel().getSelectedItems()).isNotEqualTo(2));
        compare.setOnAction(e -> {
            var sel = runs.getSelectionModel().getSelectedItems();
            m.compare(sel.get(0), sel.get(1));
        });
        compare.setTooltip(new Tooltip(Messages.get("tester.ui.compare.tooltip")));
        Button export = new Button(Messages.get("tester.ui.export"), new FontIcon(Feather.DOWNLOAD));
        export.setId("tester-export");
        export.disableProperty().bind(Bindings.isEmpty(m.runs()));
        export.setOnAction(e -> m.export(List.copyOf(runs.getSelectionModel().getSelectedItems())));
        export.setTooltip(new Tooltip(Messages.get("tester.ui.export.tooltip")));
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        HBox bar = new HBox(title, grow, compare, export);
        bar.getStyleClass().add("tester-runs-bar");
        bar.setAlignment(Pos.CENTER_LEFT);
        VBox box = new VBox(bar, runs);
        box.getStyleClass().add("tester-runs-box");
        return box;
    }

    private static TableColumn<TestResult, String> column(String key, java.util.function.Function<TestResult, String> value,
                                                          double width) {
        TableColumn<TestResult, String> c = new TableColumn<>(Messages.get(key));
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setPrefWidth(width);
        return c;
    }

    /** The runs table (for tests). */
    TableView<TestResult> runsTable() {
        return runs;
    }
}
