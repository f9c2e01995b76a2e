package dev.scaletest.ssh;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamConnection;
import dev.scaletest.traffic.StreamFailure;
import dev.scaletest.traffic.StreamListener;
import dev.scaletest.traffic.StreamTransport;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.sshd.client.future.ConnectFuture;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.client.session.ClientSession.ClientSessionEvent;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.channel.StreamingChannel;
import org.apache.sshd.common.session.ConnectionService;

/**
 * Opens SSH exec streams (no PTY) to one workspace, each on its own SSH session of the
 * {@link SharedSshClient}. {@link #open} may be called again after a stream ended.
 *
 * <p>Open failures: refused/unreachable/proxy command died → {@link ErrorClass#CONNECT}; no session,
 * authentication, channel or exec reply within the connect timeout → {@link ErrorClass#TIMEOUT};
 * wrong credentials, and also an unknown or changed host key → {@link ErrorClass#AUTH}; channel
 * open failure or exec refused → {@link ErrorClass#SSH_CHANNEL}. Every message starts with the
 * target ({@code user@host:port} or {@code user@workspace via proxy command}).
 */
public final class SshTransport implements StreamTransport {
    private final SharedSshClient client;
    private final String user;
    private final SshRoute route;
    private final SshCredentials credentials;
    private final HostKeyPolicy hostKeys;
    private final String command;
    private final Duration connectTimeout;
    private final long writeHighWaterMark;
    private final String target;

