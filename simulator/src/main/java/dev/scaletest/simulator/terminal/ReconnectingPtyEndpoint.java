package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The web terminal ({@code /api/v2/workspaceagents/{agent}/pty}): a reconnecting PTY per (agent,
 * {@code reconnect} id) running the {@code command} query parameter on a simulated Linux tty.
 * Binary frames both ways; JSON input objects in, raw terminal output out.
 */
public final class ReconnectingPtyEndpoint implements AgentWebSocketEndpoint, AutoCloseable {
    private final TerminalOptions options;
    private final Faults faults;
    private final long startNanos;
    private final SimulatorStats stats;
    private final WebSocketUpgrade upgrade;
    private final ConnectionDropper dropper;
    private final PtySessions sessions = new PtySessions();

    /**
     * @param startNanos {@link System#nanoTime()} when the simulator started; the stall window is
     *     measured from it
     */
    public ReconnectingPtyEndpoint(TerminalOptions options, Faults faults, long startNanos, SimulatorStats stats) {
        this.options = options;
        this.faults = faults;
        this.startNanos = startNanos;
        this.stats = stats;
        this.upgrade = new WebSocketUpgrade(options.maxFrameBytes(), stats);
        this.dropper = new ConnectionDropper(faults.webSocketDropRate(), stats);
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, AgentTarget agent) {
        QueryStringDecoder query = new QueryStringDecoder(request.uri());
        UUID reconnect;
        try {
            reconnect = UUID.fromString(parameter(query, "reconnect", ""));
        } catch (IllegalArgumentException e) {
            badRequest(ctx, "Query param \"reconnect\" must be a valid UUID.");
            return;
        }
        int width = size(query, "width");
        int height = size(query, "height");
        if (width < 0 || height < 0) {
            badRequest(ctx, "Query params \"width\" and \"height\" must be integers from 0 to 65535.");
            return;
        }
        String command = parameter(query, "command", "");
        PtyFrameHandler frames = new PtyFrameHandler(stats);
        ChannelHandler[] handlers = StallGate.needed(faults)
                ? new ChannelHandler[] {new StallGate(faults, startNanos), frames}
                : new ChannelHandler[] {frames};
        ChannelFuture handshake = upgrade.upgrade(ctx, request, handlers);
        if (handshake == null) {
            return;
        }
        PtySessions.Key key = new PtySessions.Key(agent.agentId(), reconnect);
        String prompt = "coder@" + agent.workspaceName() + ":~$ ";
        Channel channel = handshake.channel();
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                ConnectionDropper.Registration drop =
                        dropper.register(() -> WebSocketUpgrade.cut(channel), channel.eventLoop());
                channel.closeFuture().addListener(closed -> drop.close());
                attach(key, command, prompt, channel, frames);
            }
        });
    }

    /** Number of live sessions, attached or not. */
    public int sessionCount() {
        return sessions.size();
    }

    private void attach(PtySessions.Key key, String command, String prompt, Channel channel, PtyFrameHandler frames) {
        PtySession session = sessions.getOrCreate(key, k -> new PtySession(k, sessions, channel.eventLoop(),
                TerminalProgram.of(SimulatedCommand.parse(command, options.commands()), prompt, options.commands()),
                options, stats));
        // Input goes through the session's loop, queued after the attach below, so none is lost.
        frames.attached(session, channel.eventLoop());
        session.execute(() -> {
            if (!session.attach(channel)) {
                // The session ended between lookup and attach: start over with a fresh one.
                channel.eventLoop().execute(() -> attach(key, command, prompt, channel, frames));
            } else if (!channel.isActive()) {
                session.detach(channel);
            }
        });
    }

    /** A terminal dimension (default 80), or -1 when it is not a uint16. */
    private static int size(QueryStringDecoder query, String name) {
        try {
            int value = Integer.parseInt(parameter(query, name, "80"));
            return value >= 0 && value <= 65535 ? value : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static String parameter(QueryStringDecoder query, String name, String fallback) {
        List<String> values = query.parameters().get(name);
        return values == null || values.isEmpty() ? fallback : values.getFirst();
    }

    private static void badRequest(ChannelHandlerContext ctx, String message) {
        byte[] body = ("{\"message\":\"" + message.replace("\"", "\\\"") + "\"}").getBytes(StandardCharsets.UTF_8);
        DefaultFullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json");
        response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        dropper.close();
    }
}
