package io.hvx.bench;

import io.hvx.TestBackend;
import io.hvx.core.ServiceChoice;
import io.hvx.core.Settings;
import io.hvx.core.VsockTemplate;
import io.hvx.files.JsonConnectionBook;
import io.hvx.files.JsonSnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.net.ResponderServers;
import io.hvx.ui.common.FxTaskRunner;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.Theme;
import io.hvx.ui.connections.ConnectionSessionViewModel;
import io.hvx.ui.connections.ConnectionsView;
import io.hvx.ui.connections.ConnectionsViewModel;
import io.hvx.ui.connections.ListenView;
import io.hvx.ui.connections.ListenViewModel;
import io.hvx.ui.connections.TerminalContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The window while a Listen tab takes the load of {@link LoadBench} (issue 14 §17): headless
 * (Monocle, software rendering), the Connections section at 1200×780 with a Listen tab on
 * {@code vsock:5000} answering with the echo responder, and N clients (1,000 by default) in a
 * second JVM, each sending M bytes (1 MiB) and checking every byte of its echo. Every accepted
 * connection becomes a row of the tab with its own terminal, as a user would see it.
 *
 * <p>Measured on the FX thread with {@link TerminalBench.FrameProbe}: the time each pulse takes
 * (animation timers, CSS, layout, drawing) while the clients connect and stream, and, as the
 * baseline in the same run, for as long with the same window and an idle listener. Prints
 * {@code BENCH listen.gui.*} lines: pulse p50/p99/max under load and idle, the FX thread's CPU time
 * in the pulses under load (p99/max: the work, without waiting for a core), pulses counted, the
 * connections that came back intact, bytes lost, rows shown.
 *
 * <p>Arguments: {@code [CONNECTIONS [BYTES]]}.
 */
public final class ListenLoadBench {

