package dev.scaletest.web;

import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.coder.CoderEndpoint.Header;
import dev.scaletest.coder.TlsTrust;
import dev.scaletest.coder.wire.CoderHeaders;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One WebSocket to open: a ws:// or wss:// URI (query already encoded), request headers, which TLS
 * certificates are trusted, how long connect + TLS + upgrade may take, and the largest message
 * accepted from the server.
 */
public record WsRequest(URI uri, List<Header> headers, TlsTrust tlsTrust, Duration connectTimeout,
                        int maxMessageBytes) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Build logs carry text frames up to 1 MiB; leave room above that. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    public WsRequest {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme();
        if (!"ws".equals(scheme) && !"wss".equals(scheme)) {
            throw new IllegalArgumentException("websocket URI must be ws:// or wss://: " + uri);
        }
        headers = List.copyOf(headers);
        Objects.requireNonNull(tlsTrust, "tlsTrust");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("connect timeout must be positive: " + connectTimeout);
        }
        if (maxMessageBytes < 1024) {
            throw new IllegalArgumentException("max message size too small: " + maxMessageBytes);
        }
    }

    /**
     * A WebSocket route of coderd's API (web terminal, build logs) as {@code as}: its
     * {@code --header} headers and the session cookie, as Coder's client dials these routes.
     */
    public static WsRequest toApi(URI uri, CoderEndpoint as, Duration connectTimeout) {
        return authenticated(uri, as, new Header("Cookie", CoderHeaders.sessionCookie(as.sessionToken())), connectTimeout);
    }

    /** A workspace app as {@code as}: its {@code --header} headers and the session token header, as Coder's tool dials apps. */
    public static WsRequest toApp(URI uri, CoderEndpoint as, Duration connectTimeout) {
        return authenticated(uri, as, new Header(CoderHeaders.SESSION_TOKEN, as.sessionToken()), connectTimeout);
    }

    private static WsRequest authenticated(URI uri, CoderEndpoint as, Header credential, Duration connectTimeout) {
        List<Header> headers = new ArrayList<>(as.headers());
        headers.add(credential);
        return new WsRequest(uri, headers, as.tlsTrust(), connectTimeout, DEFAULT_MAX_MESSAGE_BYTES);
    }

    public boolean tls() {
        return "wss".equals(uri.getScheme());
    }

    public int port() {
        return uri.getPort() > 0 ? uri.getPort() : tls() ? 443 : 80;
    }

    /** The URI without its query, for error messages (the query can be long). */
    public String target() {
        return uri.getScheme() + "://" + uri.getRawAuthority() + uri.getRawPath();
    }
}
