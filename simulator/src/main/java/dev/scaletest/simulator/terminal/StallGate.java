package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.Faults;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;

/**
 * The stall fault for a WebSocket stream: while the stall window is open, inbound frames are held
 * and the channel stops reading, so the client sees its echo arrive only after the window closes.
 * Sits just before the frame handler; costs one clock read per frame when a stall is configured.
 */
public final class StallGate extends ChannelInboundHandlerAdapter {
    private final Faults faults;
    private final long startNanos;
    private ArrayDeque<Object> held;
    private boolean resumeScheduled;

    public StallGate(Faults faults, long startNanos) {
        this.faults = faults;
        this.startNanos = startNanos;
    }

    /** True when the faults configure a stall at all; without one the gate need not be installed. */
    public static boolean needed(Faults faults) {
        return !faults.stallFor().isZero();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (resumeScheduled) {
            held.add(msg);
            return;
        }
        long remaining = faults.stallRemainingNanos(startNanos, System.nanoTime());
        if (remaining <= 0) {
            ctx.fireChannelRead(msg);
            return;
        }
        if (held == null) {
            held = new ArrayDeque<>();
        }
        held.add(msg);
        resumeScheduled = true;
        ctx.channel().config().setAutoRead(false);
        ctx.executor().schedule(() -> resume(ctx), remaining, TimeUnit.NANOSECONDS);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (!resumeScheduled) {
            ctx.fireChannelReadComplete();
        }
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held.clear();
        }
    }

    private void resume(ChannelHandlerContext ctx) {
        resumeScheduled = false;
        if (ctx.isRemoved()) {
            return;
        }
        Object msg;
        while ((msg = held.poll()) != null) {
            ctx.fireChannelRead(msg);
        }
        ctx.fireChannelReadComplete();
        ctx.channel().config().setAutoRead(true);
    }
}
