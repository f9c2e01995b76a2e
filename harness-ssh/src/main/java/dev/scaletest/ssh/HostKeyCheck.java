package dev.scaletest.ssh;

import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * A {@link HostKeyPolicy} bound to the host name and port one connection's key is listed under.
 * One per connection: it keeps why it rejected the key, which outlives the session's attributes
 * (MINA clears them when the rejected session closes).
 */
final class HostKeyCheck {
    private final HostKeyPolicy policy;
    private final SshdSocketAddress host;
    private final AtomicReference<String> rejection = new AtomicReference<>();

    HostKeyCheck(HostKeyPolicy policy, SshdSocketAddress host) {
        this.policy = policy;
        this.host = host;
    }

    boolean verify(ClientSession session, PublicKey serverKey) {
        boolean accepted = policy.verify(session, host, serverKey);
        if (!accepted) {
            rejection.compareAndSet(null, HostKeyPolicy.rejection(session));
        }
        return accepted;
    }

    /** Why the key was rejected, once it was. */
    Optional<String> rejection() {
        return Optional.ofNullable(rejection.get());
    }
}
