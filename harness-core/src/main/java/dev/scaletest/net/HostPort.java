package dev.scaletest.net;

import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * An address written {@code host:port}, {@code [v6]:port} for IPv6, with Go's
 * {@code net.SplitHostPort} grammar: the one grammar of every address flag. A host that is not in
 * brackets may not contain a colon.
 */
public record HostPort(String host, int port) {

    public HostPort {
        Objects.requireNonNull(host, "host");
    }

    /**
     * Parses {@code text}. Messages name the value but not the flag, which the caller adds:
     * {@code must be host:port, got "3000"}, {@code has an invalid port: "h:x"}.
     *
     * @param hostRequired false where an empty host ({@code :21112}) means every interface
     * @param lowestPort   0 for a listen address (any free port), 1 for a server to connect to
     * @throws IllegalArgumentException when {@code text} is no such address
     */
    public static HostPort parse(String text, boolean hostRequired, int lowestPort) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon < 0 || colon == value.length() - 1) {
            throw notHostPort(text);
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        } else if (host.contains(":") || host.contains("[") || host.contains("]")) {
            throw notHostPort(text);
        }
        if (hostRequired && host.isBlank()) {
            throw notHostPort(text);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < lowestPort || port > 65535) {
            throw new IllegalArgumentException("has an invalid port: \"" + text + "\"");
        }
        return new HostPort(host, port);
    }

    private static IllegalArgumentException notHostPort(String text) {
        return new IllegalArgumentException("must be host:port, got \"" + text + "\"");
    }

    /** The address to bind or connect to; an empty host is every interface. */
    public InetSocketAddress socketAddress() {
        return host.isEmpty() ? new InetSocketAddress(port) : new InetSocketAddress(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
