package dev.scaletest.coder.wire;

import dev.scaletest.coder.model.CoderError;
import dev.scaletest.errors.ErrorClass;
import java.io.IOException;
import java.util.List;

/**
 * A failed Coder API call: either an unexpected HTTP status (message rendered exactly like Coder's
 * Go SDK, {@code <METHOD> <URL>: unexpected status code <n>: <message>...}) or a transport failure
 * (refused connection, unknown host, TLS, timeout) rendered as {@code <METHOD> <URL>: <cause>}.
 * {@link #status()} is 0 when no response arrived. Messages never contain the session token.
 */
public final class CoderApiException extends IOException {
    /** Shown after the message of a 401, as Coder's CLI does. */
    public static final String LOGIN_HELP = "Try logging in using 'coder login'.";

    private final ErrorClass errorClass;
    private final String method;
    private final String url;
    private final int status;
    private final CoderError body;

    private CoderApiException(String rendered, ErrorClass errorClass, String method, String url, int status,
                              CoderError body, Throwable cause) {
        super(rendered, cause);
        this.errorClass = errorClass;
        this.method = method;
        this.url = url;
        this.status = status;
        this.body = body;
    }

    /**
     * An error response. {@code method}/{@code url} may be empty: Coder's SDK leaves them out for
     * an empty JSON body, and the rendering follows.
     */
    public static CoderApiException fromResponse(String method, String url, int status, CoderError body) {
        return new CoderApiException(render(method, url, status, body), classify(status), method, url, status, body, null);
    }

    /** A call that got no usable response; {@code reason} is a short lower-case phrase. */
    public static CoderApiException transport(ErrorClass errorClass, String method, String url, String reason, Throwable cause) {
        return new CoderApiException(method + " " + url + ": " + reason, errorClass, method, url, 0, null, cause);
    }

    /** A response whose body could not be read as JSON ({@code reason} says why). */
    public static CoderApiException unreadable(String method, String url, int status, String reason, Throwable cause) {
        ErrorClass errorClass = status == 0 ? ErrorClass.OTHER : classify(status);
        return new CoderApiException(method + " " + url + ": " + reason, errorClass, method, url, status, null, cause);
    }

    static String render(String method, String url, int status, CoderError body) {
        StringBuilder sb = new StringBuilder();
        if (!method.isEmpty() && !url.isEmpty()) {
            sb.append(method).append(' ').append(url).append(": ");
        }
        sb.append("unexpected status code ").append(status).append(": ").append(body.message());
        if (status == 401) {
            sb.append(": ").append(LOGIN_HELP);
        }
        if (!body.detail().isEmpty()) {
            sb.append("\n\tError: ").append(body.detail());
        }
        for (CoderError.Validation v : body.validations()) {
            sb.append("\n\t").append(v.field()).append(": ").append(v.detail());
        }
        return sb.toString();
    }

    private static ErrorClass classify(int status) {
        return status == 401 || status == 403 ? ErrorClass.AUTH : ErrorClass.HTTP_STATUS;
    }

    public ErrorClass errorClass() {
        return errorClass;
    }

    public String method() {
        return method;
    }

    public String url() {
        return url;
    }

    /** The HTTP status, or 0 when the call failed before a response arrived. */
    public int status() {
        return status;
    }

    /** True for 404 and 410, the two ways coderd says a resource no longer exists. */
    public boolean gone() {
        return status == 404 || status == 410;
    }

    /** The error sentence from the body ({@code ""} for transport failures). */
    public String apiMessage() {
        return body == null ? "" : body.message();
    }

    public String detail() {
        return body == null ? "" : body.detail();
    }

    public List<CoderError.Validation> validations() {
        return body == null ? List.of() : body.validations();
    }

    /** What went wrong without the leading {@code <METHOD> <URL>: }, e.g. {@code connection refused}. */
    public String reason() {
        String prefix = method + " " + url + ": ";
        String m = getMessage();
        return !method.isEmpty() && m.startsWith(prefix) ? m.substring(prefix.length()) : m;
    }

    /** The first line of the message, for one-line CLI output. */
    public String firstLine() {
        String m = getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
