package io.hvx.cli;

import io.hvx.core.HvEndpoint;
import io.hvx.core.HvxException;
import io.hvx.core.Listener;
import io.hvx.core.Messages;
import io.hvx.core.NameResolver;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import io.hvx.core.StreamConnection;
import io.hvx.core.session.ConnectionSession;
import io.hvx.net.ResponderServer;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code hvx listen SERVICE}: accepts connections and answers them with a built-in responder, or
 * bridges one connection to stdin/stdout ({@code --stdio}, the default, like {@code nc -l}).
 *
 * <p>The bridged connection runs in a {@link ConnectionSession}, like {@code hvx connect}. The
 * built-in responders stay on {@link ResponderServer}'s own per-connection loops: they already
 * are a UI-free engine (one thread per connection, counters, idle timeout, connection limit),
 * and a session's write queue would add a copy and a thread hop to the echo and source paths
 * that {@code bench/run} measures.
 */
@Command(name = "listen", mixinStandardHelpOptions = true, resourceBundle = "i18n.cli")
public final class ListenCommand implements Callable<Integer> {

    private final CliContext ctx;

    @Parameters(index = "0", paramLabel = "SERVICE", descriptionKey = "param.listen.service")
    String service;

    @Option(names = "--vm", paramLabel = "VM", defaultValue = "wildcard", descriptionKey = "option.listen.vm")
    String vm;

    @ArgGroup(exclusive = true, multiplicity = "0..1")
    Kind kind = new Kind();

    static final class Kind {
        @Option(names = "--echo", descriptionKey = "option.listen.echo")
        boolean echo;
        @Option(names = "--sink", descriptionKey = "option.listen.sink")
        boolean sink;
        @Option(names = "--source", descriptionKey = "option.listen.source")
        boolean source;
        @Option(names = "--stdio", descriptionKey = "option.listen.stdio")
        boolean stdio;
    }

    static final NumberOption MAX_CONNECTIONS = new NumberOption("--max-connections", NumberOption.Unit.COUNT, 1,
            ResponderServer.Options.MAX_CONNECTIONS);
    /** Zero means never; a day is the most that still reads as an idle timeout. */
    static final NumberOption IDLE_TIMEOUT = new NumberOption("--idle-timeout", NumberOption.Unit.SECONDS, 0, 86_400);

    @Option(names = "--max-connections", paramLabel = "N", defaultValue = "64", descriptionKey = "option.listen.max")
    String maxConnections;

    @Option(names = "--idle-timeout", paramLabel = "SECONDS", defaultValue = "300", descriptionKey = "option.listen.idle")
    String idleTimeout;

    @Option(names = "--once", descriptionKey = "option.listen.once")
    boolean once;

    public ListenCommand(CliContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public Integer call() throws Exception {
        int max = MAX_CONNECTIONS.parseInt(maxConnections);
        Duration idle = Duration.ofSeconds(IDLE_TIMEOUT.parse(idleTimeout));
        NameResolver.Target target = ctx.backend().names().target(vm, service);
        HvEndpoint ep = target.endpoint();
        boolean stdio = kind.stdio || !(kind.echo || kind.sink || kind.source);
        ResponderServer.Kind k = kind.echo ? ResponderServer.Kind.ECHO
                : kind.sink ? ResponderServer.Kind.SINK : ResponderServer.Kind.SOURCE;
        Listener listener = ctx.backend().listenerFactory().listen(ep);
        // the server keeps a connection's failure to itself (one client going away ends only
        // its own conversation); the bridged one is the command's outcome, so it is kept here
        AtomicReference<HvxException> bridgeFailure = new AtomicReference<>();
        ResponderServer.Handler handler = stdio
                ? (c, activity) -> bridge(c, ep, activity, idle, bridgeFailure)
                : ResponderServer.handlerFor(k);
        ResponderServer.Options options = new ResponderServer.Options(stdio ? 1 : max, idle, once || stdio);
        ResponderServer server = ResponderServer.start(listener, handler, options);
        Thread hook = new Thread(server::close, "hvx-listen-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        ctx.err().println(Messages.get(stdio ? "net.cli.listening.stdio" : "net.cli.listening",
                target.vm().name(), ep.serviceId().toString(), server.localAddress(), stdio ? "stdio" : k.id()));
        ctx.err().flush();
        try {
            server.await();
        } finally {
            server.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // already shutting down: the hook closes the server
            }
        }
        if (server.failure().isPresent() && server.failure().get() instanceof HvxException h) {
            throw h;
        }
        if (bridgeFailure.get() != null) {
            throw bridgeFailure.get();
        }
        return Cli.OK;
    }

    private void bridge(StreamConnection c, HvEndpoint ep, ResponderServer.Activity activity, Duration idle,
                        AtomicReference<HvxException> failure) {
        try {
            StdioBridge.run(events -> ConnectionSession.accepted(c, ep, Clock.systemUTC(), events),
                    ctx.in(), ctx.rawOut(), activity);
        } catch (HvxException e) {
            // closing an idle connection fails its read; what the user needs to hear is the timeout
            failure.set(activity.closedForIdling()
                    ? new OperationFailedException(Problem.of("net.cli.idleClosed", idle.toSeconds()), null, e)
                    : e);
        }
    }
}
