package io.hvx.ui.connections;

import io.hvx.core.Settings;
import io.hvx.core.terminal.TerminalLine;
import io.hvx.files.JsonSnippetBook;
import io.hvx.files.TerminalFileStore;
import io.hvx.ui.common.TestDialogs;
import io.hvx.ui.common.TestTasks;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.function.BooleanSupplier;

/** Fixtures of the terminal tests: a context over real files in a test directory, and reading a terminal. */
final class Terminals {

    private Terminals() {
    }

    /** A terminal context with the real file store and snippet book under {@code dir}, in UTC. */
    static TerminalContext context(Path dir, TestTasks tasks, TestDialogs dialogs, Settings settings) {
        return new TerminalContext(settings, new TerminalFileStore(ZoneOffset.UTC), JsonSnippetBook.inDataDir(dir),
                dialogs, tasks, Clock.systemUTC(), ZoneOffset.UTC);
    }

    static TerminalContext context(Path dir, TestTasks tasks, TestDialogs dialogs) {
        return context(dir, tasks, dialogs, Settings.inMemory());
    }

    /** The lines of a terminal as {@code "< text"}, {@code "> text"} or {@code "* note"}. */
    static List<String> lines(TerminalViewModel t) {
        return t.buffer().lines().stream().map(Terminals::describe).toList();
    }

    static String describe(TerminalLine l) {
        return switch (l.direction()) {
            case RECEIVED -> "< ";
            case SENT -> "> ";
            case NOTE -> "* ";
        } + l.text();
    }

    /** The lines that are not notes. */
    static List<String> traffic(TerminalViewModel t) {
        return lines(t).stream().filter(s -> !s.startsWith("* ")).toList();
    }

    /** The rows of the current view (text or hex) as shown, without timestamps. */
    static List<String> rows(TerminalViewModel t) {
        return t.rows(t.firstRow(), (int) Math.min(10_000, t.endRow() - t.firstRow())).stream()
                .map(t::text).toList();
    }

    /** Waits (up to 10 s) for what another thread does, without running UI tasks. */
    static void await(BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not reached within 10 s");
            }
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
    }
}
