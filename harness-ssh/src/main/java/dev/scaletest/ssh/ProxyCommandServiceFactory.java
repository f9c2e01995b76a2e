package dev.scaletest.ssh;

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
 * MINA's NIO2 I/O for the shared client, with the {@link ProxyCommandConnector} and a channel group
 * that the proxy commands' {@link CommandListener} can join: its accepted sockets must belong to
 * the group the sessions run on. {@link Nio2ServiceFactory} keeps its own group private, so this
 * one makes a second the same way (MINA's fixed pool of {@code nio-workers} threads behind
 * {@link AsynchronousChannelGroup#withThreadPool}) and serves every connector and acceptor from
 * it; the inherited group stays empty, costing its one idle polling thread.
 */
final class ProxyCommandServiceFactory extends Nio2ServiceFactory {
    private final CloseableExecutorService workers;
    private final AsynchronousChannelGroup group;
    private final CloseableExecutorService resuming;

    private ProxyCommandServiceFactory(FactoryManager manager) {
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
    }

    /** The group every SSH session of the client runs on. */
    AsynchronousChannelGroup channelGroup() {
        return group;
    }

    @Override
    public IoConnector createConnector(IoHandler handler) {
        return autowireCreatedService(new ProxyCommandConnector(this, getFactoryManager(), handler, group, resuming));
    }

    @Override
    public IoAcceptor createAcceptor(IoHandler handler) {
        return autowireCreatedService(new Nio2Acceptor(this, getFactoryManager(), handler, group, resuming));
    }

    @Override
    protected void doCloseImmediately() {
        try {
            resuming.shutdownNow();
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
            return new ProxyCommandServiceFactory(manager);
        }
    }
}
