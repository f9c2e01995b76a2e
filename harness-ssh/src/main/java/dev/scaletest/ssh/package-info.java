/**
 * SSH streams for the traffic scenario's SSH mode, on Apache MINA SSHD.
 *
 * <p>One {@link dev.scaletest.ssh.SharedSshClient} per process serves every stream; each
 * {@link dev.scaletest.ssh.SshTransport} targets one workspace and opens one SSH session per
 * stream, running a command (normally {@link dev.scaletest.traffic.EchoCommand#dd(int, boolean)})
 * in an exec channel without PTY:
 *
 * <pre>{@code
 * // import dev.scaletest.traffic.EchoCommand;
 * try (SharedSshClient ssh = SharedSshClient.start()) {
 *     SshTransport direct = SshTransport.builder(ssh)
 *             .user("owner.workspace")
 *             .direct("10.0.0.5", 22)
 *             .credentials(SshCredentials.none().withKeyFile(Path.of("id_ed25519")))
 *             .hostKeys(HostKeyPolicy.knownHosts(Path.of("known_hosts")))
 *             .command(EchoCommand.dd(1024, true))
 *             .build();
 *     SshTransport viaCoder = SshTransport.builder(ssh)
 *             .user("alice.ws-1")
 *             .route(new SshRoute.ProxyCommand("coder ssh --stdio {owner}/{workspace}", "alice", "ws-1", null, 0, Map.of()))
 *             .hostKeys(HostKeyPolicy.acceptAny())
 *             .command(EchoCommand.dd(1024, true))
 *             .build();
 *     StreamConnection stream = direct.open(listener).join();
 * }
 * }</pre>
 *
 * <p>Every session runs on Netty event loops ({@code NettyIoConnector} makes
 * {@link dev.scaletest.minanetty.NettyIoSession}s; the socket layer is
 * {@link dev.scaletest.net.NettyClientTransport}'s), and each stream is paced on its
 * session's loop, so a tick is encrypted and written on the thread that owns the socket: no
 * hand-off between threads per packet, as on the web terminal.
 *
 * <p>Proxy commands cost no thread per stream: one bash per client ({@code ProxyCommandSpawner},
 * started on the first proxy stream) starts each command with its stdin/stdout on a loopback socket
 * that it connects to the client's {@code CommandListener} (on the same loops), and that very
 * socket becomes the SSH session's ({@code CommandSocket}, {@code ProxyCommandConnector}): the
 * bytes cross the JVM once, as on a direct route.
 * They need a bash with {@code /dev/tcp} (GNU bash); without one, opening a proxy stream fails in
 * one line.
 *
 * <p>Failures are {@link dev.scaletest.traffic.StreamFailure}s whose message starts with the
 * target: CONNECT (refused, unreachable, proxy command died, connection lost mid-stream), TIMEOUT
 * (open not done within the connect timeout, finish not done in time), AUTH (credentials
 * rejected, host unknown to or changed in known_hosts), SSH_CHANNEL (channel open failure, exec
 * refused, exit status other than 0/255, exit signal other than HUP, channel closed without status).
 *
 * <p>The remote command and the tick bounds are the traffic engine's ({@code EchoCommand},
 * {@code TickPayload}): nothing here decides them. May import: {@code dev.scaletest.errors},
 * {@code dev.scaletest.net} (the socket layer), {@code dev.scaletest.minanetty} (MINA on Netty) and
 * {@code dev.scaletest.traffic}, nothing else of {@code dev.scaletest}.
 */
package dev.scaletest.ssh;
