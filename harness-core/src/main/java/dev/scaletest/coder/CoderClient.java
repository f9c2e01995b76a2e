package dev.scaletest.coder;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.BuildInfo;
import dev.scaletest.coder.model.CoderError;
import dev.scaletest.coder.model.CoderJson;
import dev.scaletest.coder.model.CreateTokenRequest;
import dev.scaletest.coder.model.CreateUserRequest;
import dev.scaletest.coder.model.CreateWorkspaceBuildRequest;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.DeploymentConfig;
import dev.scaletest.coder.model.GenerateApiKeyResponse;
import dev.scaletest.coder.model.LoginRequest;
import dev.scaletest.coder.model.LoginResponse;
import dev.scaletest.coder.model.Organization;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.TemplateVersion;
import dev.scaletest.coder.model.TemplateVersionParameter;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.UsersPage;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.model.WorkspacesPage;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.CoderUrls;
import dev.scaletest.coder.wire.GoQuery;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.coder.wire.ThrottleListener;
import dev.scaletest.errors.ErrorClass;
import dev.scaletest.harness.GoDuration;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javax.net.ssl.SSLException;

/**
 * Coder's REST API for one (deployment, session token). Cheap to create: the heavy part, the
 * {@link HttpClient}, is shared (see {@link CoderHttpClients}). Thread-safe.
 *
 * <p>A client acts as one identity. A client from {@link #builder} acts with the endpoint's token
 * (the site owner's) and, when {@link Builder#bypassRateLimit} is on, sends
 * {@code X-Coder-Bypass-Ratelimit: true}, which coderd honours for owners only. {@link #asUser}
 * derives the client of another user (a generated one, after {@link #login}): same deployment,
 * HTTP client, policy and listeners, that user's token, and never the bypass header, which coderd
 * answers with 428 for anyone but an owner. Every call sends the user's {@code --header} headers
 * and a {@code User-Agent} naming scaletest. Each call expects the one success status coderd
 * answers (not always the one in the OpenAPI file: workspace and build creation answer 201);
 * anything else raises a {@link CoderApiException}. Retries, including waiting out coderd's rate
 * limits (429), follow the {@link RetryPolicy}; every 429 is told to the {@link ThrottleListener}.
 *
 * <p>The token never appears in messages, logs or {@link #toString()}.
 */
public final class CoderClient {
    public static final String SESSION_TOKEN_HEADER = "Coder-Session-Token";
    public static final String BYPASS_RATELIMIT_HEADER = "X-Coder-Bypass-Ratelimit";
    public static final String USER_AGENT = "scaletest/" + version();
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    /**
     * coderd's answer when a caller who is not a site owner sends {@link #BYPASS_RATELIMIT_HEADER}.
     * Not retried: the request would be refused again.
     */
    public static final int PRECONDITION_REQUIRED = 428;
    static final String BYPASS_REFUSED = "coderd refused the " + BYPASS_RATELIMIT_HEADER + " header because this "
            + "client's user is not a site owner; scaletest sends it only on the owner's own calls, so this is a bug in "
            + "scaletest (or the token lost its owner role)";

    private static final int NON_JSON_DETAIL_LIMIT = 2048;
    private static final int NO_MESSAGE_DETAIL_LIMIT = 1024;
    private static final ObjectMapper SHARED_MAPPER = CoderJson.newMapper();

    private final CoderEndpoint endpoint;
    private final HttpClient http;
    private final ObjectMapper json;
    private final boolean bypassRateLimit;
    private final RetryPolicy retry;
    private final RetryPolicy.Sleeper sleeper;
    private final Duration requestTimeout;
    private final Consumer<String> requestLog;
    private final BiConsumer<String, Long> latency;
    private final ThrottleListener throttle;

    private CoderClient(Builder b) {
        this.endpoint = b.endpoint;
        this.http = b.http;
        this.json = b.json;
        this.bypassRateLimit = b.bypassRateLimit;
        this.retry = b.retry;
        this.sleeper = b.sleeper;
        this.requestTimeout = b.requestTimeout;
        this.requestLog = b.requestLog;
        this.latency = b.latency;
        this.throttle = b.throttle;
    }

