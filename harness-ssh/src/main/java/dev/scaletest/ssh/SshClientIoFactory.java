package dev.scaletest.ssh;

import dev.scaletest.net.NettyClientTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.io.IOException;
import java.nio.channels.AsynchronousChannelGroup;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.RuntimeSshException;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2Acceptor;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.common.util.threads.ThreadUtils;

/**
 * The shared client's I/O. Direct sessions run on Netty event loops ({@link NettyIoConnector}):
 * MINA's NIO2 sessions cost a hand-off per packet (the JDK's poller thread wakes a pool thread for
 * every completion, and a write started by the tick pacer completes on a third), which was about a
 * quarter of the harness's CPU per SSH stream (bench/RESULTS.md). Proxy-command sessions stay on
 * NIO2 ({@link ProxyCommandConnector}), because the command's {@link CommandListener} accepts its
 * socket as an NIO2 channel, which must belong to the group the sessions run on.
 * {@link Nio2ServiceFactory} keeps its own group private, so this one makes a second the same way
 * (MINA's fixed pool of {@code nio-workers} threads behind
 * {@link AsynchronousChannelGroup#withThreadPool}); the inherited group stays empty, costing its
 * one idle polling thread. Both thread counts are {@code nio-workers}.
 */
final class SshClientIoFactory extends Nio2ServiceFactory {
    private final CloseableExecutorService workers;
    private final AsynchronousChannelGroup group;
    private final CloseableExecutorService resuming;
    private final NettyClientTransport transport;
    private final EventLoopGroup loops;

    private SshClientIoFactory(FactoryManager manager) {
        super(manager, null, null);
        String name = manager.toString();
        int threads = getNioWorkers(manager);
        workers = ThreadUtils.newFixedThreadPool(name + "-nio2", threads);
        try {
            group = AsynchronousChannelGroup.withThreadPool(ThreadUtils.noClose(workers));
        } catch (IOException e) {
            workers.shutdownNow();
            throw new RuntimeSshException("cannot start the SSH client's channel group: " + e.getMessage(), e);
        }
        resuming = ThreadUtils.newFixedThreadPool(name + "-nio2-resume", threads);
        transport = NettyClientTransport.choose(System.getenv());
        loops = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("ssh-loop", true), transport.ioHandlers());
    }

    /** The NIO2 group proxy-command sessions run on: the command listener accepts their sockets into it. */
    AsynchronousChannelGroup channelGroup() {
        return group;
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        ProxyCommandConnector proxied = new ProxyCommandConnector(this, getFactoryManager(), handler, group, resuming);
        return autowireCreatedService(new NettyIoConnector(getFactoryManager(), handler, loops, transport.channelType(), proxied));
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        return autowireCreatedService(new Nio2Acceptor(this, getFactoryManager(), handler, group, resuming));
    }

    @Override
    protected void doCloseImmediately() {
        try {
            resuming.shutdownNow();
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
            group.shutdownNow();
            group.awaitTermination(5, TimeUnit.SECONDS);
            workers.shutdownNow();
        } catch (IOException e) {
            // a channel that fails to close is dropped with the group
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            super.doCloseImmediately();
        }
    }

    /** What the shared client is given ({@code setIoServiceFactoryFactory}) to build its I/O with this factory. */
    static final class Provider extends Nio2ServiceFactoryFactory {
        @Override
        public IoServiceFactory create(FactoryManager manager) {
            return new SshClientIoFactory(manager);
        }
    }
}
