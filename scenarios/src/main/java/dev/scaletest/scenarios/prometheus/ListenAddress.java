package dev.scaletest.scenarios.prometheus;

import java.net.InetSocketAddress;

/**
 * A {@code host:port} listen address as Coder's {@code --scaletest-prometheus-address} takes it:
 * {@code 0.0.0.0:21112}, {@code 127.0.0.1:0} (port 0 picks a free port), {@code :21112} (every
 * interface), {@code [::1]:9000}.
 */
public record ListenAddress(String host, int port) {

    public static ListenAddress parse(String text) {
        if (text == null) {
            throw invalid(null);
        }
        int colon = text.lastIndexOf(':');
        if (colon < 0) {
            throw invalid(text);
        }
        String host = text.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":")) {
            throw invalid(text);
        }
        int port;
        try {
            port = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        if (port < 0 || port > 65535) {
            throw invalid(text);
        }
        return new ListenAddress(host, port);
    }

    public InetSocketAddress socketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("invalid prometheus address \"" + text
                + "\": expected host:port such as 0.0.0.0:21112, 127.0.0.1:0 or :21112");
    }
}
