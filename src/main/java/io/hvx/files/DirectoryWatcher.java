package io.hvx.files;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The one way stores notice changes made by other processes: a watch on the directory, filtered
 * to the store's file names (writes replace files by rename, which the directory sees as a
 * create). Where the file system cannot watch, the files' size and modification time are polled
 * every two seconds instead.
 */
public final class DirectoryWatcher {

    private static final System.Logger LOG = System.getLogger(DirectoryWatcher.class.getName());
    static final Duration POLL_EVERY = Duration.ofSeconds(2);

    private DirectoryWatcher() {
    }

    /**
     * Calls {@code onChange} on a background thread whenever one of {@code names} in {@code dir}
     * is created, modified, replaced or deleted. Closing the handle stops watching.
     */
    public static AutoCloseable watch(Path dir, Set<String> names, Runnable onChange) {
        WatchService ws;
        try {
            Files.createDirectories(dir);
            ws = dir.getFileSystem().newWatchService();
            dir.register(ws, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                    StandardWatchEventKinds.ENTRY_DELETE);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.log(System.Logger.Level.DEBUG, "no watch service for " + dir + ", polling instead", e);
            return Polling.start(() -> stamps(dir, names), onChange, POLL_EVERY);
        }
        Thread.ofVirtual().name("hvx-watch-" + dir.getFileName()).start(() -> {
            try {
                while (true) {
                    WatchKey key = ws.take();
                    boolean ours = false;
                    for (WatchEvent<?> ev : key.pollEvents()) {
                        if (ev.kind() == StandardWatchEventKinds.OVERFLOW || names.contains(String.valueOf(ev.context()))) {
                            ours = true;
                        }
                    }
                    if (ours) {
                        notify(onChange);
                    }
                    if (!key.reset()) {
                        LOG.log(System.Logger.Level.DEBUG, "{0} went away: no more change notifications", dir);
                        return;
                    }
                }
            } catch (InterruptedException | ClosedWatchServiceException e) {
                // closed by the caller: the normal end
            }
        });
        return ws::close;
    }

    /** Runs a listener; a failing listener is logged and the watch goes on. */
    static void notify(Runnable onChange) {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "a change listener failed", e);
        }
    }

    private static List<String> stamps(Path dir, Set<String> names) {
        List<String> out = new ArrayList<>();
        for (String n : names) {
            try {
                BasicFileAttributes a = Files.readAttributes(dir.resolve(n), BasicFileAttributes.class);
                out.add(n + ":" + a.size() + ":" + a.lastModifiedTime().toMillis() + ":" + a.fileKey());
            } catch (IOException e) {
                // gone or unreadable: that is a change worth reporting, recorded as such
                out.add(n + ":absent");
            }
        }
        return out;
    }
}
