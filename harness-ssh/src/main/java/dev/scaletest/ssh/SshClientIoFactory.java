package dev.scaletest.ssh;

import dev.scaletest.minanetty.NettyIoAcceptor;
import dev.scaletest.minanetty.NettyIoServiceFactory;
import dev.scaletest.minanetty.NettyServerLoops;
import dev.scaletest.net.NettyClientTransport;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The shared client's I/O: every session runs on Netty event loops ({@link NettyIoConnector}),
 * direct ones on a socket they connect and proxied ones on the socket their command connected back
 * with ({@link CommandListener}, listening on the same loops). MINA's NIO2 sessions cost a hand-off
 * per packet (the JDK's poller thread wakes a pool thread for every completion, and a write started
 * by the tick pacer completes on a third), which was about a quarter of the harness's CPU per SSH
 * stream (bench/RESULTS.md). There are {@code nio-workers} loops, MINA's own thread count.
 */
final class SshClientIoFactory extends NettyIoServiceFactory {
    private final FactoryManager manager;
    private final NettyClientTransport transport;
    private final EventLoopGroup loops;

    private SshClientIoFactory(FactoryManager manager) {
        this.manager = manager;
        transport = NettyClientTransport.choose(System.getenv());
        loops = new MultiThreadIoEventLoopGroup(CoreModuleProperties.NIO_WORKERS.getRequired(manager),
                new DefaultThreadFactory("ssh-loop", true), transport.ioHandlers());
    }

    /** The loops the proxy commands' listener accepts on, and on which their sessions then run. */
    NettyServerLoops commandLoops() {
        return new NettyServerLoops(loops, loops, transport.serverChannelType());
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        return listened(new NettyIoConnector(manager, handler, loops, transport.channelType()));
    }

    /** MINA's client asks for one only to forward ports or an agent, which no stream does. */
    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        return listened(new NettyIoAcceptor(manager, handler, commandLoops()));
    }

    @Override
    protected void doCloseImmediately() {
        try {
            loops.shutdownGracefully(0, 0, TimeUnit.SECONDS);
        } finally {
            super.doCloseImmediately();
        }
    }

    /** What the shared client is given ({@code setIoServiceFactoryFactory}) to build its I/O with this factory. */
    static final class Provider implements IoServiceFactoryFactory {
        @Override
        public IoServiceFactory create(FactoryManager manager) {
            return new SshClientIoFactory(manager);
        }

        /** The loops are this factory's own, so there is no executor of MINA's to make or close. */
        @Override
        public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
        }
    }
}
