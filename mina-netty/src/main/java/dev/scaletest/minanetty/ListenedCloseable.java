package dev.scaletest.minanetty;

import org.apache.sshd.common.io.IoServiceEventListener;
import org.apache.sshd.common.io.IoServiceEventListenerManager;
import org.apache.sshd.common.util.closeable.AbstractCloseable;

/**
 * MINA's event listener, kept for a service ({@link NettyIoService}) or a factory of services
 * ({@link NettyIoServiceFactory}); MINA sets it on both.
 */
abstract class ListenedCloseable extends AbstractCloseable implements IoServiceEventListenerManager {
    private volatile IoServiceEventListener eventListener;

    @Override
    public IoServiceEventListener getIoServiceEventListener() {
        return eventListener;
    }

    @Override
    public void setIoServiceEventListener(IoServiceEventListener listener) {
        this.eventListener = listener;
    }
}
