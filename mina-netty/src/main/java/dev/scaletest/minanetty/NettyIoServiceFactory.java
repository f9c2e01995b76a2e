package dev.scaletest.minanetty;

import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoServiceFactory;

/**
 * The base of an {@link IoServiceFactory} whose services run on Netty's event loops: it hands the
 * event listener MINA sets on it to each connector or acceptor made. MINA's own
 * AbstractIoServiceFactory would do the same but insists on an executor of its own, which services
 * on the caller's loops have no use for.
 */
public abstract class NettyIoServiceFactory extends ListenedCloseable implements IoServiceFactory {
    /** {@code service}, told the event listener set on this factory. */
    protected <S extends IoService> S listened(S service) {
        service.setIoServiceEventListener(getIoServiceEventListener());
        return service;
    }
}
