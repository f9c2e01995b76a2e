package dev.scaletest.simulator.app;

import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentTarget;
import dev.scaletest.simulator.agent.AgentWebSocketEndpoint;
import dev.scaletest.simulator.terminal.ConnectionDropper;
import dev.scaletest.simulator.terminal.StallGate;
import dev.scaletest.simulator.terminal.WebSocketUpgrade;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpRequest;

/**
 * A workspace app that echoes every WebSocket message back, binary as binary and text as text;
 * what the app mode of workspace-traffic talks to.
 */
public final class AppEchoEndpoint implements AgentWebSocketEndpoint, AutoCloseable {
    /** Largest frame accepted; the traffic client sends at most 1024 bytes per message. */
    public static final int MAX_FRAME_BYTES = 64 * 1024;

    private final Faults faults;
    private final long startNanos;
    private final SimulatorStats stats;
    private final WebSocketUpgrade upgrade;
    private final ConnectionDropper dropper;

    /** @param startNanos {@link System#nanoTime()} when the simulator started (the stall clock) */
    public AppEchoEndpoint(Faults faults, long startNanos, SimulatorStats stats) {
        this.faults = faults;
        this.startNanos = startNanos;
        this.stats = stats;
        this.upgrade = new WebSocketUpgrade(MAX_FRAME_BYTES, stats);
        this.dropper = new ConnectionDropper(faults.webSocketDropRate(), stats);
    }

    @Override
    public void accept(ChannelHandlerContext ctx, FullHttpRequest request, AgentTarget agent) {
        EchoFrameHandler echo = new EchoFrameHandler(stats);
        ChannelHandler[] handlers = StallGate.needed(faults)
                ? new ChannelHandler[] {new StallGate(faults, startNanos), echo}
                : new ChannelHandler[] {echo};
        ChannelFuture handshake = upgrade.upgrade(ctx, request, handlers);
        if (handshake == null) {
            return;
        }
        Channel channel = handshake.channel();
        handshake.addListener(done -> {
            if (done.isSuccess()) {
                ConnectionDropper.Registration drop =
                        dropper.register(() -> WebSocketUpgrade.cut(channel), channel.eventLoop());
                channel.closeFuture().addListener(closed -> drop.close());
            }
        });
    }

    @Override
    public void close() {
        dropper.close();
    }
}
