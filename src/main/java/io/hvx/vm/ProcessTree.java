package io.hvx.vm;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process (PowerShell) and every process it starts, so that all of them can be ended on
 * every path: a timeout, a flood, and a normal exit that leaves a child running. Once the root has
 * exited its children are no longer its descendants on Linux (they are re-parented), so the tree
 * is found three ways, all pure Java:
 * <ol>
 *   <li>the descendants of the root, which also finds orphans on Windows, whose processes keep
 *       their parent's ID after the parent is gone;</li>
 *   <li>every descendant {@link #observe() seen} while the root ran, and what those still
 *       running have started since;</li>
 *   <li>on Linux, every process whose environment carries this tree's token
 *       ({@value #TOKEN_ENV}), which children inherit: {@code /proc/PID/environ} of the user's
 *       own processes is readable.</li>
 * </ol>
 */
final class ProcessTree {

    private static final System.Logger LOG = System.getLogger(ProcessTree.class.getName());

    /** The environment variable whose (random) value marks every process of one tree. */
    static final String TOKEN_ENV = "HVX_PROCESS_TREE";

    private static final Path PROC = Path.of("/proc");

    private final Process root;
    private final String token;
    private final Set<ProcessHandle> seen = ConcurrentHashMap.newKeySet();

    private ProcessTree(Process root, String token) {
        this.root = root;
        this.token = token;
    }

    /** Starts {@code pb} as the root of a new tree. */
    static ProcessTree start(ProcessBuilder pb) throws IOException {
        String token = UUID.randomUUID().toString();
        pb.environment().put(TOKEN_ENV, token);
        return new ProcessTree(pb.start(), token);
    }

    Process process() {
        return root;
    }

    /** Remembers the root's current descendants (call while waiting for it). */
    void observe() {
        try {
            root.descendants().forEach(seen::add);
        } catch (RuntimeException e) {
            // a snapshot can fail while processes come and go; the next one or kill() sees them
            LOG.log(System.Logger.Level.DEBUG, "process snapshot failed", e);
        }
    }

    /** Every process of the tree that still runs, the root included. */
    List<ProcessHandle> alive() {
        Set<ProcessHandle> all = new LinkedHashSet<>();
        root.descendants().forEach(all::add);
        for (ProcessHandle h : seen) {
            all.add(h);
            if (h.isAlive()) {
                h.descendants().forEach(all::add);
            }
        }
        all.addAll(marked());
        all.add(root.toHandle());
        return all.stream().filter(ProcessHandle::isAlive).toList();
    }

    /** Kills every process of the tree, children first, waiting at most 2 s until they are gone. */
    void kill() {
        List<ProcessHandle> tree = alive();
        for (ProcessHandle h : tree) {
            if (h.pid() != root.pid()) {
                h.destroyForcibly();
            }
        }
        if (root.isAlive()) {
            // only while it runs: Process.destroy also closes the pipes, and after a normal exit
            // the drains are still reading what the root printed last
            root.destroyForcibly();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        List<ProcessHandle> left = tree;
        while (!(left = left.stream().filter(h -> !ended(h)).toList()).isEmpty()) {
            if (System.nanoTime() - deadline >= 0) {
                LOG.log(System.Logger.Level.WARNING, "killed, but still running after 2 s: "
                        + left.stream().map(h -> String.valueOf(h.pid())).toList());
                return;
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /**
     * Whether {@code h} has ended. A killed orphan stays a zombie until its new parent reaps it,
     * which a container's first process may never do; on Linux a zombie counts as ended.
     */
    private static boolean ended(ProcessHandle h) {
        if (!h.isAlive()) {
            return true;
        }
        Path stat = PROC.resolve(Long.toString(h.pid())).resolve("stat");
        try {
            String s = Files.readString(stat);
            char state = s.charAt(s.lastIndexOf(')') + 2);
            return state == 'Z' || state == 'X';
        } catch (IOException | RuntimeException e) {
            return !Files.exists(stat) && Files.isDirectory(PROC.resolve("self")); // gone meanwhile
        }
    }

    /** Linux: the processes whose environment carries this tree's token. */
    private List<ProcessHandle> marked() {
        if (!Files.isDirectory(PROC.resolve("self"))) {
            return List.of();
        }
        String needle = "\0" + TOKEN_ENV + "=" + token + "\0";
        long self = ProcessHandle.current().pid();
        Set<ProcessHandle> found = new LinkedHashSet<>();
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(PROC, p -> isPid(p.getFileName().toString()))) {
            for (Path d : dirs) {
                long pid = Long.parseLong(d.getFileName().toString());
                if (pid == self) {
                    continue;
                }
                String env;
                try {
                    // NUL-separated KEY=VALUE entries; Latin-1 keeps every byte as one char
                    env = "\0" + new String(Files.readAllBytes(d.resolve("environ")), StandardCharsets.ISO_8859_1) + "\0";
                } catch (IOException | SecurityException e) {
                    continue; // another user's process, or gone already: not ours
                }
                if (env.contains(needle)) {
                    ProcessHandle.of(pid).ifPresent(found::add);
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.DEBUG, "could not scan /proc", e);
        }
        return List.copyOf(found);
    }

    private static boolean isPid(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }
}
