package dev.scaletest.cli;

import dev.scaletest.scenarios.ConfigException;

/** A listen or connect address {@code host:port} ({@code [::1]:3000} for IPv6); port 0 = any free port. */
public record HostPort(String host, int port) {

    static HostPort parse(String flag, String text) {
        String value = text.trim();
        int colon = value.lastIndexOf(':');
        if (colon <= 0 || colon == value.length() - 1) {
            throw new ConfigException(flag + " must be host:port, got \"" + text + "\"");
        }
        String host = value.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(value.substring(colon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 0 || port > 65535) {
            throw new ConfigException(flag + " has an invalid port: \"" + text + "\"");
        }
        return new HostPort(host, port);
    }

    @Override
    public String toString() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
