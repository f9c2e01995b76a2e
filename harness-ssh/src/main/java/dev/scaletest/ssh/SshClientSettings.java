package dev.scaletest.ssh;

import java.time.Duration;

/**
 * Settings of the one {@link SharedSshClient} a process uses for all SSH streams.
 *
 * @param nioWorkers        I/O threads shared by every SSH connection (MINA's default is cores + 1)
 * @param heartbeatInterval SSH_MSG_IGNORE keep-alive interval so idle NATs and proxies keep the
 *                          connection; zero disables it
 * @param idleTimeout       a session with no traffic for this long is closed by the client
 * @param authTimeout       key exchange plus authentication must finish within this time
 */
public record SshClientSettings(int nioWorkers, Duration heartbeatInterval, Duration idleTimeout, Duration authTimeout) {

    public SshClientSettings {
        if (nioWorkers < 1) {
            throw new IllegalArgumentException("nioWorkers must be at least 1, got " + nioWorkers);
        }
        requirePositiveOrZero("heartbeatInterval", heartbeatInterval);
        requirePositiveOrZero("idleTimeout", idleTimeout);
        requirePositiveOrZero("authTimeout", authTimeout);
        if (authTimeout.isZero()) {
            throw new IllegalArgumentException("authTimeout must be positive");
        }
    }

    /** Two I/O threads, 30 s heartbeat, 10 min idle timeout, 60 s authentication timeout. */
    public static SshClientSettings defaults() {
        return new SshClientSettings(2, Duration.ofSeconds(30), Duration.ofMinutes(10), Duration.ofSeconds(60));
    }

    public SshClientSettings withNioWorkers(int workers) {
        return new SshClientSettings(workers, heartbeatInterval, idleTimeout, authTimeout);
    }

    private static void requirePositiveOrZero(String name, Duration value) {
        if (value == null || value.isNegative()) {
            throw new IllegalArgumentException(name + " must be zero or positive, got " + value);
        }
    }
}
