/**
 * WebSocket streams to Coder: the web terminal (reconnecting PTY), workspace app WebSockets, the
 * build-log follower and the {@code --run-command} output reader.
 *
 * <p>Create one {@link dev.scaletest.web.WsClient} per run and share it: {@link dev.scaletest.web.NettyWsClient}
 * (default; all connections on one event loop group it owns) or {@link dev.scaletest.web.JavaWsClient}
 * (Java-WebSocket, two threads per connection, for cross-checks). Close it at the end of the run.
 *
 * <pre>{@code
 * try (WsClient client = new NettyWsClient()) {
 *     PtyTarget pty = PtyTarget.random(agentId, "dd if=/dev/stdin of=/dev/null bs=1024 status=none", 80, 25, "ws-1.main");
 *     StreamTransport terminal = new TerminalTransport(client, endpoint, pty);
 *     StreamConnection stream = terminal.open(listener).join();   // open(...) again re-attaches, same reconnect id
 *     stream.send(tick, 0, tick.length);
 *     stream.finish(Duration.ofSeconds(30)).join();              // Ctrl-C, wait for the server's close
 *
 *     StreamTransport app = new AppTransport(client, endpoint, appUrl, "ws-1.main/echo");
 *     // build logs and --run-command as the workspace's user (userClient.endpoint(): the user's token)
 *     new BuildLogFollower(client).follow(userEndpoint, buildId, 0, line -> print(line)).join();
 *     new PtyCommandReader(client, Duration.ofSeconds(30)).read(userEndpoint, pty, runTimeout, line -> check(line)).join();
 * }
 * }</pre>
 *
 * <p>Failures are {@link dev.scaletest.traffic.StreamFailure}s: CONNECT (refused, unreachable), TLS,
 * AUTH (401/403 on upgrade), HANDSHAKE_STATUS (other non-101 answers, with Coder's error message),
 * WS_CLOSE (close status other than 1000, or connection lost), TIMEOUT (connect/upgrade or finish).
 *
 * <p>What Coder expects on the wire is not decided here: URLs come from
 * {@link dev.scaletest.coder.wire.CoderUrls}, header names and the session cookie from
 * {@link dev.scaletest.coder.wire.CoderHeaders} (assembled once, in {@link dev.scaletest.web.WsRequest}),
 * and which certificates are trusted from {@link dev.scaletest.coder.TlsTrust}.
 *
 * <p>May import {@code dev.scaletest.coder}, {@code dev.scaletest.coder.wire}, {@code dev.scaletest.errors},
 * {@code dev.scaletest.net} (the socket layer) and {@code dev.scaletest.traffic}.
 */
package dev.scaletest.web;
