package dev.scaletest.web;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One Netty WebSocket connection: performs the upgrade, classifies a refused upgrade with Coder's
 * error message, then passes messages to the {@link WsHandler} and reports the end once.
 */
final class NettyWsSession extends ChannelInboundHandlerAdapter implements WsSession {

    private static final int NO_STATUS = 1005;

    private final WsRequest request;
    private final WsHandler handler;
    private final WebSocketClientHandshaker handshaker;
    private final WsCounters counters;
    private final CompletableFuture<WsSession> opened = new CompletableFuture<>();
    private final AtomicBoolean endReported = new AtomicBoolean();
    /** Set once the connect outcome (open or failed) is decided, before {@link #opened} completes. */
    private final AtomicBoolean settled = new AtomicBoolean();

    private volatile Channel channel;
    private volatile boolean open;
    private volatile boolean aborted;
    // Touched on the event loop only.
    private boolean closeSent;
    private int closeCode = -1;
    private String closeReason;
    private StreamFailure failure;

    NettyWsSession(WsRequest request, WsHandler handler, WebSocketClientHandshaker handshaker,
                   WsCounters counters) {
        this.request = request;
        this.handler = handler;
        this.handshaker = handshaker;
        this.counters = counters;
    }

    CompletableFuture<WsSession> opened() {
        return opened;
    }