    /**
     * Same wiring as {@code other}, acting as a user who is not (known to be) a site owner:
     * {@code token} (empty for the login call) and no rate-limit bypass, by construction.
     */
    private CoderClient(CoderClient other, String token) {
        this.endpoint = other.endpoint.withToken(token);
        this.http = other.http;
        this.json = other.json;
        this.bypassRateLimit = false;
        this.retry = other.retry;
        this.sleeper = other.sleeper;
        this.requestTimeout = other.requestTimeout;
        this.requestLog = other.requestLog;
        this.latency = other.latency;
        this.throttle = other.throttle;
    }

    public static Builder builder(CoderEndpoint endpoint, HttpClient http) {
        return new Builder(endpoint, http);
    }

    /** Options of a client; {@link #build()} may be called many times. */
    public static final class Builder {
        private final CoderEndpoint endpoint;
        private final HttpClient http;
        private ObjectMapper json = SHARED_MAPPER;
        private boolean bypassRateLimit;
        private RetryPolicy retry = RetryPolicy.DEFAULT;
        private RetryPolicy.Sleeper sleeper = RetryPolicy.Sleeper.REAL;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Consumer<String> requestLog;
        private BiConsumer<String, Long> latency;
        private ThrottleListener throttle = ThrottleListener.NONE;

        private Builder(CoderEndpoint endpoint, HttpClient http) {
            this.endpoint = Objects.requireNonNull(endpoint, "endpoint");
            this.http = Objects.requireNonNull(http, "http");
        }

        /**
         * Adds {@code X-Coder-Bypass-Ratelimit: true} to every call of the built client, never to
         * the clients {@link CoderClient#asUser} derives from it. Only for the site owner's own token: coderd
         * answers anyone else who sends it with 428.
         */
        public Builder bypassRateLimit(boolean on) {
            this.bypassRateLimit = on;
            return this;
        }

        public Builder retry(RetryPolicy policy) {
            this.retry = Objects.requireNonNull(policy);
            return this;
        }

        public Builder sleeper(RetryPolicy.Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /** Time allowed for one attempt, from sending to the complete response. */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Objects.requireNonNull(timeout);
            return this;
        }

        /** Receives one line per attempt: {@code GET <url> -> 200 (12.3ms)}; never bodies or tokens. */
        public Builder requestLog(Consumer<String> sink) {
            this.requestLog = sink;
            return this;
        }

        /**
         * Receives (route, nanoseconds) for every successful call, e.g. ({@code "POST /users"}, 3.1e7);
         * the time covers all attempts including retry pauses, as a user of the API would see it.
         */
        public Builder latency(BiConsumer<String, Long> sink) {
            this.latency = sink;
            return this;
        }

        /** Told about every 429 and every pause waiting one out, by this client and those derived from it. */
        public Builder throttleListener(ThrottleListener listener) {
            this.throttle = Objects.requireNonNull(listener);
            return this;
        }

        public Builder objectMapper(ObjectMapper mapper) {
            this.json = Objects.requireNonNull(mapper);
            return this;
        }

        /**
         * @throws IllegalArgumentException when a {@code --header} names a header the JDK HTTP
         *     client manages itself (Host, Connection, Content-Length, Expect, Upgrade)
         */
        public CoderClient build() {
            for (CoderEndpoint.Header h : endpoint.headers()) {
                try {
                    HttpRequest.newBuilder(endpoint.url()).header(h.name(), h.value());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--header " + GoQuery.quote(h.name()) + " cannot be sent: " + e.getMessage(), e);
                }
            }
            return new CoderClient(this);
        }
    }

    /**
     * The client of the user whose session token this is, e.g. a generated user after
     * {@link #login}: the same deployment, {@code --header} headers, HTTP client, retry policy and
     * listeners, and never the rate-limit bypass header (coderd answers 428 to a non-owner who
     * sends it), so the user meets coderd's rate limits as Coder's own tool's users do.
     */
    public CoderClient asUser(String sessionToken) {
        if (sessionToken == null || sessionToken.isEmpty()) {
            throw new IllegalArgumentException("a user client needs the user's session token");
        }
        return new CoderClient(this, sessionToken);
    }

    /**
     * Where this client goes and as whom: its URL, its identity's session token and the
     * {@code --header} headers. WebSockets opened for this identity (build logs, web terminal)
     * authenticate with it.
     */
    public CoderEndpoint endpoint() {
        return endpoint;
    }

    /** Whether calls carry {@code X-Coder-Bypass-Ratelimit: true} (only the owner's own clients). */
    public boolean bypassRateLimit() {
        return bypassRateLimit;
    }

