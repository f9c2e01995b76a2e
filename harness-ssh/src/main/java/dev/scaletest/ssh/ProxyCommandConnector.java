package dev.scaletest.ssh;

import dev.scaletest.minanetty.NettyIoSession;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * The connect of a session whose context names a {@link ProxyCommandRelay} ({@link #PROXY_COMMAND}):
 * it opens no socket but waits for the one the proxy command connected with, and makes the session
 * on it as {@link NettyIoConnector} makes one on a socket it connected itself. So the command's
 * bytes reach the session with no copy on the way, the session runs on that socket's event loop,
 * and closing the session closes the command's socket: the command sees EOF.
 *
 * <p>The wait fails with the relay's reason when the command ended, its spawner ended or the relay
 * was closed first, and after MINA's connect timeout ({@link CoreModuleProperties#IO_CONNECT_TIMEOUT}).
 */
final class ProxyCommandConnector {
    /** Connection-context key under which a transport passes the relay whose socket the session takes. */
    static final AttributeRepository.AttributeKey<ProxyCommandRelay> PROXY_COMMAND = new AttributeRepository.AttributeKey<>();

    private final NettyIoConnector connector;
    private final PropertyResolver properties;

    /** @param connector what makes and registers the sessions */
    ProxyCommandConnector(NettyIoConnector connector, PropertyResolver properties) {
        this.connector = connector;
        this.properties = properties;
    }

    /** The relay {@code context} names, or null for a direct connection. */
    static ProxyCommandRelay relayOf(AttributeRepository context) {
        return context == null ? null : context.getAttribute(PROXY_COMMAND);
    }

    IoConnectFuture connect(ProxyCommandRelay relay, SocketAddress address, AttributeRepository context) {
        IoConnectFuture connected = new DefaultIoConnectFuture(address, null);
        Duration timeout = CoreModuleProperties.IO_CONNECT_TIMEOUT.getRequired(properties);
        relay.socket().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((socket, error) -> {
            if (error == null) {
                startSession(connected, socket, context);
            } else {
                connected.setException(reason(relay, timeout, error));
            }
        });
        return connected;
    }

    /** Makes the session on the command's socket as {@link NettyIoConnector} makes one on its own, and gives it the socket. */
    private void startSession(IoConnectFuture connected, CommandSocket socket, AttributeRepository context) {
        NettyIoSession session;
        try {
            session = connector.sessionOn(socket.channel(), context, connected);
        } catch (Exception refused) {
            socket.close();
            return;
        }
        connected.addListener(f -> {
            if (f.isCanceled()) {
                socket.close();
            }
        });
        socket.handOver(session.inbound()).whenComplete((done, error) -> {
            if (error != null) {
                connected.setException(error);
            }
        });
    }

    private static Throwable reason(ProxyCommandRelay relay, Duration timeout, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof TimeoutException) {
            SocketTimeoutException late = new SocketTimeoutException("proxy command " + relay.id() + " did not connect back within "
                    + timeout.toMillis() + " ms");
            late.initCause(cause);
            return late;
        }
        return cause;
    }
}