    void failConnect(StreamFailure reason) {
        if (settled.compareAndSet(false, true)) {
            counters.connectFailures.increment();
            opened.completeExceptionally(reason);
            Channel ch = channel;
            if (ch != null) {
                ch.close();
            }
        }
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        channel = ctx.channel();
        if (settled.get()) {
            // The connect deadline passed while the channel was still being registered.
            ctx.close();
        }
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        handshaker.handshake(ctx.channel()).addListener(done -> {
            if (!done.isSuccess()) {
                failConnect(WsFailures.error(request.target(), done.cause()));
            }
        });
        ctx.fireChannelActive();
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (msg instanceof FullHttpResponse response) {
                upgraded(ctx, response);
            } else if (msg instanceof BinaryWebSocketFrame frame) {
                counters.received(frame.content().readableBytes());
                handler.onBinary(frame.content().nioBuffer());
            } else if (msg instanceof TextWebSocketFrame frame) {
                counters.received(frame.content().readableBytes());
                handler.onText(frame.text());
            } else if (msg instanceof PingWebSocketFrame ping) {
                ctx.writeAndFlush(new PongWebSocketFrame(ping.content().retain()));
            } else if (msg instanceof CloseWebSocketFrame close) {
                serverClosed(ctx, close);
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    private void upgraded(ChannelHandlerContext ctx, FullHttpResponse response) {
        if (settled.get()) {
            ctx.close();
            return;
        }
        if (!HttpResponseStatus.SWITCHING_PROTOCOLS.equals(response.status())) {
            failConnect(WsFailures.handshakeStatus(request.target(), response.status().code(),
                    response.status().reasonPhrase(), ByteBufUtil.getBytes(response.content())));
            ctx.close();
            return;
        }
        try {
            handshaker.finishHandshake(ctx.channel(), response);
        } catch (RuntimeException e) {
            failConnect(new StreamFailure(ErrorClass.HANDSHAKE_STATUS,
                    "websocket upgrade of " + request.target() + " failed: " + e.getMessage(), e));
            ctx.close();
            return;
        }
        ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(request.maxMessageBytes()));
        if (!settled.compareAndSet(false, true)) {
            ctx.close();
            return;
        }
        open = true;
        counters.sessionOpened();
        opened.complete(this);
    }

    private void serverClosed(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
        closeCode = close.statusCode() < 0 ? NO_STATUS : close.statusCode();
        closeReason = close.reasonText();
        if (closeSent) {
            ctx.close();
            return;
        }
        closeSent = true;
        CloseWebSocketFrame reply = closeCode == NO_STATUS ? new CloseWebSocketFrame()
                : new CloseWebSocketFrame(closeCode, "");
        ctx.writeAndFlush(reply).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!settled.get()) {
            failConnect(WsFailures.error(request.target(), cause));
        } else if (failure == null) {
            if (cause instanceof CorruptedWebSocketFrameException corrupted) {
                failure = new StreamFailure(ErrorClass.WS_CLOSE, "websocket " + request.target() + " closed with status "
                        + corrupted.closeStatus().code() + ": " + cause.getMessage(), cause);
            } else if (cause instanceof java.io.IOException) {
                // A reset or broken pipe on an open session: the connection is gone without a close
                // frame, which WebSocket reports as 1006 (as Java-WebSocket and Go's client do).
                failure = WsFailures.closed(request.target(), WsFailures.ABNORMAL_CLOSURE, null);
            } else {
                failure = WsFailures.error(request.target(), cause);
            }
        }
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!settled.get()) {
            failConnect(failure != null ? failure : new StreamFailure(ErrorClass.CONNECT,
                    "connection to " + request.target() + " closed during the websocket upgrade"));
        } else if (open && endReported.compareAndSet(false, true)) {
            counters.open.decrementAndGet();
            StreamFailure end;
            if (aborted) {
                end = null;
            } else if (failure != null) {
                end = failure;
            } else {
                end = WsFailures.closed(request.target(), closeCode < 0 ? WsFailures.ABNORMAL_CLOSURE : closeCode,
                        closeReason);
            }
            handler.onClosed(end);
        }
        ctx.fireChannelInactive();
    }

    @Override
    public ByteBufAllocator alloc() {
        Channel ch = channel;
        return ch != null ? ch.alloc() : ByteBufAllocator.DEFAULT;
    }

    @Override
    public CompletableFuture<Void> sendBinary(ByteBuf payload, boolean flush) {
        Channel ch = channel;
        if (!open || ch == null || !ch.isActive()) {
            payload.release();
            return CompletableFuture.failedFuture(notOpen());
        }
        counters.sent(payload.readableBytes());
        BinaryWebSocketFrame frame = new BinaryWebSocketFrame(payload);
        if (!flush) {
            // Failures of unflushed frames surface on the flushing frame and in onClosed.
            ch.write(frame, ch.voidPromise());
            return CompletableFuture.completedFuture(null);
        }
        return writeAndFlush(ch, frame);
    }

    /** The messages go out pre-framed and masked in one buffer, past the frame encoder. */
    @Override
    public CompletableFuture<Void> sendBinaryMessages(byte[] data, int[] ends, int count) {
        Channel ch = channel;
        if (!open || ch == null || !ch.isActive()) {
            return CompletableFuture.failedFuture(notOpen());
        }
        if (count == 0) {
            return CompletableFuture.completedFuture(null);
        }
        counters.sent(count, ends[count - 1]);
        ByteBuf wire = ClientFrames.binary(ch.alloc(), data, ends, count);
        return writeAndFlush(ch, wire);
    }

    /** Writes and flushes, completing with the write's outcome as a stream failure. */
    private CompletableFuture<Void> writeAndFlush(Channel ch, Object message) {
        CompletableFuture<Void> written = new CompletableFuture<>();
        ChannelPromise promise = ch.newPromise();
        promise.addListener(done -> {
            if (done.isSuccess()) {
                written.complete(null);
            } else {
                written.completeExceptionally(ch.isActive() ? WsFailures.error(request.target(), done.cause())
                        : notOpen());
            }
        });
        ch.writeAndFlush(message, promise);
        return written;
    }

    private StreamFailure notOpen() {
        return new StreamFailure(ErrorClass.WS_CLOSE, "websocket " + request.target() + " is not open");
    }

    @Override
    public boolean writable() {
        Channel ch = channel;
        return ch != null && ch.isWritable();
    }

    @Override
    public void close(int code, String reason) {
        Channel ch = channel;
        if (ch == null) {
            return;
        }
        ch.eventLoop().execute(() -> {
            if (closeSent || !open || !ch.isActive()) {
                return;
            }
            closeSent = true;
            ch.writeAndFlush(new CloseWebSocketFrame(code, reason == null ? "" : reason));
        });
    }

    @Override
    public ScheduledExecutorService eventLoop() {
        Channel ch = channel;
        return ch != null ? ch.eventLoop() : null;
    }

    @Override
    public void abort() {
        aborted = true;
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }
}
