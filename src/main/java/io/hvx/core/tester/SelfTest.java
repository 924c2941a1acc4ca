package io.hvx.core.tester;

import io.hvx.core.Connector;
import io.hvx.core.Guid;
import io.hvx.core.HostChecks;
import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Listener;
import io.hvx.core.ListenerFactory;
import io.hvx.core.Mode;
import io.hvx.core.NameResolver;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import io.hvx.core.VmAlias;
import io.hvx.core.VsockTemplate;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The tester against itself, no VM needed: a temporary listener on {@code HV_GUID_LOOPBACK}
 * with a fresh vsock-template service ID (what go-winio's {@code hvsock_test.go} does), served by
 * the built-in echo, then connect, echo and throughput (up, down, both) through it. On the way it
 * records what the system answers for the open items of hvsocket-facts.md §8.1–8.3 — the error
 * for an unregistered service and for a missing listener, the default connect timeout, whether
 * this user may connect — as "observed" lines a user can paste into a bug report.
 *
 * <p>The {@link Rig} says where: on Windows the real AF_HYPERV ports of the backend; in the
 * sandbox (and in a Linux guest, whose hv_sock has no loopback) a private sandbox of its own,
 * so the user's sandbox and registrations are never touched.
 */
public final class SelfTest {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** The connect timeout of the probes that are expected to fail. */
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

    /**
     * Where the self-test runs.
     *
     * @param mode      the mode the observations are about
     * @param listeners binds the temporary listener
     * @param connector connects to it
     * @param responder serves a listener with the built-in echo (test header included) until closed
     * @param host      the platform checks, when there are any
     * @param unregistered a fresh service ID that is not registered here (for the "unregistered" observation)
     * @param service   the fresh service ID the test listens on (registered in a private sandbox,
     *                  unregistered on Windows, where that is what is observed)
     */
    public record Rig(Mode mode, ListenerFactory listeners, Connector connector,
                      Function<Listener, AutoCloseable> responder, Optional<HostChecks> host, Guid service,
                      Guid unregistered) {
    }

    /**
     * What the self-test found.
     *
     * @param error why the tests could not run (no listener could be bound), or null
     */
    public record Report(boolean ok, List<TestResult> results, List<String> observed, HvxException error) {
        public Report {
            results = List.copyOf(results);
            observed = List.copyOf(observed);
        }

        /** {@code {"ok", "connect", "echo", "throughput", "observed"}}: the tests' contract objects combined. */
        public Map<String, Object> json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("ok", ok);
            List<Object> throughput = new ArrayList<>();
            for (TestResult r : results) {
                Map<String, Object> j = TestReports.json(r);
                if (r instanceof TestResult.Throughput) {
                    Object t = j.get("throughput");
                    if (t != null) {
                        throughput.add(t);
                    }
                } else {
                    m.putAll(j);
                }
            }
            m.put("throughput", throughput);
            m.put("error", error == null ? null : error.getMessage());
            m.put("observed", observed);
            return m;
        }
    }

    /** A fresh vsock-template service ID (a random port), as go-winio's tests pick one. */
    public static Guid freshService() {
        return VsockTemplate.guidForPort(1 + RANDOM.nextLong(VsockTemplate.MAX_PORT));
    }

    private final Tester tester;

    public SelfTest(Tester tester) {
        this.tester = tester;
    }

    /** Runs the observations and the three tests; {@code progress} gets each test's progress. */
    public Report run(Rig rig, ProgressListener progress) throws InterruptedException {
        List<String> observed = new ArrayList<>();
        String mode = rig.mode().id();
        observe(rig, observed);
        Listener listener;
        try {
            listener = listen(rig, observed);
        } catch (HvxException e) {
            return new Report(false, List.of(), observed, e);
        }
        List<TestResult> results = new ArrayList<>();
        try (AutoCloseable served = rig.responder().apply(listener)) {
            NameResolver.Target target = new NameResolver.Target(
                    new NameResolver.Named(VmAlias.LOOPBACK.guid(), VmAlias.LOOPBACK.alias()),
                    new NameResolver.Named(rig.service(), "selftest " + rig.service()));
            Duration t = Duration.ofSeconds(5);
            results.add(tester.run(new TestPlan.Connect(50, 1, t), target, progress));
            results.add(tester.run(new TestPlan.Echo(2000, 64, 1, t), target, progress));
            for (Direction d : Direction.values()) {
                results.add(tester.run(new TestPlan.Throughput(d, List.of(64 * 1024), Duration.ofMillis(500), 0, t),
                        target, progress));
            }
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            // closing the responder failed after the tests ran: their results stand
            observed.add(line(mode, "self-test responder close", String.valueOf(e)));
        }
        boolean ok = results.stream().allMatch(TestResult::ok);
        TestResult first = results.getFirst();
        observed.add(line(mode, "8.3 this user connected to the self-test's loopback listener (service "
                        + (rig.service().equals(rig.unregistered()) ? "not registered" : "registered") + ")",
                first.run().error() == null && ((TestResult.Connect) first).failures() == 0 ? "yes"
                        : "no: " + describe(first.run().errorIfAny().orElse(null),
                        ((TestResult.Connect) first).failuresByCause().keySet().stream().findFirst().orElse(""))));
        return new Report(ok, results, observed, null);
    }

    /** The platform facts and the failures that are expected, before the listener exists. */
    private void observe(Rig rig, List<String> observed) {
        String mode = rig.mode().id();
        observed.add(line(mode, "system", System.getProperty("os.name") + " " + System.getProperty("os.version")
                + ", Java " + System.getProperty("java.version")));
        rig.host().ifPresent(h -> {
            observed.add(line(mode, "8.1 socket provider", h.socketProvider().detail()));
            observed.add(line(mode, "8.3 rights", switch (h.rights()) {
                case HostChecks.Rights.Windows w -> "elevated " + yesNo(w.elevated()) + ", Hyper-V Administrators "
                        + w.hyperVAdministrator().map(SelfTest::yesNo).orElse("unknown");
                case HostChecks.Rights.Sandbox s -> "sandbox directory " + s.dir() + (s.usable() ? " usable" : " NOT usable");
                case HostChecks.Rights.Guest g -> "guest (no special rights)";
            }));
            if (rig.mode() == Mode.WINDOWS) {
                var ms = h.defaultConnectTimeoutMs();
                observed.add(line(mode, "8.2 default HVSOCKET_CONNECT_TIMEOUT (read back from a fresh socket)",
                        ms.isPresent() ? ms.getAsLong() + " ms" : "could not be read"));
            }
        });
        HvEndpoint unregistered = new HvEndpoint(VmAlias.LOOPBACK.guid(), rig.unregistered());
        if (!rig.unregistered().equals(rig.service())) {
            observed.add(line(mode, "8.1 listen on loopback, unregistered service " + rig.unregistered(),
                    attemptListen(rig, unregistered)));
        }
        observed.add(line(mode, "8.1 connect to loopback, nobody listening (service " + rig.unregistered() + ")",
                attemptConnect(rig, unregistered)));
        HvEndpoint noVm = new HvEndpoint(Guid.random(), rig.unregistered());
        observed.add(line(mode, "8.1 connect to a VM ID that does not exist (" + noVm.vmId() + ", timeout "
                + PROBE_TIMEOUT.toMillis() + " ms)", attemptConnect(rig, noVm)));
    }

    /** The test's listener: loopback, else the wildcard (go-winio retries an ID already in use). */
    private static Listener listen(Rig rig, List<String> observed) {
        String mode = rig.mode().id();
        HvxException last = null;
        for (VmAlias vm : List.of(VmAlias.LOOPBACK, VmAlias.WILDCARD)) {
            HvEndpoint ep = new HvEndpoint(vm.guid(), rig.service());
            try {
                Listener l = rig.listeners().listen(ep);
                observed.add(line(mode, "8.1 listen on " + vm.alias() + " for the self-test (service " + rig.service() + ")", "ok"));
                return l;
            } catch (HvxException e) {
                observed.add(line(mode, "8.1 listen on " + vm.alias() + " for the self-test (service " + rig.service() + ")",
                        describe(e, "")));
                last = e;
            }
        }
        throw new OperationFailedException(Problem.of("tester.selftest.noListener", last.getMessage()), last.detail(), last);
    }

    private static String attemptListen(Rig rig, HvEndpoint ep) {
        try (Listener l = rig.listeners().listen(ep)) {
            return "ok (bound " + l.localAddress() + ")";
        } catch (HvxException e) {
            return describe(e, "");
        }
    }

    private static String attemptConnect(Rig rig, HvEndpoint ep) {
        long t0 = System.nanoTime();
        try (StreamConnection c = rig.connector().connect(ep, PROBE_TIMEOUT)) {
            return "connected (" + c.peerAddress() + ") after " + ms(t0) + " ms";
        } catch (HvxException e) {
            return describe(e, "") + " after " + ms(t0) + " ms";
        }
    }

    private static long ms(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    /** {@code failed: <key> [<detail>]}: the message key is language-neutral, the detail carries the code. */
    private static String describe(HvxException e, String fallback) {
        if (e == null) {
            return fallback;
        }
        String detail = e.detail() == null ? "" : " [" + e.detail().strip().replace('\n', ' ') + "]";
        return "failed: " + e.problem().key() + detail;
    }

    private static String yesNo(boolean b) {
        return b ? "yes" : "no";
    }

    /** One observation: {@code observed <mode> <item>: <what happened>} (English, for bug reports). */
    static String line(String mode, String item, String what) {
        return String.format(Locale.ROOT, "observed %s %s: %s", mode, item, what);
    }
}