    public ObjectMapper objectMapper() {
        return json;
    }

    // ---- users ---------------------------------------------------------------------------------

    public User me() throws CoderApiException, InterruptedException {
        return user("me");
    }

    public User user(String idOrName) throws CoderApiException, InterruptedException {
        return call("GET", "GET /users/{user}", "/api/v2/users/" + GoQuery.pathSegment(idOrName), null, null, 200, type(User.class));
    }

    /** One page of users; {@code q} is always sent, {@code limit}/{@code offset} only when positive. */
    public UsersPage users(String q, int limit, int offset) throws CoderApiException, InterruptedException {
        GoQuery query = new GoQuery().set("q", q == null ? "" : q).setPositive("limit", limit).setPositive("offset", offset);
        return call("GET", "GET /users", "/api/v2/users", query, null, 200, type(UsersPage.class));
    }

    public User createUser(CreateUserRequest request) throws CoderApiException, InterruptedException {
        return call("POST", "POST /users", "/api/v2/users", null, request, 201, type(User.class));
    }

    /**
     * Password login; pass the token it returns to {@link #asUser}. Like Coder's tool this goes out
     * without a session token and without the rate-limit bypass (coderd's login limiter, 60 a
     * minute per IP, ignores it anyway). Unlike Coder's tool it carries the {@code --header}
     * headers, so a login through an authenticating proxy gets through.
     */
    public LoginResponse login(String email, String password) throws CoderApiException, InterruptedException {
        CoderClient plain = new CoderClient(this, "");
        return plain.call("POST", "POST /users/login", "/api/v2/users/login", null, new LoginRequest(email, password), 201,
                type(LoginResponse.class));
    }

    public void deleteUser(UUID user) throws CoderApiException, InterruptedException {
        call("DELETE", "DELETE /users/{user}", "/api/v2/users/" + user, null, null, 200, null);
    }

    /**
     * Mints an API token for {@code user} (ID or username; a site owner may mint for anyone), as
     * Coder's scale tests do per generated user; coderd answers 201 with the key.
     */
    public GenerateApiKeyResponse createToken(String user, CreateTokenRequest request) throws CoderApiException, InterruptedException {
        return call("POST", "POST /users/{user}/keys/tokens", "/api/v2/users/" + GoQuery.pathSegment(user) + "/keys/tokens", null,
                request, 201, type(GenerateApiKeyResponse.class));
    }

    /** Deletes an API key by its id (the part of the key before the dash); coderd answers 204. */
    public void deleteApiKey(String user, String keyId) throws CoderApiException, InterruptedException {
        call("DELETE", "DELETE /users/{user}/keys/{keyid}", "/api/v2/users/" + GoQuery.pathSegment(user) + "/keys/"
                + GoQuery.pathSegment(keyId), null, null, 204, null);
    }

    // ---- organizations and templates ------------------------------------------------------------

    public Organization organization(UUID organization) throws CoderApiException, InterruptedException {
        return call("GET", "GET /organizations/{organization}", "/api/v2/organizations/" + organization, null, null, 200,
                type(Organization.class));
    }

    public Template template(UUID template) throws CoderApiException, InterruptedException {
        return call("GET", "GET /templates/{template}", "/api/v2/templates/" + template, null, null, 200, type(Template.class));
    }

    public List<Template> templates(UUID organization) throws CoderApiException, InterruptedException {
        return call("GET", "GET /organizations/{organization}/templates", "/api/v2/organizations/" + organization + "/templates",
                null, null, 200, json.getTypeFactory().constructType(new TypeReference<List<Template>>() {}));
    }

    public TemplateVersion templateVersion(UUID version) throws CoderApiException, InterruptedException {
        return call("GET", "GET /templateversions/{templateversion}", "/api/v2/templateversions/" + version, null, null, 200,
                type(TemplateVersion.class));
    }

    public List<TemplateVersionParameter> richParameters(UUID version) throws CoderApiException, InterruptedException {
        return call("GET", "GET /templateversions/{templateversion}/rich-parameters",
                "/api/v2/templateversions/" + version + "/rich-parameters", null, null, 200,
                json.getTypeFactory().constructType(new TypeReference<List<TemplateVersionParameter>>() {}));
    }

    // ---- workspaces and builds ------------------------------------------------------------------

