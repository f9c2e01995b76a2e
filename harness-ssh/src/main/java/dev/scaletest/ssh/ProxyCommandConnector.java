package dev.scaletest.ssh;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousChannelGroup;
import java.nio.channels.AsynchronousSocketChannel;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.common.AttributeRepository;
import org.apache.sshd.common.PropertyResolver;
import org.apache.sshd.common.io.DefaultIoConnectFuture;
import org.apache.sshd.common.io.IoConnectFuture;
import org.apache.sshd.common.io.IoHandler;
import org.apache.sshd.common.io.nio2.Nio2Connector;
import org.apache.sshd.common.io.nio2.Nio2ServiceFactory;
import org.apache.sshd.core.CoreModuleProperties;

/**
 * MINA's connector, except for a connection whose context names a {@link ProxyCommandRelay}
 * ({@link #PROXY_COMMAND}): that one opens no socket but waits for the one the proxy command
 * connected with, and the session is made on it as MINA makes it on a socket it connected itself,
 * by MINA's own completion handler. So the command's bytes reach the session with no copy on the
 * way, and closing the session closes the command's socket: the command sees EOF.
 *
 * <p>The wait fails with the relay's reason when the command ended, its spawner ended or the relay
 * was closed first, and after MINA's connect timeout ({@link CoreModuleProperties#IO_CONNECT_TIMEOUT}).
 */
final class ProxyCommandConnector extends Nio2Connector {
    /** Connection-context key under which a transport passes the relay whose socket the session takes. */
    static final AttributeRepository.AttributeKey<ProxyCommandRelay> PROXY_COMMAND = new AttributeRepository.AttributeKey<>();

    ProxyCommandConnector(Nio2ServiceFactory factory, PropertyResolver properties, IoHandler handler,
            AsynchronousChannelGroup group, ExecutorService resuming) {
        super(factory, properties, handler, group, resuming);
    }

    @Override
    public IoConnectFuture connect(SocketAddress address, AttributeRepository context, SocketAddress localAddress) {
        ProxyCommandRelay relay = context == null ? null : context.getAttribute(PROXY_COMMAND);
        if (relay == null) {
            return super.connect(address, context, localAddress);
        }
        IoConnectFuture connected = new DefaultIoConnectFuture(address, null);
        Duration timeout = CoreModuleProperties.IO_CONNECT_TIMEOUT.getRequired(propertyResolver);
        relay.socket().orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).whenComplete((socket, error) -> {
            if (error == null) {
                startSession(connected, socket, context);
            } else {
                connected.setException(reason(relay, timeout, error));
            }
        });
        return connected;
    }

    /**
     * What MINA does once its own connect succeeded: its socket options, then its connection
     * completion handler, which makes the session, registers it, tells the handler, completes the
     * future (or closes the session when the future was cancelled) and starts reading.
     */
    private void startSession(IoConnectFuture connected, AsynchronousSocketChannel socket, AttributeRepository context) {
        try {
            setSocketOptions(socket);
        } catch (IOException | RuntimeException e) {
            CommandListener.closeQuietly(socket);
            connected.setException(e);
            return;
        }
        createConnectionCompletionHandler(connected, socket, context, propertyResolver, getIoHandler()).completed(null, null);
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
