package dev.scaletest.coder.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.model.CoderError;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.GoDuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLException;

/**
 * Turns what went wrong on one identity's calls into {@link CoderApiException}s whose text is what
 * Coder's SDK prints: error responses as its {@code ReadBodyAsError} reads them, transport failures
 * as short lower-case reasons, unreadable success bodies. It holds the identity's session token so
 * that no message built from server or network text can carry it.
 */
public final class CoderErrorDecoder {
    /**
     * coderd's answer when a caller who is not a site owner sends {@link CoderHeaders#BYPASS_RATELIMIT}.
     * Not retried: the request would be refused again.
     */
    public static final int PRECONDITION_REQUIRED = 428;
    static final String BYPASS_REFUSED = "coderd refused the " + CoderHeaders.BYPASS_RATELIMIT + " header because this "
            + "client's user is not a site owner; scaletest sends it only on the owner's own calls, so this is a bug in "
            + "scaletest (or the token lost its owner role)";

    private static final String NON_JSON = "unexpected non-JSON response ";
    private static final int NON_JSON_DETAIL_LIMIT = 2048;
    private static final int NO_MESSAGE_DETAIL_LIMIT = 1024;

    private final ObjectMapper json;
    private final String sessionToken;
    private final boolean bypassRateLimit;
    private final Duration requestTimeout;

    /**
     * @param sessionToken    the token the calls carry (null or empty for none), kept out of every message
     * @param bypassRateLimit whether the calls carry the bypass header, which makes a 428 a refusal of it
     * @param requestTimeout  one attempt's time limit, named when an attempt runs out of it
     */
    public CoderErrorDecoder(ObjectMapper json, String sessionToken, boolean bypassRateLimit, Duration requestTimeout) {
        this.json = json;
        this.sessionToken = sessionToken;
        this.bypassRateLimit = bypassRateLimit;
        this.requestTimeout = requestTimeout;
    }

    /**
     * Reads an error response the way Coder's {@code ReadBodyAsError} does; a 428 to the bypass
     * header gets a message saying what it means.
     */
    public CoderApiException errorFrom(String method, String url, HttpResponse<byte[]> response) {
        int status = response.statusCode();
        byte[] body = response.body() == null ? new byte[0] : response.body();
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (status == PRECONDITION_REQUIRED && bypassRateLimit) {
            return CoderApiException.fromResponse(method, url, status, new CoderError(BYPASS_REFUSED,
                    redact(truncated(body, NON_JSON_DETAIL_LIMIT).strip()), List.of()));
        }
        if (!"application/json".equals(mediaType(contentType))) {
            String detail = body.length == 0 ? "no response body" : truncated(body, NON_JSON_DETAIL_LIMIT);
            return CoderApiException.fromResponse(method, url, status,
                    new CoderError(NON_JSON + GoQuery.quote(contentType), redact(detail), List.of()));
        }
        if (new String(body, StandardCharsets.UTF_8).isBlank()) {
            // Coder's SDK builds this one without method and URL; the rendering follows it.
            return CoderApiException.fromResponse("", "", status, new CoderError("empty response body", "", List.of()));
        }
        CoderError parsed;
        try {
            parsed = json.readValue(body, CoderError.class);
        } catch (IOException e) {
            String reason = "decode body: " + oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
            return CoderApiException.unreadable(method, url, status, "unexpected status code " + status + ", " + redact(reason), e);
        }
        if (parsed.message().isEmpty()) {
            parsed = new CoderError("unexpected status code " + status + ", response has no message",
                    truncated(body, NO_MESSAGE_DETAIL_LIMIT), List.of());
        }
        return CoderApiException.fromResponse(method, url, status, new CoderError(redact(parsed.message()), redact(parsed.detail()),
                parsed.validations().stream().map(v -> new CoderError.Validation(v.field(), redact(v.detail()))).toList()));
    }

