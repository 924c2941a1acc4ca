package io.hvx.bench;

import io.hvx.core.HvEndpoint;
import io.hvx.core.SandboxSeed;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.net.posix.PosixAddress;
import io.hvx.net.posix.PosixListener;
import io.hvx.net.posix.PosixSocket;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Measures our JNA socket against java.nio and the C peer over AF_UNIX on this machine and
 * prints {@code BENCH <name> <value> <unit>} lines (medians of several repetitions, run
 * interleaved so background load hits every contender alike). Run by {@code bench/run}.
 *
 * <p>Throughput: one writer sends fixed-size chunks from a direct buffer to a sink for the given
 * time, then half-closes; the figure is bytes delivered divided by the time until the sink saw
 * EOF. Round trip: a client sends 64 bytes to an echo server and waits for all 64 to return.
 *
 * <p>Arguments: {@code HVECHO_PATH SECONDS REPETITIONS RTT_COUNT}.
 */
public final class TransportBench {

    private static final HvEndpoint EP = new HvEndpoint(VmAlias.WILDCARD.guid(), SandboxSeed.SINK_SERVICE);

    private final Path hvecho;
    private final double seconds;
    private final Path dir;

    private TransportBench(Path hvecho, double seconds, Path dir) {
        this.hvecho = hvecho;
        this.seconds = seconds;
        this.dir = dir;
    }