    private SshTransport(Builder b) {
        this.client = Objects.requireNonNull(b.client, "shared SSH client");
        this.user = requireText(b.user, "SSH user");
        this.route = Objects.requireNonNull(b.route, "SSH route (direct or proxy command)");
        this.credentials = Objects.requireNonNull(b.credentials, "SSH credentials");
        this.hostKeys = Objects.requireNonNull(b.hostKeys, "host key policy (known_hosts or accept any)");
        this.command = requireText(b.command, "remote command");
        this.connectTimeout = Objects.requireNonNull(b.connectTimeout, "connect timeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive, got " + connectTimeout);
        }
        if (b.writeHighWaterMark < 1) {
            throw new IllegalArgumentException("write high-water mark must be positive, got " + b.writeHighWaterMark);
        }
        this.writeHighWaterMark = b.writeHighWaterMark;
        this.target = user + "@" + route.label();
    }

    public static Builder builder(SharedSshClient client) {
        return new Builder(client);
    }

    @Override
    public String describe() {
        return "ssh " + target;
    }

    /** True when host keys are not checked; the caller should warn. */
    public boolean acceptsAnyHostKey() {
        return hostKeys.acceptsAnyHostKey();
    }

    public String command() {
        return command;
    }

    /**
     * Checks the server's host key as a stream would, before any stream opens: connects, runs the
     * key exchange and disconnects without authenticating (with a proxy command, the command runs
     * once for it).
     *
     * @return the rejection, worded as {@link #open}'s AUTH failure would word it, when the policy
     *         rejects the server's key; empty when it accepts the key, when any key is accepted, or
     *         when the check could not be made (refused, timed out: opening a stream reports those)
     */
    public Optional<String> hostKeyRejection() throws InterruptedException {
        if (hostKeys.acceptsAnyHostKey()) {
            return Optional.empty();
        }
        ProxyCommandRelay relay = null;
        ClientSession session = null;
        try {
            HostKeyCheck check = hostKeys.forHost(route.hostKeyName(), route.hostKeyPort());
            if (route instanceof SshRoute.ProxyCommand proxy) {
                relay = client.proxyCommands().start(proxy.commandLine(user), proxy.environment());
            }
            ConnectFuture connect = connect(check, relay);
            if (!connect.await(connectTimeout) || !connect.isConnected()) {
                return Optional.empty();
            }
            session = connect.getSession();
            session.waitFor(EnumSet.of(ClientSessionEvent.WAIT_AUTH, ClientSessionEvent.CLOSED), connectTimeout);
            return check.rejection().map(reason -> target + ": " + reason);
        } catch (InterruptedIOException e) {
            throw new InterruptedException("host key check of " + target + " interrupted");
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        } finally {
            if (session != null) {
                session.close(true);
            }
            if (relay != null) {
                relay.close();
            }
        }
    }

    /**
     * Connects to the direct route's server, or starts a session on the proxy command's socket:
     * the connection context hands the host key check to the shared client and, with a proxy
     * command, its relay to the {@link ProxyCommandConnector}.
     */
    private ConnectFuture connect(HostKeyCheck check, ProxyCommandRelay relay) throws IOException {
        if (relay == null) {
            SshRoute.Direct direct = (SshRoute.Direct) route;
            return client.client().connect(user, direct.host(), direct.port(),
                    AttributeRepository.ofKeyValuePair(SharedSshClient.HOST_KEY_CHECK, check), null);
        }
        // The relay's address (where the command connected) is only the session's name for its
        // peer: the connector opens no connection for a context that names a relay.
        InetSocketAddress named = relay.address();
        return client.client().connect(user, named.getHostString(), named.getPort(), AttributeRepository.ofAttributesMap(
                Map.of(SharedSshClient.HOST_KEY_CHECK, check, ProxyCommandConnector.PROXY_COMMAND, relay)), null);
    }

    @Override
    public CompletableFuture<StreamConnection> open(StreamListener listener) {
        Objects.requireNonNull(listener, "listener");
        OpenAttempt attempt = new OpenAttempt(listener);
        attempt.start();
        return attempt.result;
    }

    /** One open: connect, authenticate, open the channel, start the command. */
    private final class OpenAttempt {
        private final StreamListener listener;
        private final CompletableFuture<StreamConnection> result = new CompletableFuture<>();
        private volatile String stage = "connecting";
        private volatile ClientSession session;
        private volatile ProxyCommandRelay relay;

        OpenAttempt(StreamListener listener) {
            this.listener = listener;
        }

        void start() {
            CompletableFuture.delayedExecutor(connectTimeout.toMillis(), TimeUnit.MILLISECONDS).execute(() -> failWithProxyState(
                    new StreamFailure(ErrorClass.TIMEOUT, target + ": no stream within " + connectTimeout.toMillis()
                            + " ms (stuck " + stage + ")")));
            try {
                if (route instanceof SshRoute.ProxyCommand proxy) {
                    relay = client.proxyCommands().start(proxy.commandLine(user), proxy.environment());
                    // Like OpenSSH: a proxy command that ends before the session is up is a lost connection.
                    relay.whenExited(() -> failWithProxyState(new StreamFailure(ErrorClass.CONNECT,
                            target + ": proxy command ended before the stream was open (" + stage + ")")));
                }
                ConnectFuture connect = connect(hostKeys.forHost(route.hostKeyName(), route.hostKeyPort()), relay);
                connect.addListener(this::connected);
            } catch (IOException | RuntimeException e) {
                fail(new StreamFailure(ErrorClass.CONNECT, target + ": " + OpenFailures.message(e), e));
            }
        }

        private void connected(ConnectFuture connect) {
            if (!connect.isConnected()) {
                Throwable e = connect.getException();
                failWithProxyState(OpenFailures.classifyConnect(target, e));
                return;
            }
            ClientSession s = connect.getSession();
            session = s;
            if (result.isDone()) {
                s.close(true);
                return;
            }
            stage = "in key exchange or authentication";
            try {
                credentials.applyTo(s);
                s.auth().addListener(auth -> {
                    if (auth.isSuccess()) {
                        openChannel(s);
                    } else {
                        failWithProxyState(OpenFailures.classifyAuth(target, s, auth.getException(), relay));
                    }
                });
            } catch (IOException | RuntimeException e) {
                failWithProxyState(OpenFailures.classifyAuth(target, s, e, relay));
            }
        }

        private void openChannel(ClientSession s) {
            stage = "opening the channel";
            ExecChannel channel = new ExecChannel(command);
            channel.setStreaming(StreamingChannel.Streaming.Async);
            try {
                s.getService(ConnectionService.class).registerChannel(channel);
                channel.addCloseFutureListener(f -> channel.execReply()
                        .completeExceptionally(new IOException("channel closed before the exec reply")));
                channel.open().addListener(opened -> {
                    if (!opened.isOpened()) {
                        fail(OpenFailures.channelFailure(target, s, "channel open failed", opened.getException(), relay));
                        return;
                    }
                    stage = "waiting for the exec reply";
                    channel.execReply().whenComplete((accepted, error) -> {
                        if (Boolean.TRUE.equals(accepted)) {
                            streamReady(s, channel);
                        } else if (error != null) {
                            fail(OpenFailures.channelFailure(target, s, "no exec reply", error, relay));
                        } else {
                            fail(new StreamFailure(ErrorClass.SSH_CHANNEL,
                                    target + ": server refused to run `" + command + "`"));
                        }
                    });
                });
            } catch (IOException | RuntimeException e) {
                fail(OpenFailures.channelFailure(target, s, "channel open failed", e, relay));
            }
        }

        private void streamReady(ClientSession s, ExecChannel channel) {
            SshStream stream = new SshStream(target, s, channel, relay, listener, writeHighWaterMark);
            if (result.complete(stream)) {
                stream.start();
            } else {
                s.close(true);
            }
        }

        /** With a proxy command, waits briefly for its stderr so the message says why it died. */
        private void failWithProxyState(StreamFailure failure) {
            ProxyCommandRelay r = relay;
            if (r == null || result.isDone() || failure.errorClass() == ErrorClass.AUTH) {
                fail(failure);
                return;
            }
            Thread.ofVirtual().name("ssh-proxy-failure").start(() -> {
                r.awaitStderr(Duration.ofMillis(500));
                fail(new StreamFailure(failure.errorClass(), failure.getMessage() + " (" + r.describeState() + ")",
                        failure.getCause()));
            });
        }

        private void fail(StreamFailure failure) {
            if (!result.completeExceptionally(failure)) {
                return;
            }
            ClientSession s = session;
            if (s != null) {
                s.close(true);
            }
            ProxyCommandRelay r = relay;
            if (r != null) {
                r.close();
            }
        }
    }

    private static String requireText(String value, String what) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return value;
    }

    /** Options of one transport; {@code user}, {@code route} and {@code command} are required. */
    public static final class Builder {
        private final SharedSshClient client;
        private String user;
        private SshRoute route;
        private SshCredentials credentials = SshCredentials.none();
        private HostKeyPolicy hostKeys;
        private String command;
        private Duration connectTimeout = Duration.ofSeconds(30);
        private long writeHighWaterMark = 256 * 1024;

        private Builder(SharedSshClient client) {
            this.client = client;
        }

        /** The SSH user, e.g. {@code <owner>.<workspace>} or the workspace name. */
        public Builder user(String value) {
            this.user = value;
            return this;
        }

        public Builder route(SshRoute value) {
            this.route = value;
            return this;
        }

        public Builder direct(String host, int port) {
            return route(SshRoute.direct(host, port));
        }

        public Builder proxyCommand(String template, String workspace) {
            return route(SshRoute.proxyCommand(template, workspace));
        }

        /** A proxy command run with {@code environment} added to the process's own. */
        public Builder proxyCommand(String template, String workspace, Map<String, String> environment) {
            return route(SshRoute.proxyCommand(template, workspace).withEnvironment(environment));
        }

        public Builder credentials(SshCredentials value) {
            this.credentials = value;
            return this;
        }

        /** Required: known_hosts checking or {@link HostKeyPolicy#acceptAny()}. */
        public Builder hostKeys(HostKeyPolicy value) {
            this.hostKeys = value;
            return this;
        }

        /** The remote command, e.g. {@link dev.scaletest.traffic.EchoCommand#dd(int, boolean)}. */
        public Builder command(String value) {
            this.command = value;
            return this;
        }

        /** Budget for connect + key exchange + authentication + channel + exec reply (default 30 s). */
        public Builder connectTimeout(Duration value) {
            this.connectTimeout = value;
            return this;
        }

        /** {@link StreamConnection#writable()} turns false at this many queued bytes (default 256 KiB). */
        public Builder writeHighWaterMark(long bytes) {
            this.writeHighWaterMark = bytes;
            return this;
        }

        public SshTransport build() {
            return new SshTransport(this);
        }
    }
}
