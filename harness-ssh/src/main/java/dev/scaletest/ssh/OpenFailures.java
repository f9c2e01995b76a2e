package dev.scaletest.ssh;

import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.InterruptedByTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.apache.sshd.client.session.ClientSession;
import org.apache.sshd.common.SshConstants;
import org.apache.sshd.common.SshException;

/** Maps what MINA reports while a stream opens to an {@link ErrorClass} and a message naming the target. */
final class OpenFailures {
    private OpenFailures() {}

    static StreamFailure classifyConnect(String target, Throwable e) {
        if (isTimeout(e)) {
            return new StreamFailure(ErrorClass.TIMEOUT, target + ": connect timed out: " + message(rootCause(e)), e);
        }
        Throwable root = rootCause(e);
        String what = root instanceof ConnectException ? "connection refused"
                : root instanceof UnknownHostException || root instanceof UnresolvedAddressException ? "unknown host"
                : root instanceof NoRouteToHostException ? "no route to host" : "connect failed";
        return new StreamFailure(ErrorClass.CONNECT, target + ": " + what + ": " + message(root), e);
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t != null && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    /** Key exchange or authentication failed: host key, credentials, timeout, or the connection died. */
    static StreamFailure classifyAuth(String target, ClientSession session, Throwable e, ProxyCommandRelay relay) {
        String hostKey = HostKeyPolicy.rejection(session);
        if (hostKey != null) {
            return new StreamFailure(ErrorClass.AUTH, target + ": " + hostKey, e);
        }
        if (e instanceof SshException ssh
                && ssh.getDisconnectCode() == SshConstants.SSH2_DISCONNECT_NO_MORE_AUTH_METHODS_AVAILABLE) {
            return new StreamFailure(ErrorClass.AUTH, target + ": authentication failed: " + message(e), e);
        }
        if (isTimeout(e)) {
            return new StreamFailure(ErrorClass.TIMEOUT, target + ": authentication timed out: " + message(e), e);
        }
        if (relay != null && relay.hasEnded()) {
            return new StreamFailure(ErrorClass.CONNECT, target + ": proxy command ended during the SSH handshake", e);
        }
        if (session == null || !session.isOpen() || session.getServerKey() == null) {
            return new StreamFailure(ErrorClass.CONNECT,
                    target + ": connection closed during the SSH handshake: " + message(e), e);
        }
        return new StreamFailure(ErrorClass.AUTH, target + ": authentication failed: " + message(e), e);
    }

    static StreamFailure channelFailure(String target, ClientSession session, String what, Throwable e,
            ProxyCommandRelay relay) {
        if (session != null && !session.isOpen()) {
            String proxy = relay == null ? "" : " (" + relay.describeState() + ")";
            return new StreamFailure(ErrorClass.CONNECT, target + ": SSH connection lost, " + what + ": " + message(e) + proxy, e);
        }
        return new StreamFailure(ErrorClass.SSH_CHANNEL, target + ": " + what + ": " + message(e), e);
    }

    static String message(Throwable e) {
        return e == null ? "no detail" : SshStream.message(e);
    }

    private static boolean isTimeout(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException || t instanceof InterruptedByTimeoutException
                    || t instanceof TimeoutException
                    || (t instanceof InterruptedIOException && !(t instanceof java.nio.channels.ClosedByInterruptException))) {
                return true;
            }
            String m = t.getMessage();
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timeout")) {
                return true;
            }
            if (m != null && m.toLowerCase(Locale.ROOT).contains("timed out")) {
                return true;
            }
        }
        return false;
    }
}
