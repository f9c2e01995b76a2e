package dev.scaletest.coder;

import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how to reach a Coder deployment: base URL (no trailing /api/v2), session token, the
 * user's extra {@code --header Name=Value} headers, and which TLS certificates are trusted.
 * The token never appears in {@link #toString()}.
 */
public record CoderEndpoint(URI url, String sessionToken, List<Header> headers, TlsTrust tlsTrust) {

    public record Header(String name, String value) {
        /** Coder's {@code Name=Value} syntax, split on the first '='; empty when there is no name. */
        public static Optional<Header> parse(String line) {
            int equals = line.indexOf('=');
            return equals <= 0 ? Optional.empty() : Optional.of(new Header(line.substring(0, equals).trim(), line.substring(equals + 1)));
        }
    }

    public CoderEndpoint {
        headers = List.copyOf(headers);
        Objects.requireNonNull(tlsTrust, "tlsTrust");
    }

    /** Certificates verified, or with {@code insecureSkipVerify} any certificate accepted ({@link TlsTrust#of}). */
    public CoderEndpoint(URI url, String sessionToken, List<Header> headers, boolean insecureSkipVerify) {
        this(url, sessionToken, headers, TlsTrust.of(insecureSkipVerify));
    }

    /** Whether any certificate is accepted ({@code --insecure-skip-verify}). */
    public boolean insecureSkipVerify() {
        return tlsTrust.insecureSkipVerify();
    }

    public CoderEndpoint withToken(String token) {
        return new CoderEndpoint(url, token, headers, tlsTrust);
    }

    /** The same deployment seen through another base URL (a workspace proxy). */
    public CoderEndpoint withUrl(URI other) {
        return new CoderEndpoint(other, sessionToken, headers, tlsTrust);
    }

    @Override
    public String toString() {
        return "CoderEndpoint[url=" + url + ", headers=" + headers.size() + ", insecureSkipVerify=" + insecureSkipVerify() + "]";
    }
}
