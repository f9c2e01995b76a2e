package dev.scaletest.simulator.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.state.BuildLogFeed;
import dev.scaletest.simulator.wire.CoderJson;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.UncheckedIOException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Serves one build-log WebSocket: every log after the client's {@code after} id as a text frame,
 * then live ones, then a normal close (1000) once the job has finished. All sending happens on the
 * channel's event loop; the provisioner only wakes it up.
 */
final class BuildLogStream extends ChannelInboundHandlerAdapter {
    private final BuildLogFeed feed;
    private final ObjectMapper mapper;
    private final SimulatorStats stats;
    private final StallClock stall;
    private final Runnable wakeUp = this::wakeUp;
    private Channel channel;
    private long lastSent;
    private boolean closing;
    private boolean pumpQueued;

    BuildLogStream(BuildLogFeed feed, long after, ObjectMapper mapper, SimulatorStats stats, StallClock stall) {
        this.feed = feed;
        this.lastSent = after;
        this.mapper = mapper;
        this.stats = stats;
        this.stall = stall;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
    }

    /** Called on the event loop once the handshake response went out. */
    void start() {
        stats.webSocketsOpen.increment();
        channel.closeFuture().addListener(f -> {
            stats.webSocketsOpen.decrement();
            feed.unsubscribe(wakeUp);
        });
        feed.subscribe(wakeUp);
        pump();
    }

    private void wakeUp() {
        try {
            channel.eventLoop().execute(() -> {
                if (!pumpQueued) {
                    pump();
                }
            });
        } catch (RejectedExecutionException shuttingDown) {
            feed.unsubscribe(wakeUp);
        }
    }

    private void pump() {
        pumpQueued = false;
        if (closing || !channel.isActive()) {
            return;
        }
        long stalled = stall.remainingNanos();
        if (stalled > 0) {
            pumpQueued = true;
            channel.eventLoop().schedule(this::pump, stalled, TimeUnit.NANOSECONDS);
            return;
        }
        // Read "finished" before the logs: no log is added after the job finished, so a finished
        // job's logs are then all in this read.
        boolean finished = feed.finished();
        for (CoderJson.ProvisionerJobLog log : feed.logsAfter(lastSent)) {
            channel.write(new TextWebSocketFrame(json(log)));
            lastSent = log.id();
        }
        if (finished) {
            closing = true;
            channel.writeAndFlush(new CloseWebSocketFrame(1000, "")).addListener(ChannelFutureListener.CLOSE);
        } else {
            channel.flush();
        }
    }

    private String json(CoderJson.ProvisionerJobLog log) {
        try {
            return mapper.writeValueAsString(log);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot render build log " + log.id(), e);
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof CloseWebSocketFrame close) {
                closing = true;
                ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                        .addListener(ChannelFutureListener.CLOSE);
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