    /**
     * The last 429 of a call that stops waiting on rate limits: coderd's error, with why scaletest
     * gave up added to its detail.
     *
     * @param waited what the call already waited on 429s
     * @param budget the most one call may wait on them ({@link RetryPolicy#throttleBudget})
     */
    public CoderApiException gaveUpThrottled(String method, String url, HttpResponse<byte[]> response, Duration waited,
            Duration budget) {
        CoderApiException e = errorFrom(method, url, response);
        String ours = waited.isZero()
                ? "not retried: waiting would exceed this call's limit of " + GoDuration.format(budget) + " on rate limits"
                : "gave up after waiting " + GoDuration.format(waited) + " on rate limits for this call (at most "
                        + GoDuration.format(budget) + " per call)";
        String detail = e.detail().isEmpty() ? ours : e.detail() + "; " + ours;
        return CoderApiException.fromResponse(e.method(), e.url(), e.status(), new CoderError(e.apiMessage(), detail, e.validations()));
    }

    /**
     * Whether the server answered with something other than JSON (an error page of another type, or
     * a body that does not parse): what a proxy's login page or a wrong URL gets, never coderd.
     */
    public static boolean answeredNotJson(CoderApiException e) {
        return e.getCause() instanceof JsonProcessingException || e.apiMessage().startsWith(NON_JSON);
    }

    /** A success response whose body is not the expected JSON. */
    public CoderApiException undecodable(String method, String url, IOException e) {
        String reason = "decode response body: " + oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
        return CoderApiException.unreadable(method, url, 0, redact(reason), e);
    }

    /** A call that got no response: refused, unknown host, TLS, timeout; classified for reports. */
    public CoderApiException transportFailure(String method, String url, IOException e) {
        ErrorClass errorClass;
        String reason;
        if (e instanceof HttpConnectTimeoutException) {
            errorClass = ErrorClass.TIMEOUT;
            reason = "connect timed out";
        } else if (e instanceof HttpTimeoutException) {
            errorClass = ErrorClass.TIMEOUT;
            reason = "request timed out after " + requestTimeout.toMillis() + "ms";
        } else if (hasCause(e, SSLException.class)) {
            errorClass = ErrorClass.TLS;
            reason = "tls: " + oneLine(rootMessage(findCause(e, SSLException.class)));
        } else if (hasCause(e, UnresolvedAddressException.class) || hasCause(e, UnknownHostException.class)) {
            errorClass = ErrorClass.CONNECT;
            reason = "no such host " + GoQuery.quote(String.valueOf(URI.create(url).getHost()));
        } else if (hasCause(e, ConnectException.class)) {
            errorClass = ErrorClass.CONNECT;
            String m = rootMessage(e);
            reason = m == null || m.isBlank() || m.toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : oneLine(m);
        } else {
            errorClass = ErrorClass.CONNECT;
            String m = rootMessage(e);
            reason = m == null || m.isBlank() ? e.getClass().getSimpleName() : oneLine(m);
        }
        return CoderApiException.transport(errorClass, method, url, redact(reason), e);
    }

    /** Removes the session token from text that came from the server or the network stack. */
    public String redact(String s) {
        return sessionToken == null || sessionToken.length() < 4 || s == null ? s : s.replace(sessionToken, "****");
    }

    private static String mediaType(String contentType) {
        int semi = contentType.indexOf(';');
        return (semi < 0 ? contentType : contentType.substring(0, semi)).trim().toLowerCase(Locale.ROOT);
    }

    private static String truncated(byte[] body, int limit) {
        if (body.length <= limit) {
            return new String(body, StandardCharsets.UTF_8);
        }
        return new String(Arrays.copyOf(body, limit), StandardCharsets.UTF_8) + "...";
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        return findCause(t, type) != null;
    }

    private static Throwable findCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return c;
            }
        }
        return null;
    }

    private static String rootMessage(Throwable t) {
        String message = t.getMessage();
        for (Throwable c = t.getCause(); c != null && c != c.getCause(); c = c.getCause()) {
            if (c.getMessage() != null && !c.getMessage().isBlank()) {
                message = c.getMessage();
            }
        }
        return message;
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }
}
