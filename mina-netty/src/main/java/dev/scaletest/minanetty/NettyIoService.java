package dev.scaletest.minanetty;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.sshd.common.io.IoService;
import org.apache.sshd.common.io.IoSession;

/**
 * What a connector and an acceptor on Netty share: the sessions they made, numbered from one, and
 * MINA's event listener. Closing the service closes its sessions, as MINA's own services do.
 */
public abstract class NettyIoService extends ListenedCloseable implements IoService {
    private final AtomicLong ids = new AtomicLong();
    private final Map<Long, IoSession> sessions = new ConcurrentHashMap<>();

    protected NettyIoService() {
    }

    final long nextSessionId() {
        return ids.incrementAndGet();
    }

    final void opened(NettyIoSession session) {
        sessions.put(session.getId(), session);
    }

    final void closed(NettyIoSession session) {
        sessions.remove(session.getId());
    }

    @Override
    public Map<Long, IoSession> getManagedSessions() {
        return Map.copyOf(sessions);
    }

    @Override
    protected void doCloseImmediately() {
        sessions.values().forEach(s -> s.close(true));
        super.doCloseImmediately();
    }
}
