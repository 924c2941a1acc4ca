package io.hvx.bench;

import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.Settings;
import io.hvx.core.VmAlias;
import io.hvx.core.session.ConnectionSession;
import io.hvx.core.terminal.Snippet;
import io.hvx.core.terminal.SnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.net.ResponderServer;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import io.hvx.ui.common.FxTaskRunner;
import io.hvx.ui.common.TaskRunner;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.Theme;
import io.hvx.ui.connections.TerminalContext;
import io.hvx.ui.connections.TerminalPane;
import io.hvx.ui.connections.TerminalView;
import io.hvx.ui.connections.TerminalViewModel;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TextArea;
import javafx.stage.Stage;

/**
 * The terminal pane against a flood, headless (Monocle, software rendering), with a plain JavaFX
 * {@code TextArea} as the baseline in the same run. Prints {@code BENCH} lines (medians of the
 * repetitions); run by {@code bench/run}.
 *
 * <ul>
 *   <li>{@code terminal.ingest}: MB/s of 80-character ASCII lines that a local responder writes
 *       over a real AF_UNIX socket (JNA, the session engine) into the terminal: read, decoded,
 *       cut into lines and appended, while the pane draws.</li>
 *   <li>{@code terminal.pulse.p99}, {@code .max}: the FX thread's time per pulse during that
 *       flood, from the first animation timer of the pulse to the first task that runs after it
 *       (CSS, layout, the pane's drawing and the copy to the render thread). {@code
 *       terminal.frame.p99}: the time between pulses (16.7 ms when every frame is made).</li>
 *   <li>{@code terminal.runlater}: tasks the flood handed to the FX thread per second (the
 *       terminal's data path hands none).</li>
 *   <li>{@code terminal.append100k} and {@code terminal.textarea.append100k}: ms from handing
 *       over 100,000 lines of 80 characters (in 64 KiB pieces, as reads deliver them) until a
 *       pulse has shown the last one.</li>
 *   <li>{@code terminal.heap.*}: heap held by a full scrollback (after GC), and its growth over a
 *       flood that is 50× the scrollback.</li>
 * </ul>
 *
 * <p>Arguments: {@code SECONDS REPETITIONS TEXTAREA_LIMIT_SECONDS}.
 */
public final class TerminalBench {