    public static void main(String[] args) throws Exception {
        Path hvecho = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int reps = Integer.parseInt(args[2]);
        int rttCount = Integer.parseInt(args[3]);
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "hvxb");
        TransportBench b = new TransportBench(hvecho, seconds, dir);
        try {
            // warm-up: JIT for both Java paths
            b.streamJna(64 * 1024, 0.5);
            b.streamNio(64 * 1024, 0.5);
            b.rttJna(2000);
            b.rttNio(2000);
            for (int chunk : new int[] {64 * 1024, 4 * 1024}) {
                List<Double> jna = new ArrayList<>();
                List<Double> nio = new ArrayList<>();
                List<Double> c = new ArrayList<>();
                for (int r = 0; r < reps; r++) {
                    jna.add(b.streamJna(chunk, seconds));
                    nio.add(b.streamNio(chunk, seconds));
                    c.add(b.streamC(chunk));
                }
                String k = chunk == 65536 ? "64k" : "4k";
                double mj = median(jna);
                double mn = median(nio);
                double mc = median(c);
                System.err.printf(Locale.ROOT, "# stream %s runs (MB/s) jna=%s nio=%s c=%s%n", k, mb(jna), mb(nio), mb(c));
                line("stream.jna." + k, mj / 1e6, "MB/s");
                line("stream.nio." + k, mn / 1e6, "MB/s");
                line("stream.c." + k, mc / 1e6, "MB/s");
                line("ratio.jna_nio." + k, mj / mn, "x");
                if (chunk == 65536) {
                    line("ratio.jna_c." + k, mj / mc, "x");
                } else {
                    System.err.printf(Locale.ROOT, "# ratio.jna_c.4k %.3f x%n", mj / mc);
                }
            }
            List<double[]> jr = new ArrayList<>();
            List<double[]> nr = new ArrayList<>();
            List<double[]> cr = new ArrayList<>();
            for (int r = 0; r < reps; r++) {
                jr.add(b.rttJna(rttCount));
                nr.add(b.rttNio(rttCount));
                cr.add(b.rttC(rttCount));
            }
            for (var e : List.of(new Object[] {"jna", jr}, new Object[] {"nio", nr}, new Object[] {"c", cr})) {
                @SuppressWarnings("unchecked")
                List<double[]> runs = (List<double[]>) e[1];
                line("rtt." + e[0] + ".64b.p50", median(runs.stream().map(x -> x[0]).toList()), "us");
                line("rtt." + e[0] + ".64b.p99", median(runs.stream().map(x -> x[1]).toList()), "us");
            }
        } finally {
            try (var s = Files.list(dir)) {
                s.forEach(p -> p.toFile().delete());
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %.3f %s%n", name, value, unit);
    }

    private static String mb(List<Double> v) {
        return v.stream().map(x -> String.format(Locale.ROOT, "%.0f", x / 1e6)).toList().toString();
    }

    static double median(List<Double> v) {
        double[] a = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private Path fresh(String name) throws IOException {
        Path p = dir.resolve(name);
        Files.deleteIfExists(p);
        return p;
    }

    /** Bytes per second, JNA writer to JNA sink. */
    double streamJna(int chunk, double secs) throws Exception {
        Path p = fresh("sj");
        try (PosixListener l = PosixListener.bind(new PosixAddress.Unix(p), EP)) {
            long[] got = new long[1];
            long[] endNs = new long[1];
            Thread sink = Thread.ofPlatform().start(() -> {
                try (StreamConnection s = l.accept(Duration.ofSeconds(10)).orElseThrow()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(Math.max(chunk, 64 * 1024));
                    long n = 0;
                    while (true) {
                        b.clear();
                        int r = s.read(b);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                    endNs[0] = System.nanoTime();
                    got[0] = n;
                }
            });
            try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(p), Duration.ofSeconds(5))) {
                ByteBuffer b = ByteBuffer.allocateDirect(chunk);
                long t0 = System.nanoTime();
                long stop = t0 + (long) (secs * 1e9);
                int i = 0;
                while (true) {
                    b.clear();
                    c.writeFully(b);
                    if ((++i & 15) == 0 && System.nanoTime() > stop) {
                        break;
                    }
                }
                c.shutdownOutput();
                sink.join();
                return got[0] / ((endNs[0] - t0) / 1e9);
            }
        }
    }

    /** Bytes per second, NIO writer to NIO sink. */
    double streamNio(int chunk, double secs) throws Exception {
        Path p = fresh("sn");
        var addr = UnixDomainSocketAddress.of(p);
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(addr);
            long[] got = new long[1];
            long[] endNs = new long[1];
            Thread sink = Thread.ofPlatform().start(() -> {
                try (SocketChannel s = ss.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(Math.max(chunk, 64 * 1024));
                    long n = 0;
                    while (true) {
                        b.clear();
                        int r = s.read(b);
                        if (r < 0) {
                            break;
                        }
                        n += r;
                    }
                    endNs[0] = System.nanoTime();
                    got[0] = n;
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SocketChannel c = SocketChannel.open(addr)) {
                ByteBuffer b = ByteBuffer.allocateDirect(chunk);
                long t0 = System.nanoTime();
                long stop = t0 + (long) (secs * 1e9);
                int i = 0;
                while (true) {
                    b.clear();
                    while (b.hasRemaining()) {
                        c.write(b);
                    }
                    if ((++i & 15) == 0 && System.nanoTime() > stop) {
                        break;
                    }
                }
                c.shutdownOutput();
                sink.join();
                return got[0] / ((endNs[0] - t0) / 1e9);
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** Bytes per second, C peer to C peer. */
    double streamC(int chunk) throws Exception {
        Path p = fresh("sc");
        Process sink = startListener(p, "--sink");
        try {
            String out = run(hvecho.toString(), "bench", "unix:" + p, "--throughput", "--chunk", String.valueOf(chunk),
                    "--seconds", String.valueOf(seconds));
            Matcher m = Pattern.compile("RESULT throughput_bytes_per_sec (\\d+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("hvecho bench printed no RESULT line: " + out);
            }
            return Double.parseDouble(m.group(1));
        } finally {
            stop(sink);
        }
    }

    /** p50 and p99 in microseconds, JNA client to JNA echo. */
    double[] rttJna(int count) throws Exception {
        Path p = fresh("rj");
        try (PosixListener l = PosixListener.bind(new PosixAddress.Unix(p), EP)) {
            Thread echo = Thread.ofPlatform().start(() -> {
                try (StreamConnection s = l.accept(Duration.ofSeconds(10)).orElseThrow()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
                    while (true) {
                        b.clear();
                        if (s.read(b) < 0) {
                            return;
                        }
                        b.flip();
                        s.writeFully(b);
                    }
                }
            });
            try (PosixSocket c = PosixSocket.connect(new PosixAddress.Unix(p), Duration.ofSeconds(5))) {
                ByteBuffer out = ByteBuffer.allocateDirect(64);
                ByteBuffer in = ByteBuffer.allocateDirect(64);
                long[] ns = new long[count];
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    out.clear();
                    c.writeFully(out);
                    in.clear();
                    while (in.hasRemaining()) {
                        c.read(in);
                    }
                    ns[i] = System.nanoTime() - t0;
                }
                c.shutdownOutput();
                echo.join();
                return percentiles(ns);
            }
        }
    }

    /** p50 and p99 in microseconds, NIO client to NIO echo. */
    double[] rttNio(int count) throws Exception {
        Path p = fresh("rn");
        var addr = UnixDomainSocketAddress.of(p);
        try (ServerSocketChannel ss = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            ss.bind(addr);
            Thread echo = Thread.ofPlatform().start(() -> {
                try (SocketChannel s = ss.accept()) {
                    ByteBuffer b = ByteBuffer.allocateDirect(64 * 1024);
                    while (true) {
                        b.clear();
                        if (s.read(b) < 0) {
                            return;
                        }
                        b.flip();
                        while (b.hasRemaining()) {
                            s.write(b);
                        }
                    }
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            try (SocketChannel c = SocketChannel.open(addr)) {
                ByteBuffer out = ByteBuffer.allocateDirect(64);
                ByteBuffer in = ByteBuffer.allocateDirect(64);
                long[] ns = new long[count];
                for (int i = 0; i < count; i++) {
                    long t0 = System.nanoTime();
                    out.clear();
                    while (out.hasRemaining()) {
                        c.write(out);
                    }
                    in.clear();
                    while (in.hasRemaining()) {
                        c.read(in);
                    }
                    ns[i] = System.nanoTime() - t0;
                }
                c.shutdownOutput();
                echo.join();
                return percentiles(ns);
            }
        } finally {
            Files.deleteIfExists(p);
        }
    }

    /** p50 and p99 in microseconds, C client to C echo. */
    double[] rttC(int count) throws Exception {
        Path p = fresh("rc");
        Process echo = startListener(p, "--echo");
        try {
            String out = run(hvecho.toString(), "bench", "unix:" + p, "--rtt", "--size", "64", "--count", String.valueOf(count));
            Matcher m = Pattern.compile("p50=([0-9.]+) p99=([0-9.]+)").matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("hvecho bench printed no RESULT line: " + out);
            }
            return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
        } finally {
            stop(echo);
        }
    }

    static double[] percentiles(long[] ns) {
        long[] s = ns.clone();
        Arrays.sort(s);
        return new double[] {rank(s, 50) / 1e3, rank(s, 99) / 1e3};
    }

    /** Nearest rank, as the C peer computes it. */
    private static long rank(long[] sorted, int p) {
        int k = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, k - 1)];
    }

    private Process startListener(Path p, String mode) throws Exception {
        Process proc = new ProcessBuilder(hvecho.toString(), "listen", "unix:" + p, mode, "-q")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!Files.exists(p)) {
            if (System.nanoTime() > deadline || !proc.isAlive()) {
                proc.destroyForcibly();
                throw new IllegalStateException("hvecho listen did not start at " + p);
            }
            Thread.sleep(5);
        }
        return proc;
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(5, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed: " + out);
        }
        return out;
    }
}