    private ListenLoadBench() {
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        int bytes = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("prism.text", "t2k");
        CountDownLatch started = new CountDownLatch(1);
        Platform.startup(started::countDown);
        started.await();
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "hvxg");
        TestBackend backend = TestBackend.sandbox(dir);
        backend.services().add(VsockTemplate.guidForPort(5000), "Bench agent");
        FxTaskRunner tasks = new FxTaskRunner();
        TerminalBench.FrameProbe probe = new TerminalBench.FrameProbe();
        ConnectionsView[] view = new ConnectionsView[1];
        ListenView[] tab = new ListenView[1];
        Stage[] stage = new Stage[1];
        TerminalBench.fx(() -> {
            TerminalContext ctx = new TerminalContext(Settings.inMemory(), new TerminalFileStore(ZoneOffset.UTC),
                    JsonSnippetBook.inDataDir(dir), new TestDialogs(), tasks, Clock.systemUTC(), ZoneOffset.UTC);
            ConnectionsViewModel model = new ConnectionsViewModel(backend.vms(), backend.services(), backend.connector(),
                    backend.listenerFactory(), new ResponderServers(), JsonConnectionBook.inDataDir(dir, Clock.systemUTC()),
                    ctx, ConnectionSessionViewModel.BACKOFF);
            model.start();
            Theme.LIGHT.apply();
            view[0] = new ConnectionsView(model);
            Scene scene = new Scene(view[0], 1200, 780);
            scene.getStylesheets().add(Theme.APP_STYLESHEET);
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            probe.start(scene);
            tab[0] = view[0].newListen(ServiceChoice.typed("vsock:5000"));
            tab[0].model().modeProperty().set(ListenViewModel.Mode.ECHO);
            tab[0].model().maxConnectionsProperty().set(String.valueOf(n));
            tab[0].model().start();
            return null;
        });
        ListenViewModel model = tab[0].model();
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (TerminalBench.fx(() -> model.stateProperty().get()) != ListenViewModel.State.LISTENING) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Listen tab did not start: " + TerminalBench.fx(() -> model.errorProperty().get()));
            }
            Thread.sleep(20);
        }
        Path socket = Path.of(TerminalBench.fx(() -> model.addressProperty().get()).replaceFirst("^unix:", ""));
        try {
            // warm-up: a few clients, so class loading and JIT are not counted as load
            LoadBench.Result.parse(LoadBench.runClients(socket, 20, 64 * 1024));
            while (TerminalBench.fx(() -> {
                model.refresh();
                return model.openProperty().get();
            }) > 0) {
                Thread.sleep(20);
            }
            int rowsBefore = TerminalBench.fx(() -> model.sessions().size());
            Thread.sleep(1000);

            List<Double> loaded = new ArrayList<>();
            List<Double> loadedCpu = new ArrayList<>();
            System.gc();
            java.util.concurrent.atomic.AtomicLong heapPeak = new java.util.concurrent.atomic.AtomicLong();
            Thread sampler = Thread.ofPlatform().daemon().start(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    heapPeak.accumulateAndGet(java.lang.management.ManagementFactory.getMemoryMXBean()
                            .getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            probe.record(loaded, new ArrayList<>(), loadedCpu);
            long t0 = System.nanoTime();
            LoadBench.Result r = LoadBench.Result.parse(LoadBench.runClients(socket, n, bytes));
            double seconds = (System.nanoTime() - t0) / 1e9;
            probe.record(null, null, null);
            sampler.interrupt();
            int rows = TerminalBench.fx(() -> {
                model.refresh();
                return model.sessions().size() - rowsBefore;
            });

            // the baseline: the same window and tab, as long, nobody connecting
            List<Double> idle = new ArrayList<>();
            probe.record(idle, new ArrayList<>(), new ArrayList<>());
            Thread.sleep((long) (seconds * 1000));
            probe.record(null, null, null);

            System.err.printf(Locale.ROOT, "# %d pulses under load in %.1f s, %d idle%n", loaded.size(), seconds, idle.size());
            StringBuilder slow = new StringBuilder();
            for (int k = 0; k < loaded.size(); k++) {
                if (loaded.get(k) > 50) {
                    slow.append(String.format(Locale.ROOT, " #%d:%.0f", k, loaded.get(k)));
                }
            }
            System.err.println("# pulses over 50 ms under load (pulse number: ms):" + (slow.isEmpty() ? " none" : slow));
            line("listen.gui.connections", r.ok(), "count");
            line("listen.gui.lost.bytes", r.lost(), "B");
            line("listen.gui.rows", rows, "count");
            line("listen.gui.seconds", seconds, "s");
            line("listen.gui.heap.peak.mb", heapPeak.get() / 1048576.0, "MB");
            line("listen.gui.pulses", loaded.size(), "count");
            line("listen.gui.pulse.p50", TerminalBench.percentile(loaded, 0.5), "ms");
            line("listen.gui.pulse.p99", TerminalBench.percentile(loaded, 0.99), "ms");
            line("listen.gui.pulse.max", TerminalBench.percentile(loaded, 1.0), "ms");
            // the FX thread's own CPU time in those pulses: what it did, without the time it waited for a core
            line("listen.gui.pulse.cpu.p99", TerminalBench.percentile(loadedCpu, 0.99), "ms");
            line("listen.gui.pulse.cpu.max", TerminalBench.percentile(loadedCpu, 1.0), "ms");
            line("listen.gui.pulse.idle.p50", TerminalBench.percentile(idle, 0.5), "ms");
            line("listen.gui.pulse.idle.p99", TerminalBench.percentile(idle, 0.99), "ms");
            line("listen.gui.pulse.idle.max", TerminalBench.percentile(idle, 1.0), "ms");
        } finally {
            TerminalBench.fx(() -> {
                model.stop();
                view[0].dispose();
                stage[0].close();
                return null;
            });
            tasks.close();
            Platform.exit();
        }
        System.exit(0);
    }

    private static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %s %s%n", name,
                value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.2f", value), unit);
    }
}
