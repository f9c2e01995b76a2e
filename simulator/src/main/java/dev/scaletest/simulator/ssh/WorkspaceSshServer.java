package dev.scaletest.simulator.ssh;

import dev.scaletest.minanetty.NettyServerIoFactory;
import dev.scaletest.minanetty.NettyServerLoops;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.agent.AgentDirectory;
import dev.scaletest.simulator.terminal.CommandOutput;
import dev.scaletest.simulator.terminal.ConnectionDropper;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.KeyPair;
import java.security.PublicKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.common.kex.BuiltinDHFactories;
import org.apache.sshd.common.config.keys.PublicKeyEntry;
import org.apache.sshd.common.session.Session;
import org.apache.sshd.common.session.SessionListener;
import org.apache.sshd.core.CoreModuleProperties;
import org.apache.sshd.server.ServerBuilder;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;

/**
 * The workspaces' SSH server on 127.0.0.1: log in as a workspace (see {@link WorkspaceLogin}) and
 * exec the {@code dd} family or configured commands. A shell request prints
 * {@link #SHELL_REFUSAL} and exits with status 1: interactive shells are not simulated. Commands use
 * MINA's asynchronous streams, so sessions hold no thread of their own. The sessions run on the
 * Netty event loops they are given ({@link NettyServerIoFactory}): each echo is read, encrypted
 * and written on the thread that owns its socket, as the harness's direct sessions are, where
 * MINA's NIO2 sessions hand every read from the JDK's polling thread to a pool thread.
 */
public final class WorkspaceSshServer implements AutoCloseable {
    /**
     * Exit status of a command ended by a signal (HUP from Coder's client): 255, as Coder's agent
     * reports a signalled process; Coder's SSH traffic client counts 255 as a normal end.
     */
    public static final int SIGNALLED_EXIT_STATUS = SimulatedExec.SIGNALLED_EXIT_STATUS;

    private static final AttributeRepository.AttributeKey<ConnectionDropper.Registration> DROP =
            new AttributeRepository.AttributeKey<>();

    /** What a shell session prints before it exits with status 1. */
    public static final String SHELL_REFUSAL = "interactive shells are not simulated; run a command instead";

    static final int LISTEN_BACKLOG = 1024;
    /**
     * The key exchanges a Coder agent's SSH server agrees to: golang.org/x/crypto/ssh's defaults, in
     * its order. MINA's own default adds sntrup761x25519-sha512, which Go does not implement; a
     * simulator that agreed to it would let a client pass here that a real agent refuses.
     */
    static final List<BuiltinDHFactories> AGENT_KEY_EXCHANGES = List.of(BuiltinDHFactories.mlkem768x25519,
            BuiltinDHFactories.curve25519, BuiltinDHFactories.curve25519_libssh, BuiltinDHFactories.ecdhp256,
            BuiltinDHFactories.ecdhp384, BuiltinDHFactories.ecdhp521, BuiltinDHFactories.dhg14_256, BuiltinDHFactories.dhg14);

    private final SshServer server;
    private final SimpleGeneratorHostKeyProvider hostKeys;
    private final ScheduledExecutorService timer;
    private final ConnectionDropper dropper;

    /**
     * @param startNanos {@link System#nanoTime()} when the simulator started (the stall clock)
     * @param loops where the sessions run; the caller shuts them down after {@link #close()}
     */
    public WorkspaceSshServer(SshOptions options, AgentDirectory agents, Faults faults, long startNanos,
            SimulatorStats stats, NettyServerLoops loops) {
        this.timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ssh-stream-faults");
            thread.setDaemon(true);
            return thread;
        });
        this.dropper = new ConnectionDropper(faults.sshDropRate(), stats);
        this.hostKeys = options.hostKeyPath().map(SimpleGeneratorHostKeyProvider::new)
                .orElseGet(SimpleGeneratorHostKeyProvider::new);
        hostKeys.setAlgorithm(KeyUtils.EC_ALGORITHM);
        hostKeys.setKeySize(256);
        WorkspaceLogin login = new WorkspaceLogin(agents, options.authorizedKeys());
        server = SshServer.setUpDefaultServer();
        server.setIoServiceFactoryFactory(new NettyServerIoFactory(loops));
        server.setHost("127.0.0.1");
        server.setPort(options.port());
        // Hundreds of streams connect in the same instant: the JDK's default backlog of 50 would
        // refuse some of them. Echo frames are small, so Nagle would hold them back by up to 40 ms.
        CoreModuleProperties.SOCKET_BACKLOG.set(server, LISTEN_BACKLOG);
        CoreModuleProperties.TCP_NODELAY.set(server, Boolean.TRUE);
        // A Coder agent's server (golang.org/x/crypto/ssh) rekeys after a volume of data, never
        // after a time, as MINA does hourly by default.
        CoreModuleProperties.REKEY_TIME_LIMIT.set(server, Duration.ZERO);
        server.setKeyPairProvider(hostKeys);
        server.setKeyExchangeFactories(new ArrayList<>(AGENT_KEY_EXCHANGES.stream().filter(BuiltinDHFactories::isSupported)
                .map(ServerBuilder.DH2KEX).toList()));
        server.setPasswordAuthenticator(login);
        server.setPublickeyAuthenticator(login);
        server.setKeyboardInteractiveAuthenticator(null);
        server.setCommandFactory(new WorkspaceCommands(options.commands(), faults, startNanos, timer, stats));
        server.setShellFactory(channel -> new ScriptedExec(
                new CommandOutput(List.of(SHELL_REFUSAL), false), 1, stats));
        server.addSessionListener(new SessionListener() {
            @Override
            public void sessionCreated(Session session) {
                stats.sshSessionsOpen.increment();
                session.setAttribute(DROP, dropper.register(() -> cut(session), timer));
            }

            @Override
            public void sessionClosed(Session session) {
                stats.sshSessionsOpen.decrement();
                ConnectionDropper.Registration drop = session.removeAttribute(DROP);
                if (drop != null) {
                    drop.close();
                }
            }
        });
    }

    public void start() throws IOException {
        server.start();
    }

    /** Where the server listens; valid after {@link #start()}. */
    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", server.getPort());
    }

    public PublicKey hostPublicKey() {
        Iterator<KeyPair> keys = hostKeys.loadKeys(null).iterator();
        return keys.next().getPublic();
    }

    /** The host key's SHA256 fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    public String hostKeyFingerprint() {
        return KeyUtils.getFingerPrint(hostPublicKey());
    }

    /** A known_hosts line for this server, e.g. {@code [127.0.0.1]:2222 ecdsa-sha2-nistp256 AAAA...}. */
    public String knownHostsLine() {
        return "[127.0.0.1]:" + server.getPort() + " " + PublicKeyEntry.toString(hostPublicKey());
    }

    private static void cut(Session session) {
        // An immediate close tears the TCP connection down without exit status or channel close.
        session.close(true);
    }

    @Override
    public void close() throws IOException {
        try {
            server.stop(true);
        } finally {
            dropper.close();
            timer.shutdownNow();
        }
    }
}
