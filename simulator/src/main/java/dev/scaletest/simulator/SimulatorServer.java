package dev.scaletest.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.minanetty.NettyServerLoops;
import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.api.AgentRouting;
import dev.scaletest.simulator.api.ApiHandler;
import dev.scaletest.simulator.api.BoundedAggregator;
import dev.scaletest.simulator.api.BuildLogRoute;
import dev.scaletest.simulator.api.CoderRoutes;
import dev.scaletest.simulator.api.RateLimitGate;
import dev.scaletest.simulator.api.Route;
import dev.scaletest.simulator.api.StallClock;
import dev.scaletest.simulator.state.Deployment;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.InstantSource;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The simulated coderd HTTP side: REST API, build-log WebSockets, and the routing of web terminal
 * and app connections to their endpoints, all on one port served by NIO event loops.
 * Provisioner and agent timers run on one scheduler thread.
 */
public final class SimulatorServer implements AutoCloseable {
    private static final int MAX_REQUEST_BYTES = 1 << 20;

    private final SimulatorOptions options;
    private final SimulatorStats stats;
    private final ObjectMapper mapper = new ObjectMapper();
    private final ScheduledExecutorService scheduler;
    private final Deployment deployment;
    private final long startNanos;
    private volatile Faults faults;
    private EventLoopGroup acceptors;
    private EventLoopGroup workers;
    private NettyServerLoops loops;
    private Channel listener;
    private volatile URI url;

    public SimulatorServer(SimulatorOptions options) {
        this(options, new SimulatorStats(), System.nanoTime());
    }

    /** With counters and a start instant shared with the agent endpoints and the SSH server. */
    public SimulatorServer(SimulatorOptions options, SimulatorStats stats, long startNanos) {
        this.options = options;
        this.stats = stats;
        this.startNanos = startNanos;
        this.faults = options.faults();
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "simulator-provisioners");
            thread.setDaemon(true);
            return thread;
        });
        this.deployment = new Deployment(options, stats, scheduler, this::faults);
    }

    /** Binds the port and starts serving; returns this. */
    public synchronized SimulatorServer start() throws InterruptedException {
        if (listener != null) {
            throw new IllegalStateException("simulator already started at " + url);
        }
        StallClock stall = new StallClock(this::faults, startNanos);
        AgentRouting agentRouting = new AgentRouting(deployment, options.ptyEndpoint(), options.appEndpoint(),
                () -> String.valueOf(url), stats);
        BuildLogRoute buildLogs = new BuildLogRoute(deployment, mapper, stats, stall);
        List<Route> routes = new CoderRoutes(deployment, () -> String.valueOf(url), options.appHostWildcard(),
                agentRouting, buildLogs).routes();
        RateLimitGate rateLimits = new RateLimitGate(options.accessRules().rateLimits(), InstantSource.system(), stats);
        SslContext tls = options.tls().map(ServerTls::serverContext).orElse(null);
        ServerTransport transport = ServerTransport.choose(System.getenv());
        acceptors = new MultiThreadIoEventLoopGroup(1, transport.ioHandlers());
        workers = new MultiThreadIoEventLoopGroup(Math.max(2, Runtime.getRuntime().availableProcessors()), transport.ioHandlers());
        loops = new NettyServerLoops(acceptors, workers, transport.channelType());
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(acceptors, workers)
                .channel(transport.channelType())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        stats.connectionsOpen.increment();
                        channel.closeFuture().addListener(f -> stats.connectionsOpen.decrement());
                        if (tls != null) {
                            channel.pipeline().addLast("tls", tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline()
                                .addLast("http", new HttpServerCodec())
                                .addLast("aggregator", new BoundedAggregator(MAX_REQUEST_BYTES))
                                .addLast("api", new ApiHandler(routes, deployment, agentRouting, mapper, stats,
                                        SimulatorServer.this::faults, stall, rateLimits));
                    }
                });
        try {
            listener = bootstrap.bind(options.host(), options.port()).sync().channel();
        } catch (RuntimeException | InterruptedException e) {
            close();
            throw e;
        }
        InetSocketAddress bound = (InetSocketAddress) listener.localAddress();
        String host = bound.getAddress().isAnyLocalAddress() ? "127.0.0.1" : bound.getAddress().getHostAddress();
        if (host.contains(":")) {
            host = "[" + host + "]";
        }
        url = URI.create((tls == null ? "http://" : "https://") + host + ":" + bound.getPort());
        return this;
    }

    /**
     * This server's event loops, which the workspaces' SSH server shares (one set of loops per
     * process, as one Go runtime serves a Coder agent's every connection); null before
     * {@link #start()}, shut down by {@link #close()}.
     */
    public NettyServerLoops loops() {
        return loops;
    }

    /** The base URL, such as {@code http://127.0.0.1:38211} ({@code https://} with TLS); null before {@link #start()}. */
    public URI url() {
        return url;
    }

    public int port() {
        return url == null ? -1 : url.getPort();
    }

    /** Session token of the first user (site owner), created at construction. */
    public String adminToken() {
        return deployment.adminToken();
    }

    public UUID adminUserId() {
        return deployment.adminId();
    }

    public String adminUsername() {
        return deployment.adminUsername();
    }

    public UUID organizationId() {
        return deployment.organizationId();
    }

    /** Agent lookups for the terminal, app and SSH endpoints. */
    public AgentDirectory directory() {
        return deployment;
    }

    /** The deployment state, for tests and the combined simulator. */
    public Deployment deployment() {
        return deployment;
    }

    public SimulatorStats stats() {
        return stats;
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Monotonic start time (System.nanoTime) that the stall window is measured from. */
    public long startNanos() {
        return startNanos;
    }

    public Faults faults() {
        return faults;
    }

    /** Replaces the faults in effect from now on (requests, builds and log streams read them live). */
    public void faults(Faults faults) {
        this.faults = Objects.requireNonNull(faults, "faults");
    }

    /** Stops accepting, closes every connection and the timers; the port is free when this returns. */
    @Override
    public synchronized void close() {
        if (listener != null) {
            listener.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (acceptors != null) {
            acceptors.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        if (workers != null) {
            workers.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
        scheduler.shutdownNow();
    }
}
