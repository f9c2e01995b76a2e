package dev.scaletest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A loopback WebSocket server playing coderd for the tests: checks cookie or header auth, records
 * upgrade requests and every frame received, echoes terminal input like a PTY (LF → CRLF), ends the
 * terminal on Ctrl-C, streams build logs, echoes app frames, and can refuse or fail on request.
 */
final class TestWsServer implements AutoCloseable {

    static final String TOKEN = "test-session-token";

    record Upgrade(String uri, Map<String, List<String>> headers) {
        String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null ? null : String.join(",", values);
        }

        String query(String key) {
            List<String> values = new QueryStringDecoder(uri).parameters().get(key);
            return values == null ? null : values.getFirst();
        }
    }

    record Frame(String path, boolean binary, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    /** Output a PTY prints for a command before the process exits (the "command" query value). */
    final Map<String, String> commandOutput = new ConcurrentHashMap<>();
    /** Commands whose PTY stays open without output until the client leaves. */
    final List<String> silentCommands = new CopyOnWriteArrayList<>();
    final List<String> buildLogs = new CopyOnWriteArrayList<>();
    final List<Upgrade> upgrades = new CopyOnWriteArrayList<>();
    final List<Frame> frames = new CopyOnWriteArrayList<>();
    final List<Integer> clientCloseCodes = new CopyOnWriteArrayList<>();
    volatile int refuseStatus;
    volatile String refuseBody = "";
    volatile int closeAfterUpgrade;
    /** Ends the connection right after the upgrade without a close frame. */
    volatile boolean dropAfterUpgrade;
    volatile boolean sendTextOnTerminal;
    volatile boolean ignoreCtrlC;

    private final ObjectMapper json = new ObjectMapper();
    private final Map<String, Integer> attachments = new ConcurrentHashMap<>();
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final SslContext tls;
    private final Channel server;

    TestWsServer() throws InterruptedException {
        this(null);
    }

    TestWsServer(SslContext tls) throws InterruptedException {
        this.tls = tls;
        this.server = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        if (tls != null) {
                            channel.pipeline().addLast(tls.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new Connection());
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
    }

    URI baseUrl() {
        int port = ((InetSocketAddress) server.localAddress()).getPort();
        return URI.create((tls != null ? "https" : "http") + "://127.0.0.1:" + port);
    }

    List<Frame> framesOn(String pathPart) {
        List<Frame> matching = new ArrayList<>();
        for (Frame frame : frames) {
            if (frame.path().contains(pathPart)) {
                matching.add(frame);
            }
        }
        return matching;
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Connection extends SimpleChannelInboundHandler<Object> {
        private WebSocketServerHandshaker handshaker;
        private String path;
        private String command;
        private boolean closeSent;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) throws IOException {
            if (msg instanceof FullHttpRequest request) {
                upgrade(ctx, request);
            } else if (msg instanceof CloseWebSocketFrame close) {
                clientCloseCodes.add(close.statusCode());
                if (closeSent) {
                    ctx.close();
                } else {
                    closeSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode(), "")).addListener(ChannelFutureListener.CLOSE);
                }
            } else if (msg instanceof WebSocketFrame frame) {
                byte[] bytes = ByteBufUtil.getBytes(frame.content());
                frames.add(new Frame(path, frame instanceof BinaryWebSocketFrame, bytes));
                if (path.endsWith("/pty")) {
                    terminalInput(ctx, bytes);
                } else if (frame instanceof BinaryWebSocketFrame) {
                    ctx.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
                }
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
            Map<String, List<String>> headers = new ConcurrentHashMap<>();
            request.headers().forEach(h -> headers.computeIfAbsent(h.getKey().toLowerCase(java.util.Locale.ROOT),
                    k -> new CopyOnWriteArrayList<>()).add(h.getValue()));
            Upgrade upgrade = new Upgrade(request.uri(), headers);
            upgrades.add(upgrade);
            path = new QueryStringDecoder(request.uri()).path();
            boolean api = path.startsWith("/api/v2/");
            boolean authorized = api
                    ? ("coder_session_token=" + TOKEN).equals(upgrade.header("cookie"))
                    : TOKEN.equals(upgrade.header("coder-session-token"));
            if (!authorized) {
                respond(ctx, HttpResponseStatus.UNAUTHORIZED, "{\"message\":\"You must be logged in to do that.\"}");
                return;
            }
            if (refuseStatus != 0) {
                respond(ctx, HttpResponseStatus.valueOf(refuseStatus), refuseBody);
                return;
            }
            String scheme = tls != null ? "wss" : "ws";
            handshaker = new WebSocketServerHandshakerFactory(scheme + "://" + request.headers().get(HttpHeaderNames.HOST)
                    + request.uri(), null, false, 8 * 1024 * 1024).newHandshaker(request);
            handshaker.handshake(ctx.channel(), request).addListener(done -> {
                if (done.isSuccess()) {
                    opened(ctx, upgrade);
                }
            });
        }

        private void opened(ChannelHandlerContext ctx, Upgrade upgrade) {
            if (dropAfterUpgrade) {
                ctx.close();
                return;
            }
            if (closeAfterUpgrade != 0) {
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(closeAfterUpgrade, "internal error"));
                return;
            }
            if (path.endsWith("/logs")) {
                for (String log : buildLogs) {
                    ctx.write(new TextWebSocketFrame(log));
                }
                closeSent = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""));
            } else if (path.endsWith("/pty")) {
                command = upgrade.query("command");
                int attached = attachments.merge(upgrade.query("reconnect"), 1, Integer::sum);
                if (attached > 1) {
                    ctx.writeAndFlush(binary("replayed output\r\n"));
                }
                if (sendTextOnTerminal) {
                    ctx.writeAndFlush(new TextWebSocketFrame("not a terminal byte stream"));
                }
                String output = commandOutput.get(command);
                if (output != null) {
                    ctx.write(binary(output));
                    closeSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""));
                }
            }
        }

        private void terminalInput(ChannelHandlerContext ctx, byte[] frame) throws IOException {
            for (String object : new String(frame, StandardCharsets.UTF_8).split("\n")) {
                if (object.isEmpty()) {
                    continue;
                }
                JsonNode request = json.readTree(object);
                String data = request.path("data").asText("");
                if (data.equals("\u0003") && !ignoreCtrlC) {
                    ctx.write(binary("^C"));
                    closeSent = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(1000, ""));
                    return;
                }
                if (!data.isEmpty() && !silentCommands.contains(command)) {
                    ctx.writeAndFlush(binary(data.replace("\n", "\r\n")));
                }
            }
        }

        private BinaryWebSocketFrame binary(String text) {
            return new BinaryWebSocketFrame(Unpooled.copiedBuffer(text, StandardCharsets.UTF_8));
        }

        private void respond(ChannelHandlerContext ctx, HttpResponseStatus status, String body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status,
                    Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
