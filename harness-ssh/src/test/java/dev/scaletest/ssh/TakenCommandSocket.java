package dev.scaletest.ssh;

import static dev.scaletest.ssh.StreamChecks.WAIT;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DuplexChannel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * A proxy command's socket taken as an SSH session takes it ({@link CommandSocket#handOver}), with
 * blocking reads and writes for tests: what arrives is kept in order, and the end is noted.
 */
final class TakenCommandSocket extends ChannelInboundHandlerAdapter implements AutoCloseable {
    private final ByteArrayOutputStream received = new ByteArrayOutputStream();
    private int taken;
    private boolean ended;
    private volatile Channel channel;

    private TakenCommandSocket() {}

    /** Takes the socket that {@code relay}'s command connected with. */
    static TakenCommandSocket of(ProxyCommandRelay relay) throws Exception {
        return take(relay.socket().get(WAIT.toSeconds(), TimeUnit.SECONDS));
    }

    static TakenCommandSocket take(CommandSocket socket) throws Exception {
        TakenCommandSocket taken = new TakenCommandSocket();
        taken.channel = socket.channel();
        socket.handOver(taken).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return taken;
    }

    void write(byte[] data) throws IOException {
        if (!channel.writeAndFlush(Unpooled.wrappedBuffer(data)).awaitUninterruptibly().isSuccess()) {
            throw new IOException("write failed: the socket is closed");
        }
    }

    void shutdownOutput() {
        ((DuplexChannel) channel).shutdownOutput().awaitUninterruptibly();
    }

    boolean isOpen() {
        return channel.isOpen();
    }

    /** The next {@code n} bytes; fewer when the socket ended first. */
    synchronized byte[] read(int n) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (received.size() - taken < n && !ended && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
        byte[] all = received.toByteArray();
        int length = Math.min(n, all.length - taken);
        byte[] next = java.util.Arrays.copyOfRange(all, taken, taken + length);
        taken += length;
        return next;
    }

    /** Everything up to the end of the socket. */
    byte[] readToEnd() throws InterruptedException {
        awaitEnd();
        return read(Integer.MAX_VALUE);
    }

    /** Whether the socket ended (its peer closed it, or it was closed here) within the wait. */
    synchronized boolean awaitEnd() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!ended && System.nanoTime() < deadline) {
            TimeUnit.NANOSECONDS.timedWait(this, deadline - System.nanoTime());
        }
        return ended;
    }

    @Override
    public synchronized void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf bytes = (ByteBuf) msg;
        try {
            bytes.readBytes(received, bytes.readableBytes());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } finally {
            bytes.release();
        }
        notifyAll();
    }

    @Override
    public synchronized void channelInactive(ChannelHandlerContext ctx) {
        ended = true;
        notifyAll();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }

    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
    }
}
