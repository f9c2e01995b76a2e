package dev.scaletest.ssh;

import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Objects;
import org.apache.sshd.client.config.hosts.KnownHostEntry;
import org.apache.sshd.client.keyverifier.KnownHostsServerKeyVerifier;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.util.net.SshdSocketAddress;

/**
 * How server host keys are checked: against an OpenSSH known_hosts file, or not at all. One policy
 * may be shared by any number of transports. Callers should print a warning when
 * {@link #acceptsAnyHostKey()} is true.
 */
public final class HostKeyPolicy {
    private static final AttributeRepository.AttributeKey<String> REJECTION = new AttributeRepository.AttributeKey<>();

    private final Path knownHostsFile;
    private final String advice;
    private final KnownHostsServerKeyVerifier knownHosts;

    private HostKeyPolicy(Path knownHostsFile, String advice) {
        this.knownHostsFile = knownHostsFile;
        this.advice = advice;
        if (knownHostsFile == null) {
            this.knownHosts = null;
        } else {
            this.knownHosts = new KnownHostsServerKeyVerifier(new UnknownHostRejection(this), knownHostsFile);
            this.knownHosts.setModifiedServerKeyAcceptor(this::rejectChangedKey);
        }
    }

    /**
     * Checks host keys against {@code file} (OpenSSH known_hosts format, hashed names and
     * {@code [host]:port} entries included). An unknown host or a changed key is rejected.
     *
     * @throws IllegalArgumentException if the file is not a readable regular file
     */
    public static HostKeyPolicy knownHosts(Path file) {
        Objects.requireNonNull(file, "known_hosts file");
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new IllegalArgumentException("known_hosts file " + file + " is not a readable file");
        }
        return new HostKeyPolicy(file.toAbsolutePath(), "");
    }

    /** Accepts every host key (no protection against a man in the middle). */
    public static HostKeyPolicy acceptAny() {
        return new HostKeyPolicy(null, "");
    }

    /**
     * The same policy with {@code text} appended to every rejection message, e.g. how to accept
     * the key; the caller knows its own flags, this class does not.
     */
    public HostKeyPolicy withRejectionAdvice(String text) {
        return knownHosts == null ? this : new HostKeyPolicy(knownHostsFile, text == null || text.isBlank() ? "" : "; " + text.strip());
    }

    public boolean acceptsAnyHostKey() {
        return knownHosts == null;
    }

    /** The known_hosts file, or null when any key is accepted. */
    public Path knownHostsFile() {
        return knownHostsFile;
    }

    @Override
    public String toString() {
        return acceptsAnyHostKey() ? "accept any host key" : "known_hosts " + knownHostsFile;
    }

    /** The check for one target: {@code hostName} and {@code port} are what known_hosts is searched for. */
    HostKeyCheck forHost(String hostName, int port) {
        return new HostKeyCheck(this, new SshdSocketAddress(hostName, port));
    }

    boolean verify(ClientSession session, SshdSocketAddress host, PublicKey serverKey) {
        if (knownHosts == null) {
            return true;
        }
        boolean accepted = knownHosts.verifyServerKey(session, host, serverKey);
        if (!accepted && session.getAttribute(REJECTION) == null) {
            session.setAttribute(REJECTION, "host key " + describe(serverKey) + " of " + displayName(host)
                    + " is rejected by " + knownHostsFile + advice);
        }
        return accepted;
    }

    /** Why this policy rejected the session's host key, or null if it did not. */
    static String rejection(ClientSession session) {
        return session == null ? null : session.getAttribute(REJECTION);
    }

    private boolean rejectChangedKey(ClientSession session, SocketAddress remoteAddress, KnownHostEntry entry,
            PublicKey expected, PublicKey actual) {
        session.setAttribute(REJECTION, "host key of " + displayName(remoteAddress) + " changed: " + knownHostsFile + " has "
                + describe(expected) + ", server sent " + describe(actual) + advice);
        return false;
    }

    private static String describe(PublicKey key) {
        return KeyUtils.getKeyType(key) + " " + KeyUtils.getFingerPrint(key);
    }

    static String displayName(SocketAddress address) {
        if (address instanceof SshdSocketAddress s) {
            return s.getPort() == 22 ? s.getHostName() : "[" + s.getHostName() + "]:" + s.getPort();
        }
        return String.valueOf(address);
    }

    /** Called by MINA for hosts that known_hosts does not list. */
    private record UnknownHostRejection(HostKeyPolicy policy) implements ServerKeyVerifier {
        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            session.setAttribute(REJECTION, "host " + displayName(remoteAddress) + " is not in " + policy.knownHostsFile
                    + " (server sent " + describe(serverKey) + ")" + policy.advice);
            return false;
        }
    }
}
