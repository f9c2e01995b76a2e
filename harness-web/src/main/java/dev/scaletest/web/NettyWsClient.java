package dev.scaletest.web;

import dev.scaletest.coder.TlsTrust;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.net.NettyClientTransport;
import dev.scaletest.traffic.StreamFailure;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;

/**
 * The default WebSocket client: every connection runs on one shared Netty event loop group owned by
 * this object, so ten thousand terminals cost a handful of threads. Close it once at the end of the
 * run.
 */
public final class NettyWsClient implements WsClient {

    /** Error bodies of refused upgrades are small JSON documents; anything beyond is cut. */
    private static final int MAX_HANDSHAKE_RESPONSE_BYTES = 64 * 1024;
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(32 * 1024, 64 * 1024);

    private final EventLoopGroup group;
    private final NettyClientTransport transport;
    private final WsCounters counters = new WsCounters();
    // One TLS context per trust setting, built on first wss:// use: plain ws:// runs never pay for TLS setup.
    private final Map<TlsTrust, SslContext> tlsContexts = new HashMap<>();

    /** One I/O thread per available processor. */
    public NettyWsClient() {
        this(Math.max(1, Runtime.getRuntime().availableProcessors()));
    }

    public NettyWsClient(int ioThreads) {
        this.transport = NettyClientTransport.choose(System.getenv());
        this.group = new MultiThreadIoEventLoopGroup(ioThreads, new DefaultThreadFactory("scaletest-ws", true),
                transport.ioHandlers());
    }

    private synchronized SslContext tls(TlsTrust trust) {
        SslContext context = tlsContexts.get(trust);
        if (context == null) {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .endpointIdentificationAlgorithm(trust.checksHostName() ? "HTTPS" : null);
            trust.trustManager().ifPresent(builder::trustManager);
            try {
                context = builder.build();
            } catch (SSLException e) {
                throw new IllegalStateException("cannot set up the TLS client context", e);
            }
            tlsContexts.put(trust, context);
        }
        return context;
    }

    @Override
    public CompletableFuture<WsSession> connect(WsRequest request, WsHandler handler) {
        HttpHeaders headers = new DefaultHttpHeaders();
        request.headers().forEach(h -> headers.add(h.name(), h.value()));
        // No Origin header (like Go's client) and no extensions: compression stays off.
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                request.uri(), WebSocketVersion.V13, null, false, headers, request.maxMessageBytes(),
                true, false, 10_000L, false, false);
        NettyWsSession session = new NettyWsSession(request, handler, handshaker, counters);
        SslContext tls = request.tls() ? tls(request.tlsTrust()) : null;
        String host = request.uri().getHost();
        int port = request.port();
        long timeoutMillis = request.connectTimeout().toMillis();
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(transport.channelType())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, timeoutMillis))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        ChannelPipeline pipeline = channel.pipeline();
                        if (tls != null) {
                            SslHandler ssl = tls.newHandler(channel.alloc(), host, port);
                            ssl.setHandshakeTimeoutMillis(timeoutMillis);
                            pipeline.addLast("tls", ssl);
                        }
                        pipeline.addLast("http", new HttpClientCodec());
                        pipeline.addLast("http-aggregator", new HttpObjectAggregator(MAX_HANDSHAKE_RESPONSE_BYTES));
                        pipeline.addLast("ws-session", session);
                    }
                });
        ChannelFuture connecting;
        try {
            connecting = bootstrap.connect(host, port);
        } catch (RuntimeException e) {
            session.failConnect(WsFailures.error(request.target(), e));
            return session.opened();
        }
        connecting.addListener(done -> {
            if (!done.isSuccess()) {
                session.failConnect(WsFailures.error(request.target(), done.cause()));
            }
        });
        var deadline = connecting.channel().eventLoop().schedule(() -> session.failConnect(new StreamFailure(
                ErrorClass.TIMEOUT, "websocket connect to " + request.target() + " timed out after "
                + request.connectTimeout())), timeoutMillis, TimeUnit.MILLISECONDS);
        return session.opened().whenComplete((ok, failed) -> deadline.cancel(false));
    }

    @Override
    public int openSessions() {
        return counters.open.get();
    }

    @Override
    public WsClientStats stats() {
        return counters.snapshot();
    }

    @Override
    public String name() {
        return "netty";
    }

    /** Drops all connections and stops the I/O threads (waits up to 5 s for them). */
    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
