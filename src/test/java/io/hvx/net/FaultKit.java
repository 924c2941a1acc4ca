package io.hvx.net;

import io.hvx.core.StreamConnection;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/** What the fault tests share: payloads, reads, and counts of what a process holds (Linux). */
public final class FaultKit {

    /** How long a count may take to come back before a test calls it a leak. */
    public static final Duration SETTLE = Duration.ofSeconds(30);

    private FaultKit() {
    }

    /** {@code n} pseudo-random bytes from {@code seed}. */
    public static byte[] random(long seed, int n) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    /** Reads {@code n} bytes from {@code c}, or fewer when EOF comes first. */
    public static byte[] read(StreamConnection c, long n) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (out.size() < n) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), n - out.size()));
            int r = c.read(b);
            if (r < 0) {
                break;
            }
            out.write(b.array(), 0, r);
        }
        return out.toByteArray();
    }

    /**
     * A service on the JDK's own AF_UNIX channels. Closing one of its connections while data this
     * side sent lies unread resets the connection (ECONNRESET on this side's next read, EPIPE on
     * its writes), like a Hyper-V service that crashes: unlike hvx's sockets, the JDK closes
     * without shutting the connection down first, which the peer would read as a clean EOF.
     */
    public static ServerSocketChannel resettingService(Path path) {
        try {
            Files.deleteIfExists(path);
            return ServerSocketChannel.open(StandardProtocolFamily.UNIX).bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads {@code n} bytes from {@code c}, or fewer when EOF comes first. */
    public static byte[] read(SocketChannel c, long n) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        while (out.size() < n) {
            b.clear();
            b.limit((int) Math.min(b.capacity(), n - out.size()));
            int r = c.read(b);
            if (r < 0) {
                break;
            }
            out.write(b.array(), 0, r);
        }
        return out.toByteArray();
    }

    /** Writes all of {@code data} to {@code c}. */
    public static void write(SocketChannel c, byte[] data) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(data);
        while (b.hasRemaining()) {
            c.write(b);
        }
    }

    /** Open file descriptors of this process. */
    public static long openFds() {
        try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
            return s.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Live threads whose name starts with {@code prefix}. */
    public static long threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix)).count();
    }

    /** Waits (at most {@link #SETTLE}) until {@code value} reads {@code expected}; returns the last reading. */
    public static long settle(LongSupplier value, long expected) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE.toNanos();
        long v = value.getAsLong();
        while (v != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
            v = value.getAsLong();
        }
        return v;
    }
}
