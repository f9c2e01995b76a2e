package dev.scaletest.minanetty;

import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceFactory;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * The base of an {@link IoServiceFactory} whose services run on Netty's event loops: it keeps the
 * event listener MINA sets and hands it to each connector or acceptor made. MINA's own
 * AbstractIoServiceFactory would do the same but insists on an executor of its own, which services
 * on the caller's loops have no use for.
 */
public abstract class NettyIoServiceFactory extends AbstractCloseable implements IoServiceFactory {
    private volatile IoServiceEventListener eventListener;

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return eventListener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        this.eventListener = listener;
    }

    /** {@code service}, told the event listener set on this factory. */
    protected <S extends IoService> S listened(S service) {
        service.setIoServiceEventListener(eventListener);
        return service;
    }
}