    private static final int LINE = 80;
    private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** The ingest target (issue 9): pulses are judged while a flood comes at this rate. */
    private static final double TARGET_RATE = 100e6;
    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.SOURCE_SERVICE);

    private final Path dir;
    private Stage stage;
    private final FrameProbe probe = new FrameProbe();

    private TerminalBench(Path dir) {
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        double seconds = Double.parseDouble(args[0]);
        int reps = Integer.parseInt(args[1]);
        long textAreaLimit = Long.parseLong(args[2]);
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "hvxt");
        TerminalBench b = new TerminalBench(dir);
        try {
            b.run(seconds, reps, textAreaLimit);
        } finally {
            fx(() -> {
                b.stage.close();
                return null;
            });
            Platform.exit();
        }
    }

    private void run(double seconds, int reps, long textAreaLimit) throws Exception {
        heap(); // first, while the heap holds nothing of the other runs
        fx(() -> {
            Theme.LIGHT.apply();
            stage = new Stage();
            stage.setScene(new Scene(new javafx.scene.layout.StackPane(), 1200, 780));
            stage.getScene().getStylesheets().addAll(Theme.APP_STYLESHEET,
                    TerminalBench.class.getResource("/css/connections.css").toExternalForm());
            stage.show();
            probe.start(stage.getScene());
            return null;
        });
        ingest(3, 0, new ArrayList<>(), new ArrayList<>(), new ArrayList<>()); // warm-up: JIT for the reader and the pane
        List<Double> rates = new ArrayList<>();
        Pulses full = new Pulses();
        Pulses paced = new Pulses();
        Pulses idle = new Pulses();
        List<Double> laters = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            // interleaved, so the machine's load hits all three alike
            double[] out = ingest(seconds, 0, full.begin(), full.gaps, full.cpu);
            rates.add(out[0]);
            laters.add(out[1]);
            full.end("flood at full speed, " + Math.round(out[0]) + " MB/s", out);
            double[] at = ingest(seconds, TARGET_RATE, paced.begin(), paced.gaps, paced.cpu);
            laters.add(at[1]);
            paced.end("flood at " + Math.round(at[0]) + " MB/s (paced)", at);
            double[] none = ingest(seconds, -1, idle.begin(), idle.gaps, idle.cpu);
            idle.end("no traffic (baseline)", none);
        }
        line("terminal.ingest", median(rates), "MB/s");
        line("terminal.pulse.p99", median(paced.p99), "ms");
        line("terminal.pulse.max", median(paced.max), "ms");
        line("terminal.pulse.cpu.p99", median(paced.cpuP99), "ms");
        line("terminal.pulse.cpu.max", median(paced.cpuMax), "ms");
        line("terminal.frame.p99", median(paced.frame), "ms");
        line("terminal.pulse.fullspeed.p99", median(full.p99), "ms");
        line("terminal.pulse.fullspeed.max", median(full.max), "ms");
        line("terminal.pulse.idle.p99", median(idle.p99), "ms");
        line("terminal.pulse.idle.max", median(idle.max), "ms");
        line("terminal.runlater", median(laters), "per_s");

        List<Double> append = new ArrayList<>();
        for (int r = 0; r < reps; r++) {
            append.add(appendTerminal(100_000));
        }
        System.err.printf(Locale.ROOT, "# append100k runs (ms) %s%n", append);
        line("terminal.append100k", median(append), "ms");
        double area = appendTextArea(100_000, textAreaLimit);
        if (area < 0) {
            System.err.printf(Locale.ROOT, "# the TextArea had not shown 100,000 lines after %d s: the figure is that limit%n",
                    textAreaLimit);
            area = textAreaLimit * 1000.0;
        }
        line("terminal.textarea.append100k", area, "ms");
    }

    // ------------------------------------------------------------------ ingest over a real socket

    /** A line of the flood: 79 printable characters and LF. */
    private static byte[] lines(int count, int start) {
        byte[] out = new byte[count * LINE];
        for (int i = 0; i < count; i++) {
            byte[] head = String.format(Locale.ROOT, "line %07d ", start + i).getBytes(StandardCharsets.US_ASCII);
            int at = i * LINE;
            System.arraycopy(head, 0, out, at, head.length);
            for (int k = head.length; k < LINE - 1; k++) {
                out[at + k] = (byte) ('a' + (k % 26));
            }
            out[at + LINE - 1] = '\n';
        }
        return out;
    }

    /**
     * Floods a terminal shown in the window for {@code seconds}; returns {MB/s, FX tasks per second}
     * and fills the pulse durations and the gaps between pulses.
     */
    private double[] ingest(double seconds, double rate, List<Double> pulses, List<Double> gaps, List<Double> cpu)
            throws Exception {
        Path socket = dir.resolve("flood.sock");
        Files.deleteIfExists(socket);
        byte[] block = lines(64 * 1024 / LINE, 0);
        PosixListener listener = PosixListener.bind(new PosixAddress.Unix(socket), EP);
        ResponderServer server = ResponderServer.start(listener, (c, activity) -> {
            ByteBuffer b = ByteBuffer.allocateDirect(block.length);
            b.put(block).flip();
            long t0 = System.nanoTime();
            long written = 0;
            while (true) {
                b.rewind();
                c.writeFully(b);
                written += block.length;
                if (rate > 0) {
                    // paced: never ahead of `rate` bytes per second
                    long due = t0 + (long) (written * 1e9 / rate);
                    long wait = due - System.nanoTime();
                    if (wait > 0) {
                        java.util.concurrent.locks.LockSupport.parkNanos(wait);
                    }
                }
            }
        }, new ResponderServer.Options(1, Duration.ZERO, false));
        if (rate < 0) {
            server.close(); // the baseline: the same window and terminal, nothing arrives
        }
        CountingTasks tasks = new CountingTasks(new FxTaskRunner());
        TerminalViewModel[] model = new TerminalViewModel[1];
        TerminalView[] view = new TerminalView[1];
        List<Double> paneTimes = new ArrayList<>();
        boolean[] measuring = {false};
        AnimationTimer[] after = new AnimationTimer[1];
        fx(() -> {
            model[0] = new TerminalViewModel(context(tasks, Settings.inMemory()));
            view[0] = new TerminalView(model[0], model[0]::pulse);
            show(view[0]);
            // runs after the pane's own timer in each pulse: the pane's share of the pulse
            after[0] = new AnimationTimer() {
                @Override
                public void handle(long now) {
                    if (measuring[0]) {
                        paneTimes.add((System.nanoTime() - probe.start) / 1e6);
                    }
                }
            };
            after[0].start();
            return null;
        });
        if (rate < 0) {
            byte[] some = lines(100, 0);
            model[0].buffer().received(some, 0, some.length);
        }
        ConnectionSession session = rate < 0 ? null : ConnectionSession.connect((ep, t) -> PosixSocket.connect(new PosixAddress.Unix(socket), t),
                EP, Duration.ofSeconds(5), Clock.systemUTC(), new ConnectionSession.Events() {
                    @Override
                    public void received(ConnectionSession s, byte[] data, int length) {
                        model[0].buffer().received(data, 0, length);
                    }
                });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session != null && model[0].buffer().receivedBytes() == 0) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the flood did not start");
            }
            Thread.sleep(10);
        }
        Thread.sleep(300); // measure in the middle of the flood, not its start
        tasks.count.set(0);
        probe.record(pulses, gaps, cpu);
        fx(() -> measuring[0] = true);
        long b0 = model[0].buffer().receivedBytes();
        long t0 = System.nanoTime();
        Thread.sleep((long) (seconds * 1000));
        long b1 = model[0].buffer().receivedBytes();
        long t1 = System.nanoTime();
        probe.record(null, null, null);
        fx(() -> measuring[0] = false);
        long laters = tasks.count.get();
        if (session != null) {
            session.close();
        }
        server.close();
        fx(() -> {
            after[0].stop();
            view[0].dispose();
            return null;
        });
        tasks.inner.close();
        double secs = (t1 - t0) / 1e9;
        return new double[] {(b1 - b0) / secs / 1e6, laters / secs, percentile(paneTimes, 0.5), percentile(paneTimes, 0.99)};
    }

    // ------------------------------------------------------------------ append 100,000 lines

    /** ms from handing over the lines until a pulse has shown the last one. */
    private double appendTerminal(int count) throws Exception {
        Settings settings = Settings.inMemory();
        settings.put(Settings.Key.TERMINAL_SCROLLBACK, Integer.toString(count));
        CountingTasks tasks = new CountingTasks(new FxTaskRunner());
        TerminalViewModel[] model = new TerminalViewModel[1];
        TerminalView[] view = new TerminalView[1];
        fx(() -> {
            model[0] = new TerminalViewModel(context(tasks, settings));
            view[0] = new TerminalView(model[0], model[0]::pulse);
            show(view[0]);
            return null;
        });
        waitFrames(3);
        byte[] all = lines(count, 1);
        String last = String.format(Locale.ROOT, "line %07d ", count);
        TerminalPane pane = view[0].pane();
        CompletableFuture<Long> shown = probe.when(() -> {
            List<String> rows = pane.shownRows();
            return !rows.isEmpty() && rows.getLast().contains(last);
        });
        long t0 = System.nanoTime();
        for (int off = 0; off < all.length; off += 64 * 1024) {
            model[0].buffer().received(all, off, Math.min(64 * 1024, all.length - off));
        }
        long t1 = shown.get(60, TimeUnit.SECONDS);
        fx(() -> {
            view[0].dispose();
            return null;
        });
        tasks.inner.close();
        return (t1 - t0) / 1e6;
    }

    /** The same for a TextArea: one appendText per 64 KiB piece; -1 when not shown within the limit. */
    private double appendTextArea(int count, long limitSeconds) throws Exception {
        TextArea area = fx(() -> {
            TextArea a = new TextArea();
            a.setEditable(false);
            show(a);
            return a;
        });
        waitFrames(3);
        String all = new String(lines(count, 1), StandardCharsets.US_ASCII);
        String last = String.format(Locale.ROOT, "line %07d ", count);
        CompletableFuture<Long> shown = probe.when(() -> area.getLength() == all.length() && area.getScrollTop() > 0);
        long t0 = System.nanoTime();
        for (int off = 0; off < all.length(); off += 64 * 1024) {
            String piece = all.substring(off, Math.min(all.length(), off + 64 * 1024));
            Platform.runLater(() -> {
                area.appendText(piece);
                area.setScrollTop(Double.MAX_VALUE);
            });
        }
        double result;
        try {
            long t1 = shown.get(limitSeconds, TimeUnit.SECONDS);
            result = (t1 - t0) / 1e6;
            if (!area.getText().contains(last)) {
                throw new IllegalStateException("the TextArea lost lines");
            }
        } catch (java.util.concurrent.TimeoutException e) {
            result = -1;
        }
        fx(() -> {
            area.clear();
            return null;
        });
        return result;
    }

    // ------------------------------------------------------------------ heap

    private void heap() throws Exception {
        Settings settings = Settings.inMemory();
        CountingTasks tasks = new CountingTasks(new FxTaskRunner());
        TerminalViewModel t = new TerminalViewModel(context(tasks, settings));
        long before = usedAfterGc();
        byte[] block = lines(64 * 1024 / LINE, 0);
        long fed = 0;
        long full = 0;
        for (int i = 0; fed < 50L * 10_000 * LINE; i++) {
            t.buffer().received(block, 0, block.length);
            fed += block.length;
            if (full == 0 && t.buffer().dropped() > 0) {
                full = usedAfterGc();
            }
        }
        long after = usedAfterGc();
        line("terminal.heap.10k", (full - before) / 1e6, "MB");
        line("terminal.heap.growth", (after - full) / 1e6, "MB");
        System.err.printf(Locale.ROOT, "# heap: %.1f MB before, %.1f MB with 10,000 lines, %.1f MB after %d MB more%n",
                before / 1e6, full / 1e6, after / 1e6, fed / 1_000_000);

        settings.put(Settings.Key.TERMINAL_SCROLLBACK, "100000");
        TerminalViewModel big = new TerminalViewModel(context(tasks, settings));
        long b0 = usedAfterGc();
        byte[] wide = new byte[100_000 * 121];
        for (int i = 0; i < 100_000; i++) {
            Arrays.fill(wide, i * 121, i * 121 + 120, (byte) ('a' + i % 26));
            wide[i * 121 + 120] = '\n';
        }
        for (int off = 0; off < wide.length; off += 64 * 1024) {
            big.buffer().received(wide, off, Math.min(64 * 1024, wide.length - off));
        }
        wide = null;
        long b1 = usedAfterGc();
        line("terminal.heap.100k120", (b1 - b0) / 1e6, "MB");
        if (big.buffer().lineCount() != 100_000 || t.buffer().lineCount() != 10_000) {
            throw new IllegalStateException("the scrollbacks are not full");
        }
        tasks.inner.close();
    }

    private static long usedAfterGc() throws InterruptedException {
        var mem = ManagementFactory.getMemoryMXBean();
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return mem.getHeapMemoryUsage().getUsed();
    }

    // ------------------------------------------------------------------ plumbing

    private TerminalContext context(TaskRunner tasks, Settings settings) {
        SnippetBook none = new SnippetBook() {
            @Override
            public List<Snippet> list(io.hvx.core.Guid service) {
                return List.of();
            }

            @Override
            public void save(io.hvx.core.Guid service, List<Snippet> snippets) {
                throw new UnsupportedOperationException("the benchmark saves no snippets");
            }
        };
        return new TerminalContext(settings, new TerminalFileStore(ZoneOffset.UTC), none, new TestDialogs(), tasks,
                Clock.systemUTC(), ZoneOffset.UTC);
    }

    private void show(Parent content) {
        stage.getScene().setRoot(content);
    }

    private void waitFrames(int n) throws Exception {
        CountDownLatch l = new CountDownLatch(n);
        probe.onFrame = l::countDown;
        l.await(10, TimeUnit.SECONDS);
        probe.onFrame = null;
    }

    static <T> T fx(Callable<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(60, TimeUnit.SECONDS);
    }

    /**
     * Times pulses on the FX thread: an animation timer started before any terminal's (so it runs
     * first in a pulse) marks the start; after the scene's layout, a task posted to the FX thread
     * runs once the rest of the pulse (the copy to the render thread) is done, and marks the end.
     */
    static final class FrameProbe {
        private volatile List<Double> pulses;
        private volatile List<Double> gaps;
        private volatile List<Double> cpu;
        private volatile Runnable onFrame;
        private volatile Check check;
        private volatile long start;
        private volatile long startCpu;
        private long last;

        private record Check(java.util.function.BooleanSupplier condition, CompletableFuture<Long> done) {
        }

        void start(Scene scene) {
            new AnimationTimer() {
                @Override
                public void handle(long now) {
                    long t = System.nanoTime();
                    List<Double> g = gaps;
                    if (g != null && last != 0) {
                        g.add((t - last) / 1e6);
                    }
                    last = t;
                    start = t;
                    startCpu = THREADS.getCurrentThreadCpuTime();
                }
            }.start();
            scene.addPostLayoutPulseListener(() -> {
                long s = start;
                long sc = startCpu;
                Platform.runLater(() -> {
                    long end = System.nanoTime();
                    List<Double> cpuTimes = cpu;
                    if (cpuTimes != null && s != 0) {
                        cpuTimes.add((THREADS.getCurrentThreadCpuTime() - sc) / 1e6);
                    }
                    List<Double> p = pulses;
                    if (p != null && s != 0) {
                        p.add((end - s) / 1e6);
                    }
                    Runnable f = onFrame;
                    if (f != null) {
                        f.run();
                    }
                    Check c = check;
                    if (c != null && c.condition().getAsBoolean()) {
                        check = null;
                        c.done().complete(end);
                    }
                });
            });
        }

        /** Starts (lists given) or stops (nulls) recording: wall time, gaps, and the FX thread's CPU time per pulse. */
        void record(List<Double> pulses, List<Double> gaps, List<Double> cpu) {
            this.gaps = gaps;
            this.pulses = pulses;
            this.cpu = cpu;
            last = 0;
        }

        /** Completes with the time of the end of the first pulse after which {@code condition} holds (FX thread). */
        CompletableFuture<Long> when(java.util.function.BooleanSupplier condition) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            check = new Check(condition, f);
            return f;
        }
    }

    /** The FX task runner, counting what is handed to the FX thread. */
    private static final class CountingTasks implements TaskRunner {
        final FxTaskRunner inner;
        final AtomicLong count = new AtomicLong();

        CountingTasks(FxTaskRunner inner) {
            this.inner = inner;
        }

        @Override
        public <T> void run(Callable<T> work, Consumer<? super T> onSuccess, Consumer<? super Throwable> onFailure) {
            count.incrementAndGet();
            inner.run(work, onSuccess, onFailure);
        }

        @Override
        public void later(Runnable action) {
            count.incrementAndGet();
            inner.later(action);
        }
    }

    /** Pulse figures of one kind of run, over the repetitions. */
    private static final class Pulses {
        final List<Double> p99 = new ArrayList<>();
        final List<Double> max = new ArrayList<>();
        final List<Double> frame = new ArrayList<>();
        final List<Double> cpuP99 = new ArrayList<>();
        final List<Double> cpuMax = new ArrayList<>();
        List<Double> pulses;
        List<Double> gaps;
        List<Double> cpu;

        List<Double> begin() {
            pulses = new ArrayList<>();
            gaps = new ArrayList<>();
            cpu = new ArrayList<>();
            return pulses;
        }

        void end(String what, double[] out) {
            p99.add(percentile(pulses, 0.99));
            max.add(percentile(pulses, 1.0));
            frame.add(percentile(gaps, 0.99));
            cpuP99.add(percentile(cpu, 0.99));
            cpuMax.add(percentile(cpu, 1.0));
            System.err.printf(Locale.ROOT, "# %s: %d pulses, pulse p50 %.2f p99 %.2f max %.2f ms, FX CPU per pulse p50 %.2f"
                            + " p99 %.2f max %.2f ms, frame p99 %.1f ms; the pane's part p50 %.2f p99 %.2f ms;"
                            + " %.1f FX tasks/s%n", what, pulses.size(), percentile(pulses, 0.5), percentile(pulses, 0.99),
                    percentile(pulses, 1.0), percentile(cpu, 0.5), percentile(cpu, 0.99), percentile(cpu, 1.0),
                    percentile(gaps, 0.99), out[2], out[3], out[1]);
        }
    }

    static double percentile(List<Double> values, double p) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return v[(int) Math.min(v.length - 1, Math.ceil(p * v.length) - 1)];
    }

    private static double median(List<Double> values) {
        return percentile(values, 0.5);
    }

    private static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %.2f %s%n", name, value, unit);
    }
}