    /** Creates a workspace for {@code user}; coderd answers 201 (the OpenAPI file says 200). */
    public Workspace createWorkspace(UUID organization, UUID user, CreateWorkspaceRequest request)
            throws CoderApiException, InterruptedException {
        return call("POST", "POST /organizations/{organization}/members/{user}/workspaces",
                "/api/v2/organizations/" + organization + "/members/" + user + "/workspaces", null, request, 201,
                type(Workspace.class));
    }

    /** A workspace; a deleted one raises an exception whose {@link CoderApiException#gone()} is true. */
    public Workspace workspace(UUID workspace) throws CoderApiException, InterruptedException {
        return call("GET", "GET /workspaces/{workspace}", "/api/v2/workspaces/" + workspace, null, null, 200, type(Workspace.class));
    }

    /** One page of workspaces; {@code q} is always sent, {@code limit}/{@code offset} only when positive. */
    public WorkspacesPage workspaces(String q, int limit, int offset) throws CoderApiException, InterruptedException {
        GoQuery query = new GoQuery().set("q", q == null ? "" : q).setPositive("limit", limit).setPositive("offset", offset);
        return call("GET", "GET /workspaces", "/api/v2/workspaces", query, null, 200, type(WorkspacesPage.class));
    }

    /** Starts a build (start, stop, delete); coderd answers 201 (the OpenAPI file says 200). */
    public WorkspaceBuild createBuild(UUID workspace, CreateWorkspaceBuildRequest request)
            throws CoderApiException, InterruptedException {
        return call("POST", "POST /workspaces/{workspace}/builds", "/api/v2/workspaces/" + workspace + "/builds", null, request,
                201, type(WorkspaceBuild.class));
    }

    public WorkspaceBuild build(UUID build) throws CoderApiException, InterruptedException {
        return call("GET", "GET /workspacebuilds/{workspacebuild}", "/api/v2/workspacebuilds/" + build, null, null, 200,
                type(WorkspaceBuild.class));
    }

    public void cancelBuild(UUID build) throws CoderApiException, InterruptedException {
        call("PATCH", "PATCH /workspacebuilds/{workspacebuild}/cancel", "/api/v2/workspacebuilds/" + build + "/cancel", null,
                null, 200, null);
    }

    // ---- deployment -----------------------------------------------------------------------------

    public DeploymentConfig deploymentConfig() throws CoderApiException, InterruptedException {
        return call("GET", "GET /deployment/config", "/api/v2/deployment/config", null, null, 200, type(DeploymentConfig.class));
    }

    public AppHost appHost() throws CoderApiException, InterruptedException {
        return call("GET", "GET /applications/host", "/api/v2/applications/host", null, null, 200, type(AppHost.class));
    }

    public BuildInfo buildInfo() throws CoderApiException, InterruptedException {
        return call("GET", "GET /buildinfo", "/api/v2/buildinfo", null, null, 200, type(BuildInfo.class));
    }

    // ---- plumbing -------------------------------------------------------------------------------

    private JavaType type(Class<?> c) {
        return json.getTypeFactory().constructType(c);
    }

