package io.hvx.cli;

import io.hvx.core.Backend;
import io.hvx.core.Guid;
import io.hvx.core.Messages;
import io.hvx.core.Mode;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.SandboxSeed;
import io.hvx.core.SandboxVms;
import io.hvx.core.ServicePolicy;
import io.hvx.core.tester.ProgressListener;
import io.hvx.core.tester.SelfTest;
import io.hvx.core.tester.TestResult;
import io.hvx.core.tester.Tester;
import io.hvx.net.ResponderServer;
import io.hvx.net.sandbox.SandboxEndpoints;
import io.hvx.net.sandbox.SandboxPaths;
import io.hvx.net.sandbox.SandboxResponders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code hvx selftest}: the tester against a temporary loopback listener of its own, no VM
 * needed, plus what this system answers for the open facts (the "observed" lines). On Windows
 * it uses the real AF_HYPERV sockets; elsewhere a private sandbox in a temporary directory, so the
 * user's sandbox is never touched. Needs no display: it is the packaged app's smoke test.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class SelftestCommand implements Callable<Integer> {

    private static final System.Logger LOG = System.getLogger(SelftestCommand.class.getName());

    private final CliContext ctx;

    @Option(names = "--json", descriptionKey = "option.json")
    boolean json;

    public SelftestCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws InterruptedException {
        Backend backend = ctx.backend();
        Mode mode = backend.environment().mode();
        Tester tester = new Tester(backend.connector());
        ProgressListener progress = ctx.interactive() && !json ? new CliProgress(ctx.err()) : ProgressListener.NONE;
        SelfTest.Report report;
        Guid service = SelfTest.freshService();
        Guid unregistered = SelfTest.freshService();
        if (mode == Mode.WINDOWS) {
            // go-winio's tests listen on loopback with an unregistered template ID: that is what is observed
            report = new SelfTest(tester).run(new SelfTest.Rig(mode, backend.listenerFactory(), backend.connector(),
                    SelftestCommand::echo, backend.hostChecks(), service, service), progress);
        } else {
            Path dir = privateSandbox();
            try {
                SandboxPaths paths = new SandboxPaths(dir);
                SandboxEndpoints endpoints = new SandboxEndpoints(paths, noVms(), service::equals, new SandboxResponders(paths));
                // a Linux guest's hv_sock has no loopback: there the same runs over a private sandbox
                // too (its observations name the sandbox in their detail)
                report = new SelfTest(new Tester(endpoints)).run(new SelfTest.Rig(mode, endpoints, endpoints,
                        SelftestCommand::echo, backend.hostChecks(), service, unregistered), progress);
            } finally {
                delete(dir);
            }
        }
        if (progress instanceof CliProgress p) {
            p.clear();
        }
        if (json) {
            ctx.printJson(report.json());
        } else {
            print(report);
        }
        if (report.error() != null) {
            throw report.error();
        }
        return report.ok() ? Cli.OK : Cli.FAILED;
    }

    private static AutoCloseable echo(io.hvx.core.Listener listener) {
        return ResponderServer.start(listener, ResponderServer.Kind.ECHO, ResponderServer.Options.defaults());
    }

    /** A sandbox with no VMs: the self-test reaches its own listener through loopback. */
    private static SandboxVms noVms() {
        return new SandboxVms() {
            @Override
            public Optional<Vm> find(Guid vmId) {
                return Optional.empty();
            }

            @Override
            public List<SandboxSeed.Responder> responders(Guid vmId) {
                return List.of();
            }

            @Override
            public List<Vm> all() {
                return List.of();
            }

            @Override
            public ServicePolicy policy(Guid vmId, Guid serviceId) {
                return ServicePolicy.DEFERRED; // no VMs, so no per-VM policies
            }
        };
    }

    /** A short directory of its own (socket paths are limited to 108 bytes). */
    private static Path privateSandbox() {
        try {
            Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
            return Files.createTempDirectory(tmp, "hvxst");
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("tester.selftest.noTemp", e.getMessage()), e.toString(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary directory harms nothing; the log says where it is
            LOG.log(System.Logger.Level.WARNING, "Could not remove the self-test directory " + dir, e);
        }
    }

    private void print(SelfTest.Report report) {
        var out = ctx.out();
        for (TestResult r : report.results()) {
            TestCommand.print(ctx, r);
        }
        out.println();
        out.println(Messages.get("tester.selftest.observed"));
        for (String line : report.observed()) {
            out.println("  " + line);
        }
        out.println();
        out.println(Messages.get(report.ok() ? "tester.selftest.passed" : "tester.selftest.failed"));
        out.flush();
    }
}
