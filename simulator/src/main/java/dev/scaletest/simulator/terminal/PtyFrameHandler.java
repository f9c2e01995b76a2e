package dev.scaletest.simulator.terminal;

import dev.scaletest.simulator.SimulatorStats;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.util.Arrays;

/**
 * The frames of one web-terminal WebSocket: decodes the client's JSON input into keystrokes for the
 * session and flushes the session's output once per read burst.
 */
final class PtyFrameHandler extends ChannelInboundHandlerAdapter implements PtyInputDecoder.Listener {
    private final PtyInputDecoder decoder = new PtyInputDecoder(this);
    private final SimulatorStats stats;
    private PtySession session;
    private boolean sameLoop;
    private boolean closing;
    private boolean inTextMessage;

    PtyFrameHandler(SimulatorStats stats) {
        this.stats = stats;
    }

    /** Called on the channel's loop once the handshake is done, before the session attaches it. */
    void attached(PtySession attachedSession, EventLoop channelLoop) {
        this.session = attachedSession;
        this.sameLoop = attachedSession.loop() == channelLoop;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (closing || !(msg instanceof WebSocketFrame frame)) {
                return;
            }
            switch (frame) {
                case BinaryWebSocketFrame binary -> {
                    inTextMessage = false;
                    decode(ctx, binary);
                }
                case ContinuationWebSocketFrame continuation -> {
                    if (inTextMessage) {
                        refuse(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text messages are not supported");
                    } else {
                        decode(ctx, continuation);
                    }
                }
                case TextWebSocketFrame text -> {
                    inTextMessage = true;
                    refuse(ctx, WebSocketCloseStatus.INVALID_MESSAGE_TYPE, "text messages are not supported");
                }
                case PingWebSocketFrame ping -> ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
                case CloseWebSocketFrame close -> {
                    closing = true;
                    ctx.writeAndFlush(new CloseWebSocketFrame(close.statusCode() < 0 ? 1000 : close.statusCode(), ""))
                            .addListener(ChannelFutureListener.CLOSE);
                }
                default -> {
                    // Pongs need no answer.
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void decode(ChannelHandlerContext ctx, WebSocketFrame frame) {
        if (session == null) {
            return;
        }
        try {
            decoder.feed(frame.content());
        } catch (IOException e) {
            refuse(ctx, WebSocketCloseStatus.INVALID_PAYLOAD_DATA, "malformed input: " + e.getMessage());
        }
    }

    @Override
    public void data(byte[] bytes, int length) {
        stats.bytesReceived.add(length);
        if (sameLoop) {
            session.input(bytes, length);
        } else {
            byte[] copy = Arrays.copyOf(bytes, length);
            PtySession target = session;
            target.execute(() -> target.input(copy, copy.length));
        }
    }

    @Override
    public void resize(int height, int width) {
        PtySession target = session;
        target.execute(() -> target.resize(height, width));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (session != null) {
            session.execute(session.flushTask);
        }
        ctx.fireChannelReadComplete();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        decoder.close();
        if (session != null) {
            PtySession target = session;
            target.execute(() -> target.detach(ctx.channel()));
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    private void refuse(ChannelHandlerContext ctx, WebSocketCloseStatus status, String reason) {
        if (closing) {
            return;
        }
        closing = true;
        ctx.writeAndFlush(new CloseWebSocketFrame(status.code(), reason)).addListener(ChannelFutureListener.CLOSE);
    }
}