    private <T> T call(String method, String route, String path, GoQuery query, Object body, int expected, JavaType result)
            throws CoderApiException, InterruptedException {
        URI uri = CoderUrls.api(endpoint.url(), path, query);
        String url = uri.toString();
        byte[] payload = body == null ? null : encode(body);
        long start = System.nanoTime();
        int failures = 0;
        int throttled = 0;
        Duration throttleWaited = Duration.ZERO;
        while (true) {
            HttpRequest request = request(method, uri, payload);
            long sent = System.nanoTime();
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException e) {
                CoderApiException failure = transportFailure(method, url, e);
                log(method, url, failure.reason(), sent);
                boolean connectPhase = failure.errorClass() == ErrorClass.CONNECT || e instanceof HttpConnectTimeoutException;
                failures++;
                if (connectPhase && retry.retryConnectFailure(method, failures)) {
                    sleeper.sleep(retry.delay(failures, null, jitter()));
                    continue;
                }
                throw failure;
            }
            int status = response.statusCode();
            log(method, url, Integer.toString(status), sent);
            if (status == expected) {
                T value = decode(method, url, status, response.body(), result);
                if (latency != null) {
                    latency.accept(route, System.nanoTime() - start);
                }
                return value;
            }
            if (status == RetryPolicy.TOO_MANY_REQUESTS) {
                throttle.throttled(route);
                throttled++;
                Duration pause = retry.throttlePause(throttled, retryAfter(response), jitter());
                if (!retry.throttleAllows(throttleWaited, pause)) {
                    throw gaveUpThrottled(method, url, response, throttleWaited);
                }
                waitOutThrottle(route, pause);
                throttleWaited = throttleWaited.plus(pause);
                continue;
            }
            failures++;
            if (retry.retryStatus(method, status, failures)) {
                sleeper.sleep(retry.delay(failures, retryAfter(response), jitter()));
                continue;
            }
            throw errorFrom(method, url, response);
        }
    }

    /** Sleeps out a 429; the listener hears the time actually waited, also when the run's deadline cuts it short. */
    private void waitOutThrottle(String route, Duration pause) throws InterruptedException {
        long began = System.nanoTime();
        try {
            sleeper.sleep(pause);
        } catch (InterruptedException e) {
            throttle.waited(route, Duration.ofNanos(System.nanoTime() - began));
            throw e;
        }
        throttle.waited(route, pause);
    }

    private CoderApiException gaveUpThrottled(String method, String url, HttpResponse<byte[]> response, Duration waited) {
        CoderApiException e = errorFrom(method, url, response);
        String ours = waited.isZero()
                ? "not retried: waiting would exceed this call's limit of " + GoDuration.format(retry.throttleBudget())
                        + " on rate limits"
                : "gave up after waiting " + GoDuration.format(waited) + " on rate limits for this call (at most "
                        + GoDuration.format(retry.throttleBudget()) + " per call)";
        String detail = e.detail().isEmpty() ? ours : e.detail() + "; " + ours;
        return CoderApiException.fromResponse(e.method(), e.url(), e.status(), new CoderError(e.apiMessage(), detail, e.validations()));
    }

    private static double jitter() {
        return ThreadLocalRandom.current().nextDouble();
    }

    private HttpRequest request(String method, URI uri, byte[] payload) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("User-Agent", USER_AGENT)
                .header("Accept", "application/json");
        for (CoderEndpoint.Header h : endpoint.headers()) {
            b.header(h.name(), h.value());
        }
        String token = endpoint.sessionToken();
        if (token != null && !token.isEmpty()) {
            b.setHeader(SESSION_TOKEN_HEADER, token);
        }
        if (bypassRateLimit) {
            b.setHeader(BYPASS_RATELIMIT_HEADER, "true");
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
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            // Only model records are sent; failing to write one is a programming error.
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    private <T> T decode(String method, String url, int status, byte[] bytes, JavaType result) throws CoderApiException {
        if (result == null) {
            return null;
        }
        try {
            return json.readValue(bytes, result);
        } catch (IOException e) {
            String reason = "decode response body: " + oneLine(e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage());
            throw CoderApiException.unreadable(method, url, 0, redact(reason), e);
        }
    }

    /**
     * Reads an error response the way Coder's {@code ReadBodyAsError} does; a 428 to the bypass
     * header gets a message saying what it means.
     */
    private CoderApiException errorFrom(String method, String url, HttpResponse<byte[]> response) {
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
                    new CoderError("unexpected non-JSON response " + GoQuery.quote(contentType), redact(detail), List.of()));
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

    CoderApiException transportFailure(String method, String url, IOException e) {
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

    /** Removes the session token from text that came from the server or the network stack. */
    private String redact(String s) {
        String token = endpoint.sessionToken();
        return token == null || token.length() < 4 || s == null ? s : s.replace(token, "****");
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when absent or unreadable. */
    static Duration retryAfter(HttpResponse<?> response) {
        String value = response.headers().firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, Long.parseLong(v)));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException notDate) {
                return null;
            }
        }
    }

    private void log(String method, String url, String outcome, long sentNanos) {
        if (requestLog != null) {
            double ms = (System.nanoTime() - sentNanos) / 1e6;
            requestLog.accept(method + " " + url + " -> " + outcome + " (" + String.format(Locale.ROOT, "%.1f", ms) + "ms)");
        }
    }

    private static String version() {
        String v = CoderClient.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }

    @Override
    public String toString() {
        return "CoderClient[url=" + endpoint.url() + ", bypassRateLimit=" + bypassRateLimit + ", headers="
                + endpoint.headers().size() + "]";
    }
}
