package dev.scaletest.ssh;

import java.security.PublicKey;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/** A {@link HostKeyPolicy} bound to the host name and port one transport's key is listed under. */
record HostKeyCheck(HostKeyPolicy policy, SshdSocketAddress host) {
    boolean verify(ClientSession session, PublicKey serverKey) {
        return policy.verify(session, host, serverKey);
    }
}
