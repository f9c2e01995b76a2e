package dev.scaletest.net;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * An {@code http://} or {@code https://} URL with a host, as every URL flag takes it: the one
 * check, and the one trim of a base URL's trailing slashes.
 */
public final class HttpUrl {
    private HttpUrl() {}

    /**
     * Parses {@code text} as written. Messages name the value but not the flag, which the caller
     * adds: {@code "x y" is not a URL: ...}, {@code must be an http:// or https:// URL, got "ftp://x"}.
     *
     * @throws IllegalArgumentException when {@code text} is no such URL
     */
    public static URI parse(String text) {
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + text + "\" is not a URL: " + e.getReason());
        }
        if (!isHttp(uri)) {
            throw notHttp(text);
        }
        return uri;
    }

    /**
     * Parses a base URL that paths starting with {@code /} are appended to (a deployment, a
     * workspace proxy): as {@link #parse}, without its trailing slashes.
     */
    public static URI parseBase(String text) {
        parse(text);
        return URI.create(text.replaceAll("/+$", ""));
    }

    /** Checks a URL built elsewhere. @throws IllegalArgumentException when it is not http(s) with a host */
    public static URI check(URI url) {
        if (!isHttp(url)) {
            throw notHttp(url.toString());
        }
        return url;
    }

    private static boolean isHttp(URI uri) {
        String scheme = uri.getScheme();
        return scheme != null && (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null;
    }

    private static IllegalArgumentException notHttp(String text) {
        return new IllegalArgumentException("must be an http:// or https:// URL, got \"" + text + "\"");
    }
}
