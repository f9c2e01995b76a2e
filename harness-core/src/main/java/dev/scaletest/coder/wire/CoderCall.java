package dev.scaletest.coder.wire;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.errors.ErrorClass;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * How one identity's REST calls go over the wire: the request (its headers, the JSON body), the
 * expected status, retries and 429 pauses as the {@link RetryPolicy} says, the request log and
 * latency hooks, and decoding the answer. Failures come from the identity's
 * {@link CoderErrorDecoder}. Thread-safe; cheap to derive for another identity ({@link #as}).
 */
public final class CoderCall {

    /**
     * What every identity of one client builder shares.
     *
     * @param requestTimeout time allowed for one attempt, from sending to the complete response
     * @param requestLog     receives one line per attempt, or null
     * @param latency        receives (route, nanoseconds over all attempts) per successful call, or null
     * @param userAgent      the {@code User-Agent} of every call
     */
    public record Wiring(HttpClient http, ObjectMapper json, RetryPolicy retry, RetryPolicy.Sleeper sleeper,
            Duration requestTimeout, Consumer<String> requestLog, BiConsumer<String, Long> latency, ThrottleListener throttle,
            String userAgent) {
        public Wiring {
            Objects.requireNonNull(http, "http");
            Objects.requireNonNull(json, "json");
            Objects.requireNonNull(retry, "retry");
            Objects.requireNonNull(sleeper, "sleeper");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            Objects.requireNonNull(throttle, "throttle");
            Objects.requireNonNull(userAgent, "userAgent");
        }
    }

    private final Wiring wiring;
    private final URI base;
    private final String sessionToken;
    private final List<Map.Entry<String, String>> headers;
    private final boolean bypassRateLimit;
    private final CoderErrorDecoder errors;

    /**
     * @param base            the deployment URL API routes are resolved against ({@link CoderUrls#api})
     * @param sessionToken    sent as {@link CoderHeaders#SESSION_TOKEN} unless null or empty
     * @param headers         the user's {@code --header} headers, sent on every call in this order
     * @param bypassRateLimit whether every call carries {@link CoderHeaders#BYPASS_RATELIMIT}
     */
    public CoderCall(Wiring wiring, URI base, String sessionToken, List<Map.Entry<String, String>> headers, boolean bypassRateLimit) {
        this.wiring = Objects.requireNonNull(wiring, "wiring");
        this.base = Objects.requireNonNull(base, "base");
        this.sessionToken = sessionToken;
        this.headers = List.copyOf(headers);
        this.bypassRateLimit = bypassRateLimit;
        this.errors = new CoderErrorDecoder(wiring.json(), sessionToken, bypassRateLimit, wiring.requestTimeout());
    }

    /** The same wiring, URL and headers for another identity: {@code token}, never the bypass header. */
    public CoderCall as(String token) {
        return new CoderCall(wiring, base, token, headers, false);
    }

    public boolean bypassRateLimit() {
        return bypassRateLimit;
    }

    public ObjectMapper objectMapper() {
        return wiring.json();
    }

    /**
     * Sends one call and reads its answer.
     *
     * @param route    the OpenAPI method and path naming the call in latency and throttle reports, e.g. {@code POST /users}
     * @param path     the absolute API path, e.g. {@code /api/v2/users}
     * @param query    the query, or null
     * @param body     a model record sent as JSON, or null
     * @param expected the one status that means success
     * @param result   the type to read the answer as, or null to ignore the body
     */
    public <T> T send(String method, String route, String path, GoQuery query, Object body, int expected, JavaType result)
            throws CoderApiException, InterruptedException {
        URI uri = CoderUrls.api(base, path, query);
        String url = uri.toString();
        byte[] payload = body == null ? null : encode(body);
        long start = System.nanoTime();
        Attempts attempts = new Attempts();
        while (true) {
            HttpResponse<byte[]> response = attempt(method, route, uri, url, payload, attempts);
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status == expected) {
                T value = decode(method, url, response.body(), result);
                if (wiring.latency() != null) {
                    wiring.latency().accept(route, System.nanoTime() - start);
                }
                return value;
            }
            if (status == RetryPolicy.TOO_MANY_REQUESTS) {
                waitOutThrottle(method, route, url, response, attempts);
                continue;
            }
            attempts.failures++;
            if (wiring.retry().retryStatus(method, status, attempts.failures)) {
                wiring.throttle().retried(route);
                wiring.sleeper().sleep(wiring.retry().delay(attempts.failures, CoderHeaders.retryAfter(response), jitter()));
                continue;
            }
            throw errors.errorFrom(method, url, response);
        }
    }

    /** Looks up, by its name, what a creating call would have created. */
    @FunctionalInterface
    public interface Existing<T> {
        Optional<T> find() throws CoderApiException, InterruptedException;
    }

    /**
     * Sends a POST that creates a named resource (a user, a workspace) so that it is never created
     * twice: when the answer is lost (a 5xx, which coderd may send after the work is done, or no
     * answer at all), the resource is first looked up by name and taken if it exists; only when it
     * does not is the POST sent again, up to the policy's attempts with its backoff. A 409 after
     * such a loss means an earlier attempt created it after all: it is looked up once more. Coder's
     * own tool gives up on the first failure and leaves what the lost answer created behind.
     */
    public <T> T create(String route, String path, Object body, int expected, JavaType result, Existing<T> existing)
            throws CoderApiException, InterruptedException {
        RetryPolicy retry = wiring.retry();
        int failures = 0;
        boolean answerLost = false;
        while (true) {
            try {
                return send("POST", route, path, null, body, expected, result);
            } catch (CoderApiException e) {
                boolean lost = e.status() == 0 || e.status() >= 500;
                boolean conflictAfterLoss = answerLost && e.status() == 409;
                if (!lost && !conflictAfterLoss) {
                    throw e;
                }
                answerLost = true;
                Optional<T> found = existing.find();
                if (found.isPresent()) {
                    wiring.throttle().foundExisting(route);
                    return found.get();
                }
                failures++;
                if (conflictAfterLoss || failures >= retry.maxAttempts()) {
                    throw e;
                }
                wiring.throttle().retried(route);
                wiring.sleeper().sleep(retry.delay(failures, null, jitter()));
            }
        }
    }

    /** What one call has been through so far. */
    private static final class Attempts {
        int failures;
        int throttled;
        Duration throttleWaited = Duration.ZERO;
    }

    /**
     * Sends one attempt. Returns its response, or null after a connect failure that is retried
     * (the pause already slept); throws the failure that is not.
     */
    private HttpResponse<byte[]> attempt(String method, String route, URI uri, String url, byte[] payload, Attempts attempts)
            throws CoderApiException, InterruptedException {
        HttpRequest request = request(method, uri, payload);
        long sent = System.nanoTime();
        try {
            HttpResponse<byte[]> response = wiring.http().send(request, HttpResponse.BodyHandlers.ofByteArray());
            log(method, url, Integer.toString(response.statusCode()), sent);
            return response;
        } catch (IOException e) {
            CoderApiException failure = errors.transportFailure(method, url, e);
            log(method, url, failure.reason(), sent);
            boolean connectPhase = failure.errorClass() == ErrorClass.CONNECT || e instanceof HttpConnectTimeoutException;
            attempts.failures++;
            if (connectPhase && wiring.retry().retryConnectFailure(method, attempts.failures)) {
                wiring.throttle().retried(route);
                wiring.sleeper().sleep(wiring.retry().delay(attempts.failures, null, jitter()));
                return null;
            }
            throw failure;
        }
    }

    /**
     * Tells the listener about a 429 and sleeps it out, or throws when the call's budget for
     * waiting on rate limits would be exceeded. The listener hears the time actually waited, also
     * when the run's deadline cuts the pause short.
     */
    private void waitOutThrottle(String method, String route, String url, HttpResponse<byte[]> response, Attempts attempts)
            throws CoderApiException, InterruptedException {
        RetryPolicy retry = wiring.retry();
        wiring.throttle().throttled(route);
        attempts.throttled++;
        Duration pause = retry.throttlePause(attempts.throttled, CoderHeaders.retryAfter(response), jitter());
        if (!retry.throttleAllows(attempts.throttleWaited, pause)) {
            throw errors.gaveUpThrottled(method, url, response, attempts.throttleWaited, retry.throttleBudget());
        }
        long began = System.nanoTime();
        try {
            wiring.sleeper().sleep(pause);
        } catch (InterruptedException e) {
            wiring.throttle().waited(route, Duration.ofNanos(System.nanoTime() - began));
            throw e;
        }
        wiring.throttle().waited(route, pause);
        attempts.throttleWaited = attempts.throttleWaited.plus(pause);
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private HttpRequest request(String method, URI uri, byte[] payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(wiring.requestTimeout())
                .header("User-Agent", wiring.userAgent())
                .header("Accept", "application/json");
        for (Map.Entry<String, String> h : headers) {
            b.header(h.getKey(), h.getValue());
        }
        if (sessionToken != null && !sessionToken.isEmpty()) {
            b.setHeader(CoderHeaders.SESSION_TOKEN, sessionToken);
        }
        if (bypassRateLimit) {
            b.setHeader(CoderHeaders.BYPASS_RATELIMIT, "true");
        }
        if (payload != null) {
            b.setHeader("Content-Type", "application/json");
            b.method(method, HttpRequest.BodyPublishers.ofByteArray(payload));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        return b.build();
    }

    private byte[] encode(Object body) {
        try {
            return wiring.json().writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Only model records are sent; failing to write one is a programming error.
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private <T> T decode(String method, String url, byte[] bytes, JavaType result) throws CoderApiException {
        if (result == null) {
            return null;
        }
        try {
            return wiring.json().readValue(bytes, result);
        } catch (IOException e) {
            throw errors.undecodable(method, url, e);
        }
    }

    private void log(String method, String url, String outcome, long sentNanos) {
        if (wiring.requestLog() != null) {
            double ms = (System.nanoTime() - sentNanos) / 1e6;
            wiring.requestLog().accept(method + " " + url + " -> " + outcome + " (" + String.format(Locale.ROOT, "%.1f", ms) + "ms)");
        }
    }
}
