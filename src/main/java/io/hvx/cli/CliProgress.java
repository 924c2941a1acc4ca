package io.hvx.cli;

import io.hvx.core.Messages;
import io.hvx.core.tester.Progress;
import io.hvx.core.tester.ProgressListener;
import io.hvx.core.tester.TestPlan;
import io.hvx.core.tester.TestReports;
import io.hvx.core.tester.TestResult;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * A running test's progress as one line on standard error, rewritten in place ({@code \r}) at
 * most five times a second, for a person at a terminal; scripts get none of it.
 */
final class CliProgress implements ProgressListener {

    private static final long EVERY_NS = 200_000_000L;

    private final PrintWriter err;
    private long lastNs;
    private int width;
    private double lastRate;

    CliProgress(PrintWriter err) {
        this.err = err;
    }

    @Override
    public synchronized void progress(Progress p) {
        for (TestResult.Point pt : p.newPoints()) {
            lastRate = pt.mbPerSec();
        }
        long now = System.nanoTime();
        if (now - lastNs < EVERY_NS) {
            return;
        }
        lastNs = now;
        String pct = String.format(Locale.ROOT, "%3.0f%%", p.fraction() * 100);
        String line = switch (p.kind()) {
            case CONNECT, ECHO -> Messages.get(p.kind() == TestPlan.Kind.ECHO ? "tester.cli.progress.echo"
                    : "tester.cli.progress.connect", pct, p.done(), TestReports.us(p.live().p50Us()), p.problems());
            case THROUGHPUT -> Messages.get("tester.cli.progress.throughput", pct, TestReports.mb(lastRate),
                    TestReports.bytes(p.done()));
        };
        write(line);
    }

    private void write(String line) {
        StringBuilder b = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < width; i++) {
            b.append(' ');
        }
        width = line.length();
        err.print(b);
        err.flush();
    }

    /** Removes the progress line. */
    synchronized void clear() {
        if (width > 0) {
            err.print("\r" + " ".repeat(width) + "\r");
            err.flush();
            width = 0;
        }
    }
}
