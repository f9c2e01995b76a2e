package dev.scaletest.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.traffic.StreamFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.PortUnreachableException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import javax.net.ssl.SSLException;

/** Turns what went wrong on a WebSocket into a classified {@link StreamFailure} naming the endpoint. */
public final class WsFailures {

    public static final int NORMAL_CLOSURE = 1000;
    /** No close frame was received: the connection just ended. */
    public static final int ABNORMAL_CLOSURE = 1006;

    private static final ObjectMapper JSON = new ObjectMapper();

    private WsFailures() {}

    /** The server answered the upgrade with {@code status} instead of 101. */
    public static StreamFailure handshakeStatus(String target, int status, String reason, byte[] body) {
        ErrorClass errorClass = status == 401 || status == 403 ? ErrorClass.AUTH : ErrorClass.HANDSHAKE_STATUS;
        StringBuilder message = new StringBuilder("websocket upgrade of ").append(target)
                .append(" refused: ").append(status);
        if (reason != null && !reason.isBlank()) {
            message.append(' ').append(reason.strip());
        }
        String coderMessage = coderMessage(body);
        if (coderMessage != null) {
            message.append(": ").append(coderMessage);
        }
        return new StreamFailure(errorClass, message.toString());
    }

    /**
     * Coder's error body {@code {"message": ..., "detail": ...}} as "message (detail)", or null when
     * the body is not such JSON.
     */
    static String coderMessage(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(body);
            if (node == null || !node.isObject() || !node.path("message").isTextual()) {
                return null;
            }
            String message = node.get("message").asText();
            String detail = node.path("detail").asText("");
            return detail.isBlank() ? message : message + " (" + detail + ")";
        } catch (IOException notJson) {
            String text = new String(body, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? null : text.lines().findFirst().orElse(text);
        }
    }

    /**
     * The server ended an open session with a close frame carrying {@code code}, or the network did
     * (1006, no close frame); null when normal.
     */
    public static StreamFailure closed(String target, int code, String reason) {
        return closed(target, code, reason, true);
    }

    /**
     * An open session ended with {@code code}; null when normal. {@code byPeer} is false when this
     * side closed it (a protocol error it detected): only a status the peer sent is kept on the
     * failure as its {@link StreamFailure#peerCloseStatus()}.
     */
    public static StreamFailure closed(String target, int code, String reason, boolean byPeer) {
        if (code == NORMAL_CLOSURE) {
            return null;
        }
        String why = code == ABNORMAL_CLOSURE ? "connection lost without close frame"
                : reason == null || reason.isBlank() ? "no reason" : reason;
        String message = "websocket " + target + " closed with status " + code + ": " + why;
        return byPeer && code != ABNORMAL_CLOSURE ? StreamFailure.closedByPeer(code, message)
                : new StreamFailure(ErrorClass.WS_CLOSE, message);
    }

    /** A connect, TLS or I/O error before or during the session. */
    public static StreamFailure error(String target, Throwable error) {
        if (error instanceof StreamFailure failure) {
            return failure;
        }
        ErrorClass errorClass = classify(error);
        Throwable root = error;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String detail = root.getMessage() == null ? root.getClass().getSimpleName()
                : root.getClass().getSimpleName() + ": " + root.getMessage();
        String what = switch (errorClass) {
            case CONNECT -> "cannot connect to ";
            case TLS -> "TLS handshake failed with ";
            default -> "websocket error on ";
        };
        return new StreamFailure(errorClass, what + target + ": " + detail, error);
    }

    static ErrorClass classify(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SSLException || t instanceof GeneralSecurityException) {
                return ErrorClass.TLS;
            }
        }
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof NoRouteToHostException
                    || t instanceof UnknownHostException || t instanceof PortUnreachableException
                    || t instanceof UnresolvedAddressException
                    || t instanceof io.netty.channel.ConnectTimeoutException
                    || (t instanceof SocketTimeoutException && String.valueOf(t.getMessage()).contains("connect"))) {
                return ErrorClass.CONNECT;
            }
        }
        return ErrorClass.OTHER;
    }

    public static StreamFailure timeout(String what, String target, java.time.Duration timeout) {
        return new StreamFailure(ErrorClass.TIMEOUT, what + " " + target + " timed out after " + timeout);
    }
}
