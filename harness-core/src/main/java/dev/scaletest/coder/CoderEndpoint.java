package dev.scaletest.coder;

import java.net.URI;
import java.util.List;

/**
 * Where and how to reach a Coder deployment: base URL (no trailing /api/v2), session token, the
 * user's extra {@code --header Name=Value} headers, and whether TLS certificates are checked.
 * The token never appears in {@link #toString()}.
 */
public record CoderEndpoint(URI url, String sessionToken, List<Header> headers, boolean insecureSkipVerify) {

    public record Header(String name, String value) {
        /** Coder's {@code Name=Value} syntax, split on the first '='; empty when there is no name. */
        public static java.util.Optional<Header> parse(String line) {
            int equals = line.indexOf('=');
            return equals <= 0 ? java.util.Optional.empty()
                    : java.util.Optional.of(new Header(line.substring(0, equals).trim(), line.substring(equals + 1)));
        }
    }

    public CoderEndpoint {
        headers = List.copyOf(headers);
    }

    public CoderEndpoint withToken(String token) {
        return new CoderEndpoint(url, token, headers, insecureSkipVerify);
    }

    /** The same deployment seen through another base URL (a workspace proxy). */
    public CoderEndpoint withUrl(URI other) {
        return new CoderEndpoint(other, sessionToken, headers, insecureSkipVerify);
    }

    @Override
    public String toString() {
        return "CoderEndpoint[url=" + url + ", headers=" + headers.size() + ", insecureSkipVerify=" + insecureSkipVerify + "]";
    }
}
