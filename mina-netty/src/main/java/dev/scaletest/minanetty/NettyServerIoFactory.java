package dev.scaletest.minanetty;

import org.apache.sshd.common.Factory;
import org.apache.sshd.common.FactoryManager;
import org.apache.sshd.common.io.IoAcceptor;
import org.apache.sshd.common.io.IoConnector;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.io.IoServiceFactoryFactory;
import org.apache.sshd.common.util.threads.CloseableExecutorService;

/**
 * What an SSH server is given ({@code setIoServiceFactoryFactory}) to accept its sessions on Netty's
 * event loops ({@link NettyIoAcceptor}). It makes no outgoing connections: a server built on it
 * forwards no ports and runs no agent forwarding.
 */
public final class NettyServerIoFactory implements IoServiceFactoryFactory {
    private final NettyServerLoops loops;

    public NettyServerIoFactory(NettyServerLoops loops) {
        this.loops = loops;
    }

    @Override
    public IoServiceFactory create(FactoryManager manager) {
        return new Services(manager, loops);
    }

    /** The loops are the caller's, so there is no executor of MINA's to make or close. */
    @Override
    public void setExecutorServiceFactory(Factory<CloseableExecutorService> factory) {
    }

    private static final class Services extends NettyIoServiceFactory {
        private final FactoryManager manager;
        private final NettyServerLoops loops;

        Services(FactoryManager manager, NettyServerLoops loops) {
            this.manager = manager;
            this.loops = loops;
        }

        @Override
        public IoConnector createConnector(IoHandler handler) {
            throw new UnsupportedOperationException("this SSH server only accepts connections; it makes none");
        }

        @Override
        public IoAcceptor createAcceptor(IoHandler handler) {
            return listened(new NettyIoAcceptor(manager, handler, loops));
        }
    }
}
