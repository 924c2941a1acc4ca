package io.hvx.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the packaged app against baselines packaged the same way, whole processes,
 * repetitions interleaved so background load hits every contender alike; prints medians as
 * {@code BENCH <name> <value> <unit>}. Run by {@code bench/run} (under a display: xvfb-run).
 *
 * <ul>
 * <li>{@code startup.hvx.ms}: from launching {@code bin/hvsocket-explorer --smoke-test} to its
 *     "first frame drawn" line; {@code startup.hello.ms} the same for a minimal JavaFX app image
 *     ({@code bench/hello/Hello.java}); {@code ratio.startup.gui}.
 * <li>{@code idle.heap.mb}: the app's heap in use after the start, a settling pause and a full GC
 *     (reported by --smoke-test); {@code idle.heap.committed.mb} what the heap holds from the OS.
 * <li>{@code startup.cli.ms}: {@code bin/hvx guid vsock:5000} from launch to exit;
 *     {@code startup.javahello.ms} hello world run by the same runtime's {@code java};
 *     {@code ratio.startup.cli}.
 * </ul>
 *
 * <p>Arguments: {@code APP_IMAGE HELLO_IMAGE HELLO_JAR REPETITIONS WORK_DIR}.
 */
public final class StartupBench {

    private static final Pattern FIRST_FRAME = Pattern.compile("^smoke-test first-frame ");
    private static final Pattern HEAP = Pattern.compile("heap-used-mb=([0-9.]+) heap-committed-mb=([0-9.]+)");
    private static final long LIMIT_S = 180;

    private final Path work;

    private StartupBench(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path app = Path.of(args[0]);
        Path hello = Path.of(args[1]);
        Path helloJar = Path.of(args[2]);
        int reps = Integer.parseInt(args[3]);
        StartupBench b = new StartupBench(Path.of(args[4]));

        List<String> gui = List.of(app.resolve("bin/hvsocket-explorer").toString(), "--smoke-test");
        List<String> helloGui = List.of(hello.resolve("bin/hello").toString());
        List<String> cli = List.of(app.resolve("bin/hvx").toString(), "guid", "vsock:5000");
        List<String> javaHello = List.of(app.resolve("lib/runtime/bin/java").toString(),
                "-cp", helloJar.toString(), "JavaHello");

        // one unmeasured round: seeds the sandbox, fills the page cache
        b.untilFirstFrame(gui, null);
        b.untilFirstFrame(helloGui, null);
        b.untilExit(cli);
        b.untilExit(javaHello);

        List<Double> tGui = new ArrayList<>();
        List<Double> tHello = new ArrayList<>();
        List<Double> tCli = new ArrayList<>();
        List<Double> tJava = new ArrayList<>();
        List<Double> used = new ArrayList<>();
        List<Double> committed = new ArrayList<>();
        for (int i = 0; i < reps; i++) {
            double[] heap = new double[2];
            tGui.add(b.untilFirstFrame(gui, heap));
            used.add(heap[0]);
            committed.add(heap[1]);
            tHello.add(b.untilFirstFrame(helloGui, null));
            tCli.add(b.untilExit(cli));
            tJava.add(b.untilExit(javaHello));
        }
        System.err.printf(Locale.ROOT, "# startup runs (ms) hvx=%s hello=%s cli=%s javahello=%s%n",
                ms(tGui), ms(tHello), ms(tCli), ms(tJava));
        double g = TransportBench.median(tGui);
        double h = TransportBench.median(tHello);
        double c = TransportBench.median(tCli);
        double j = TransportBench.median(tJava);
        line("startup.hvx.ms", g, "ms");
        line("startup.hello.ms", h, "ms");
        line("ratio.startup.gui", g / h, "x");
        line("idle.heap.mb", TransportBench.median(used), "MB");
        line("idle.heap.committed.mb", TransportBench.median(committed), "MB");
        line("startup.cli.ms", c, "ms");
        line("startup.javahello.ms", j, "ms");
        line("ratio.startup.cli", c / j, "x");
    }

    /**
     * Milliseconds from launching {@code command} to its first-frame line; then waits for its
     * exit and, when {@code heap} is given, reads the heap line into it (used, committed MB).
     */
    private double untilFirstFrame(List<String> command, double[] heap) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = start(command, ProcessBuilder.Redirect.PIPE);
        double ms = -1;
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                if (ms < 0 && FIRST_FRAME.matcher(line).find()) {
                    ms = (System.nanoTime() - t0) / 1e6;
                }
                lines.add(line);
                Matcher m = HEAP.matcher(line);
                if (heap != null && m.find()) {
                    heap[0] = Double.parseDouble(m.group(1));
                    heap[1] = Double.parseDouble(m.group(2));
                }
            }
        }
        finish(p, command);
        if (ms < 0 || (heap != null && heap[1] == 0)) {
            throw new IllegalStateException(command.getFirst() + " printed no first-frame (or heap) line: " + lines);
        }
        return ms;
    }

    /** Milliseconds from launching {@code command} to its exit (output discarded). */
    private double untilExit(List<String> command) throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = start(command, ProcessBuilder.Redirect.DISCARD);
        finish(p, command);
        return (System.nanoTime() - t0) / 1e6;
    }

    private Process start(List<String> command, ProcessBuilder.Redirect out) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out)
                .redirectError(work.resolve("stderr.log").toFile());
        Map<String, String> env = pb.environment();
        env.put("HVX_SANDBOX_DIR", work.resolve("sb").toString());
        env.put("HVX_DATA_DIR", work.resolve("data").toString());
        return pb.start();
    }

    private static void finish(Process p, List<String> command) throws InterruptedException {
        if (!p.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(command.getFirst() + " did not end within " + LIMIT_S + " s");
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + p.exitValue());
        }
    }

    private static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %.3f %s%n", name, value, unit);
    }

    private static String ms(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x)).toList().toString();
    }
}
