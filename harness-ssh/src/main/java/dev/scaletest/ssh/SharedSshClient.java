package dev.scaletest.ssh;

import java.net.SocketAddress;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.sshd.client.ClientBuilder;
import org.apache.sshd.client.SshClient;
import org.apache.sshd.client.config.hosts.HostConfigEntryResolver;
import org.apache.sshd.client.keyverifier.ServerKeyVerifier;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.cipher.BuiltinCiphers;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.keyprovider.KeyIdentityProvider;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The one started MINA {@link SshClient} that every {@link SshTransport} of a run shares. MINA starts
 * a pool of I/O threads per client, so one client per stream would cost threads per stream; here
 * the thread count is fixed by {@link SshClientSettings#nioWorkers()} whatever the stream count.
 *
 * <p>Host keys are checked per connection: each connect carries its transport's
 * {@link HostKeyCheck} in the connection context, and the client's verifier hands the key to it.
 * A proxy-command connect carries its {@link ProxyCommandRelay} there too, and its session is made
 * on the command's own socket. Every session runs on Netty event loops ({@link SshClientIoFactory}).
 */
public final class SharedSshClient implements AutoCloseable {
    /** Connection-context key under which a transport passes its host key check. */
    static final AttributeRepository.AttributeKey<HostKeyCheck> HOST_KEY_CHECK = new AttributeRepository.AttributeKey<>();

    /** Cipher order of golang.org/x/crypto/ssh on machines with AES instructions. */
    private static final List<BuiltinCiphers> CIPHER_PREFERENCE = List.of(BuiltinCiphers.aes128gcm, BuiltinCiphers.aes256gcm,
            BuiltinCiphers.cc20p1305_openssh, BuiltinCiphers.aes128ctr, BuiltinCiphers.aes192ctr, BuiltinCiphers.aes256ctr);

    /**
     * Key exchanges in the order of golang.org/x/crypto/ssh's client, which {@code coder ssh} and
     * Coder's agent use. MINA's default offers sntrup761x25519-sha512 first, which Go does not
     * implement, so a real agent never agrees to it, while MINA's own server (the simulator's)
     * would: its key generation in plain Java (BouncyCastle) took about 94% of the harness's CPU
     * while 300 SSH streams connected, and left most of them to time out.
     */
    private static final List<BuiltinDHFactories> KEX_PREFERENCE = List.of(BuiltinDHFactories.mlkem768x25519,
            BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh, BuiltinDHFactories.ecdhp256,
            BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp521, BuiltinDHFactories.dhg14_256);

    private final SshClient client;
    private final SshClientSettings settings;
    private final ProxyCommands proxyCommands;

    private SharedSshClient(SshClient client, SshClientSettings settings) {
        this.client = client;
        this.settings = settings;
        this.proxyCommands = new ProxyCommands(((SshClientIoFactory) client.getIoServiceFactory()).commandLoops());
    }

    /** Creates and starts the shared client. */
    public static SharedSshClient start(SshClientSettings settings) {
        SshClient client = SshClient.setUpDefaultClient();
        CoreModuleProperties.NIO_WORKERS.set(client, settings.nioWorkers());
        if (!settings.heartbeatInterval().isZero()) {
            CoreModuleProperties.HEARTBEAT_INTERVAL.set(client, settings.heartbeatInterval());
        }
        CoreModuleProperties.IDLE_TIMEOUT.set(client, settings.idleTimeout());
        CoreModuleProperties.AUTH_TIMEOUT.set(client, settings.authTimeout());
        // A tick's echo is one small write each way: Nagle would hold it until the previous one is acked.
        CoreModuleProperties.TCP_NODELAY.set(client, Boolean.TRUE);
        // Wait for the server's answer to "exec" so open() only succeeds once the command runs.
        CoreModuleProperties.REQUEST_EXEC_REPLY.set(client, Boolean.TRUE);
        // Go's client (Config.RekeyThreshold) rekeys after a volume of data, never after a time;
        // MINA's hourly limit also costs a clock read and a Duration for every packet.
        CoreModuleProperties.REKEY_TIME_LIMIT.set(client, Duration.ZERO);
        // Coder's Go client (golang.org/x/crypto/ssh) prefers AES-GCM; MINA's default puts
        // ChaCha20-Poly1305 first, which it computes in plain Java: a quarter of the harness's CPU
        // per SSH stream, where AES-GCM runs on the processor's AES instructions.
        client.setCipherFactories(new ArrayList<>(CIPHER_PREFERENCE));
        client.setKeyExchangeFactories(new ArrayList<>(KEX_PREFERENCE.stream().filter(BuiltinDHFactories::isSupported)
                .map(ClientBuilder.DH2KEX).toList()));
        client.setServerKeyVerifier(new PerConnectionVerifier());
        // Targets, users and keys come from each transport, never from ~/.ssh/config or ~/.ssh/id_*.
        client.setHostConfigEntryResolver(HostConfigEntryResolver.EMPTY);
        client.setKeyIdentityProvider(KeyIdentityProvider.EMPTY_KEYS_PROVIDER);
        // Sessions on Netty event loops: direct ones on a socket of their own, proxy-command ones on
        // the socket the command connected with (ProxyCommandConnector).
        client.setIoServiceFactoryFactory(new SshClientIoFactory.Provider());
        client.start();
        return new SharedSshClient(client, settings);
    }

    /** Starts a client with {@link SshClientSettings#defaults()}. */
    public static SharedSshClient start() {
        return start(SshClientSettings.defaults());
    }

    public SshClientSettings settings() {
        return settings;
    }

    SshClient client() {
        return client;
    }

    /** Where this client's streams start their proxy commands. */
    ProxyCommands proxyCommands() {
        return proxyCommands;
    }

    public boolean isOpen() {
        return client.isOpen();
    }

    /** Stops the client and its I/O threads; open sessions are closed at once, proxy commands killed. */
    @Override
    public void close() {
        client.stop();
        proxyCommands.close();
    }

    /** Dispatches each server key to the check its connection was opened with; none means reject. */
    private static final class PerConnectionVerifier implements ServerKeyVerifier {
        @Override
        public boolean verifyServerKey(ClientSession session, SocketAddress remoteAddress, PublicKey serverKey) {
            AttributeRepository context = session.getConnectionContext();
            HostKeyCheck check = context == null ? null : context.getAttribute(HOST_KEY_CHECK);
            return check != null && check.verify(session, serverKey);
        }
    }
}
