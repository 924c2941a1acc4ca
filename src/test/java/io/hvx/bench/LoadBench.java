package io.hvx.bench;

import io.hvx.DefaultBackendFactory;
import io.hvx.cli.Cli;
import io.hvx.cli.CliContext;
import io.hvx.core.SandboxSeed;
import io.hvx.core.VmAlias;
import io.hvx.net.sandbox.SandboxPaths;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load (issue 14 §17): a listener with the echo responder serves N concurrent connections (1,000
 * by default), each of which sends M bytes (1 MiB) and checks every byte that comes back. The
 * listener is {@code hvx listen vsock:7 --vm wildcard --echo --max-connections N} run in this
 * JVM through the CLI (so the figures are this process's: threads, heap, RSS); the clients run in
 * a second JVM, so they do not count. The baseline, in the same run on the same machine, is the C
 * peer's echo ({@code hvecho listen --echo}, also a thread per connection) under the same
 * clients.
 *
 * <p>Clients: virtual threads over the JDK's AF_UNIX channels. Each connects with a blocking
 * connect and retries while the listen queue is full (AF_UNIX refuses with EAGAIN then), waits
 * until all N are connected, then writes its bytes (a seeded pseudo-random stream) while it
 * reads the echo and compares it byte for byte with the same stream, and keeps a CRC-32 of both
 * directions. A connection counts only when all M bytes came back equal; every byte that did
 * not is counted lost.
 *
 * <p>Prints {@code BENCH} lines: {@code load.connections}, {@code load.lost.bytes} (must be 0),
 * {@code load.threads.peak}, {@code load.heap.peak.mb}, {@code load.direct.peak.mb} (the
 * responders' I/O buffers, off the heap), {@code load.rss.peak.mb},
 * {@code load.seconds}, the same for the C peer ({@code load.c.*}, no heap) and
 * {@code ratio.load.seconds}.
 *
 * <p>Arguments: {@code HVECHO_PATH [CONNECTIONS [BYTES]]}; {@code clients PATH CONNECTIONS BYTES}
 * runs the client side (started by the bench itself).
 */
public final class LoadBench {

    private static final Pattern RESULT = Pattern.compile(
            "RESULT ok=(\\d+) failed=(\\d+) lost=(\\d+) crcMismatches=(\\d+) retries=(\\d+) concurrent=(\\d+) seconds=([0-9.]+)");

    private LoadBench() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("clients")) {
            System.out.println(clients(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3])));
            return;
        }
        Path hvecho = Path.of(args[0]);
        int n = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        int bytes = args.length > 2 ? Integer.parseInt(args[2]) : 1 << 20;
        Path dir = Files.createTempDirectory(Path.of("/tmp"), "hvxl");
        try {
            Figures ours = ours(dir, n, bytes);
            Figures c = cPeer(hvecho, dir, n, bytes);
            line("load.connections", ours.result.ok, "count");
            line("load.lost.bytes", ours.result.lost, "B");
            line("load.failed", ours.result.failed, "count");
            line("load.concurrent.peak", ours.result.concurrent, "count");
            line("load.connect.retries", ours.result.retries, "count");
            line("load.threads.peak", ours.threadsPeak, "count");
            line("load.heap.peak.mb", ours.heapPeakMb, "MB");
            line("load.direct.peak.mb", ours.directPeakMb, "MB");
            line("load.rss.peak.mb", ours.rssPeakMb, "MB");
            line("load.seconds", ours.result.seconds, "s");
            line("load.c.connections", c.result.ok, "count");
            line("load.c.lost.bytes", c.result.lost, "B");
            line("load.c.threads.peak", c.threadsPeak, "count");
            line("load.c.rss.peak.mb", c.rssPeakMb, "MB");
            line("load.c.seconds", c.result.seconds, "s");
            line("ratio.load.seconds", ours.result.seconds / c.result.seconds, "x");
        } finally {
            try (var s = Files.walk(dir)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        // the listener runs until the process ends, as hvx listen does
        System.exit(0);
    }

    private static void line(String name, double value, String unit) {
        System.out.printf(Locale.ROOT, "BENCH %s %s %s%n", name,
                value == Math.rint(value) ? String.valueOf((long) value) : String.format(Locale.ROOT, "%.3f", value), unit);
    }

    /** What the clients saw. */
    record Result(long ok, long failed, long lost, long crcMismatches, long retries, long concurrent, double seconds) {
        static Result parse(String out) {
            Matcher m = RESULT.matcher(out);
            if (!m.find()) {
                throw new IllegalStateException("the clients printed no RESULT line: " + out);
            }
            return new Result(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)), Long.parseLong(m.group(3)),
                    Long.parseLong(m.group(4)), Long.parseLong(m.group(5)), Long.parseLong(m.group(6)),
                    Double.parseDouble(m.group(7)));
        }
    }

    /** One server's figures under the load. */
    record Figures(Result result, long threadsPeak, double heapPeakMb, double directPeakMb, double rssPeakMb) {
    }

    /** {@code hvx listen … --echo} in this JVM, through the CLI. */
    private static Figures ours(Path dir, int n, int bytes) throws Exception {
        Path sb = dir.resolve("sb");
        PrintWriter quiet = new PrintWriter(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        CliContext ctx = new CliContext(quiet, err, java.io.InputStream.nullInputStream(), new ByteArrayOutputStream(),
                new DefaultBackendFactory(dir.resolve("data")), (m, d) -> {
                    throw new IllegalStateException("no GUI here");
                }, false);
        Thread listen = Thread.ofPlatform().daemon().name("bench-listen").start(() -> {
            int code = Cli.run(ctx, "--mode", "sandbox", "--sandbox-dir", sb.toString(), "listen", "vsock:7", "--vm",
                    "wildcard", "--echo", "--max-connections", String.valueOf(n), "--idle-timeout", "300");
            System.err.println("# hvx listen ended with exit " + code);
        });
        Path path = SandboxPaths.forSandbox(sb).path(VmAlias.WILDCARD.guid(), SandboxSeed.ECHO_SERVICE);
        awaitFile(path, listen);

        System.gc();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        threads.resetPeakThreadCount();
        resetPeakRss(ProcessHandle.current().pid());
        AtomicLong heapPeak = new AtomicLong();
        AtomicLong directPeak = new AtomicLong();
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(b -> b.getName().equals("direct")).findFirst().orElseThrow();
        Sampler sampler = Sampler.start(() -> {
            heapPeak.accumulateAndGet(ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
            directPeak.accumulateAndGet(direct.getMemoryUsed(), Math::max);
            return 0;
        });
        Result r = Result.parse(runClients(path, n, bytes));
        sampler.stop();
        return new Figures(r, threads.getPeakThreadCount(), heapPeak.get() / 1048576.0, directPeak.get() / 1048576.0,
                peakRssKb(ProcessHandle.current().pid()) / 1024.0);
    }

    /** {@code hvecho listen unix:PATH --echo --max-connections N}. */
    private static Figures cPeer(Path hvecho, Path dir, int n, int bytes) throws Exception {
        Path path = dir.resolve("c");
        Process p = new ProcessBuilder(hvecho.toString(), "listen", "unix:" + path, "--echo", "--max-connections",
                String.valueOf(n), "-q").redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            awaitFile(path, null);
            long pid = p.pid();
            resetPeakRss(pid);
            AtomicLong threadsPeak = new AtomicLong();
            Sampler sampler = Sampler.start(() -> {
                threadsPeak.accumulateAndGet(status(pid, "Threads:"), Math::max);
                return 0;
            });
            Result r = Result.parse(runClients(path, n, bytes));
            sampler.stop();
            return new Figures(r, threadsPeak.get(), Double.NaN, Double.NaN, peakRssKb(pid) / 1024.0);
        } finally {
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void awaitFile(Path path, Thread alive) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(path)) {
            if (System.nanoTime() > deadline || alive != null && !alive.isAlive()) {
                throw new IllegalStateException("nobody listens at " + path);
            }
            Thread.sleep(20);
        }
    }

    /** Runs the clients in their own JVM and returns what they printed. */
    static String runClients(Path path, int n, int bytes) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseParallelGC", "-cp", System.getProperty("java.class.path"), LoadBench.class.getName(),
                "clients", path.toString(), String.valueOf(n), String.valueOf(bytes)));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new IllegalStateException("the clients did not finish");
        }
        return out;
    }

    /** Resets the process's peak RSS (VmHWM) by writing 5 to /proc/PID/clear_refs. */
    private static void resetPeakRss(long pid) throws IOException {
        Files.writeString(Path.of("/proc", String.valueOf(pid), "clear_refs"), "5");
    }

    private static long peakRssKb(long pid) {
        return status(pid, "VmHWM:");
    }

    /** A number from /proc/PID/status (kB for sizes). */
    private static long status(long pid, String field) {
        try {
            for (String l : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
                if (l.startsWith(field)) {
                    return Long.parseLong(l.substring(field.length()).strip().split("\\s+")[0]);
                }
            }
        } catch (IOException e) {
            // the process has ended: its last reading stands
        }
        return 0;
    }

    /** Calls a probe every 10 ms on a platform thread until stopped. */
    private static final class Sampler {
        private final Thread thread;
        private volatile boolean stop;

        private Sampler(LongSupplier probe) {
            thread = Thread.ofPlatform().daemon().name("bench-sampler").start(() -> {
                while (!stop) {
                    probe.getAsLong();
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
        }

        static Sampler start(LongSupplier probe) {
            return new Sampler(probe);
        }

        void stop() throws InterruptedException {
            stop = true;
            thread.join();
        }
    }

    // --- the client side ------------------------------------------------------------------------

    private static String clients(Path path, int n, int bytes) throws Exception {
        UnixDomainSocketAddress address = UnixDomainSocketAddress.of(path);
        CountDownLatch connected = new CountDownLatch(n);
        AtomicLong retries = new AtomicLong();
        AtomicLong concurrent = new AtomicLong();
        AtomicLong live = new AtomicLong();
        long t0 = System.nanoTime();
        List<Future<long[]>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < n; i++) {
                long seed = i;
                results.add(pool.submit(() -> one(address, seed, bytes, connected, retries, live, concurrent)));
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long ok = 0;
        long failed = 0;
        long lost = 0;
        long crc = 0;
        for (Future<long[]> f : results) {
            long[] r;
            try {
                r = f.get();
            } catch (java.util.concurrent.ExecutionException e) {
                System.err.println("# a client failed: " + e.getCause());
                r = new long[] {0, 1};
            }
            long intact = r[0];
            if (intact == bytes && r[1] == 0) {
                ok++;
            } else {
                failed++;
            }
            lost += bytes - intact;
            crc += r[1];
        }
        return String.format(Locale.ROOT, "RESULT ok=%d failed=%d lost=%d crcMismatches=%d retries=%d concurrent=%d seconds=%.3f",
                ok, failed, lost, crc, retries.get(), concurrent.get(), seconds);
    }

    /**
     * One client: connect (retrying while the queue is full), wait for all, send {@code bytes}
     * while reading the echo. Returns {intact prefix length, 1 if the CRC-32s differ}.
     */
    private static long[] one(UnixDomainSocketAddress address, long seed, int bytes, CountDownLatch connected,
                              AtomicLong retries, AtomicLong live, AtomicLong concurrent) throws Exception {
        SocketChannel ch = null;
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (ch == null) {
            SocketChannel c = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                c.connect(address);
                ch = c;
            } catch (IOException e) {
                c.close();
                if (System.nanoTime() > deadline) {
                    connected.countDown();
                    throw e;
                }
                retries.incrementAndGet();
                Thread.sleep(2);
            }
        }
        try (SocketChannel c = ch) {
            concurrent.accumulateAndGet(live.incrementAndGet(), Math::max);
            connected.countDown();
            connected.await(2, TimeUnit.MINUTES);
            java.util.zip.CRC32 sentCrc = new java.util.zip.CRC32();
            Thread writer = Thread.ofVirtual().start(() -> {
                SplittableRandom rnd = new SplittableRandom(seed);
                byte[] chunk = new byte[16 * 1024];
                try {
                    for (int left = bytes; left > 0; ) {
                        int len = Math.min(chunk.length, left);
                        fill(rnd, chunk, len);
                        sentCrc.update(chunk, 0, len);
                        ByteBuffer b = ByteBuffer.wrap(chunk, 0, len);
                        while (b.hasRemaining()) {
                            c.write(b);
                        }
                        left -= len;
                    }
                    c.shutdownOutput();
                } catch (IOException e) {
                    System.err.println("# write failed: " + e);
                }
            });
            SplittableRandom expected = new SplittableRandom(seed);
            java.util.zip.CRC32 gotCrc = new java.util.zip.CRC32();
            byte[] want = new byte[16 * 1024];
            int wantPos = 0;
            int wantLen = 0;
            long intact = 0;
            boolean diverged = false;
            ByteBuffer in = ByteBuffer.allocate(16 * 1024);
            long total = 0;
            while (true) {
                in.clear();
                int r = c.read(in);
                if (r < 0) {
                    break;
                }
                gotCrc.update(in.array(), 0, r);
                for (int i = 0; i < r; i++) {
                    if (wantPos == wantLen) {
                        wantLen = (int) Math.min(want.length, bytes - total - i);
                        if (wantLen <= 0) {
                            diverged = true; // more came back than was sent
                            break;
                        }
                        fill(expected, want, wantLen);
                        wantPos = 0;
                    }
                    if (!diverged && in.array()[i] == want[wantPos]) {
                        intact++;
                    } else {
                        diverged = true;
                    }
                    wantPos++;
                }
                total += r;
            }
            writer.join();
            live.decrementAndGet();
            return new long[] {intact, gotCrc.getValue() == sentCrc.getValue() && total == bytes ? 0 : 1};
        }
    }

    private static void fill(SplittableRandom rnd, byte[] b, int len) {
        for (int i = 0; i < len; i += 8) {
            long v = rnd.nextLong();
            for (int k = 0; k < 8 && i + k < len; k++) {
                b[i + k] = (byte) (v >>> (8 * k));
            }
        }
    }
}
