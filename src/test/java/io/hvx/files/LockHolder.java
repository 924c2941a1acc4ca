package io.hvx.files;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;

/**
 * Another process holding a lock file, as a second hvx would: started with {@link #hold}, it
 * takes the OS lock, says so, and keeps it until the test closes the handle.
 */
public final class LockHolder implements AutoCloseable {

    private final Process process;

    private LockHolder(Process process) {
        this.process = process;
    }

    /** The child's entry point: lock {@code args[0]}, print "locked", hold until stdin ends. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock lock = ch.lock()) {
            System.out.println("locked " + lock.isValid());
            System.out.flush();
            while (System.in.read() >= 0) {
                // hold until the test closes our stdin
            }
        }
    }

    /** Starts a process holding {@code lockFile}; returns once it holds the lock. */
    public static LockHolder hold(Path lockFile) {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                    LockHolder.class.getName(), lockFile.toString())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String line = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
            if (line == null || !line.startsWith("locked")) {
                p.destroyForcibly();
                throw new IllegalStateException("lock holder did not lock " + lockFile + ": " + line);
            }
            return new LockHolder(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Releases the lock and waits for the process to end. */
    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }
}
