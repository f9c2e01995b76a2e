package dev.scaletest.coder;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scaletest.coder.model.AppHost;
import dev.scaletest.coder.model.BuildInfo;
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
import dev.scaletest.coder.wire.CoderCall;
import dev.scaletest.coder.wire.CoderHeaders;
import dev.scaletest.coder.wire.GoQuery;
import dev.scaletest.coder.wire.RetryPolicy;
import dev.scaletest.coder.wire.ThrottleListener;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

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
 * and the builder's {@link Builder#userAgent}. Each call expects the one success status coderd
 * answers (not always the one in the OpenAPI file: workspace and build creation answer 201);
 * anything else raises a {@link CoderApiException}. Retries, including waiting out coderd's rate
 * limits (429), follow the {@link RetryPolicy}; every 429 is told to the {@link ThrottleListener}.
 * This class names the endpoints; how a call goes over the wire is {@link CoderCall}'s job.
 *
 * <p>The token never appears in messages, logs or {@link #toString()}.
 */
public final class CoderClient {
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private static final ObjectMapper SHARED_MAPPER = CoderJson.newMapper();

    private final CoderEndpoint endpoint;
    private final CoderCall wire;

    private CoderClient(CoderEndpoint endpoint, CoderCall wire) {
        this.endpoint = endpoint;
        this.wire = wire;
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
        private String userAgent = CoderHeaders.DEFAULT_USER_AGENT;

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

        /** The {@code User-Agent} of every call, e.g. {@code scaletest/0.3.0}; {@value CoderHeaders#DEFAULT_USER_AGENT} by default. */
        public Builder userAgent(String agent) {
            this.userAgent = Objects.requireNonNull(agent);
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
            List<Map.Entry<String, String>> headers = endpoint.headers().stream().map(h -> Map.entry(h.name(), h.value())).toList();
            CoderCall.Wiring wiring = new CoderCall.Wiring(http, json, retry, sleeper, requestTimeout, requestLog, latency, throttle,
                    userAgent);
            return new CoderClient(endpoint, new CoderCall(wiring, endpoint.url(), endpoint.sessionToken(), headers, bypassRateLimit));
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
        return new CoderClient(endpoint.withToken(sessionToken), wire.as(sessionToken));
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
        return wire.bypassRateLimit();
    }

    public ObjectMapper objectMapper() {
        return wire.objectMapper();
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

    /** The user named {@code username}, or empty when there is none (coderd answers 404). */
    public Optional<User> userNamed(String username) throws CoderApiException, InterruptedException {
        try {
            return Optional.of(user(username));
        } catch (CoderApiException e) {
            if (e.gone()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /**
     * Creates a user; when the answer is lost (a 5xx or none) the user is looked up by its
     * username before the call is sent again (see {@link CoderCall#create}), so it is never made twice.
     */
    public User createUser(CreateUserRequest request) throws CoderApiException, InterruptedException {
        return wire.create("POST /users", "/api/v2/users", request, 201, type(User.class), () -> userNamed(request.username()));
    }

    /**
     * Password login; pass the token it returns to {@link #asUser}. Like Coder's tool this goes out
     * without a session token and without the rate-limit bypass (coderd's login limiter, 60 a
     * minute per IP, ignores it anyway). Unlike Coder's tool it carries the {@code --header}
     * headers, so a login through an authenticating proxy gets through.
     */
    public LoginResponse login(String email, String password) throws CoderApiException, InterruptedException {
        CoderClient plain = new CoderClient(endpoint.withToken(""), wire.as(""));
        // A login whose answer is lost is sent again: at worst it leaves an unused session key, which goes with the user.
        return plain.wire.create("POST /users/login", "/api/v2/users/login", new LoginRequest(email, password), 201,
                type(LoginResponse.class), Optional::empty);
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
                null, null, 200, objectMapper().getTypeFactory().constructType(new TypeReference<List<Template>>() {}));
    }

    public TemplateVersion templateVersion(UUID version) throws CoderApiException, InterruptedException {
        return call("GET", "GET /templateversions/{templateversion}", "/api/v2/templateversions/" + version, null, null, 200,
                type(TemplateVersion.class));
    }

    public List<TemplateVersionParameter> richParameters(UUID version) throws CoderApiException, InterruptedException {
        return call("GET", "GET /templateversions/{templateversion}/rich-parameters",
                "/api/v2/templateversions/" + version + "/rich-parameters", null, null, 200,
                objectMapper().getTypeFactory().constructType(new TypeReference<List<TemplateVersionParameter>>() {}));
    }

    // ---- workspaces and builds ------------------------------------------------------------------

    /**
     * Creates a workspace for {@code user}; coderd answers 201 (the OpenAPI file says 200). When the
     * answer is lost (a 5xx or none) the workspace is looked up by owner and name before the call is
     * sent again (see {@link CoderCall#create}), so it is never made twice.
     */
    public Workspace createWorkspace(UUID organization, UUID user, CreateWorkspaceRequest request)
            throws CoderApiException, InterruptedException {
        return wire.create("POST /organizations/{organization}/members/{user}/workspaces",
                "/api/v2/organizations/" + organization + "/members/" + user + "/workspaces", request, 201,
                type(Workspace.class), () -> workspaceNamed(user, request.name()));
    }

    /**
     * The workspace of {@code owner} named exactly {@code name}, or empty: coderd's {@code name:}
     * search matches parts of names, so the answer is filtered by owner and whole name.
     */
    public Optional<Workspace> workspaceNamed(UUID owner, String name) throws CoderApiException, InterruptedException {
        return workspaces("name:" + GoQuery.quote(name), ScaletestWorkspaces.PAGE_SIZE, 0).workspaces().stream()
                .filter(w -> name.equals(w.name()) && owner.equals(w.ownerId()))
                .findFirst();
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

    /**
     * Starts a build after {@code previous}, the workspace's latest build when the caller decided
     * to build. When the answer is lost (a 5xx or none), the workspace's latest build is looked at
     * before the call is sent again (see {@link CoderCall#create}): a later build of the same
     * transition is the one this call started.
     */
    public WorkspaceBuild createBuild(UUID workspace, CreateWorkspaceBuildRequest request, WorkspaceBuild previous)
            throws CoderApiException, InterruptedException {
        return wire.create("POST /workspaces/{workspace}/builds", "/api/v2/workspaces/" + workspace + "/builds", request, 201,
                type(WorkspaceBuild.class), () -> {
                    WorkspaceBuild latest = workspace(workspace).latestBuild();
                    boolean ours = latest.buildNumber() > previous.buildNumber() && latest.transition().equals(request.transition());
                    return ours ? Optional.of(latest) : Optional.empty();
                });
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
        return objectMapper().getTypeFactory().constructType(c);
    }

    private <T> T call(String method, String route, String path, GoQuery query, Object body, int expected, JavaType result)
            throws CoderApiException, InterruptedException {
        return wire.send(method, route, path, query, body, expected, result);
    }

    @Override
    public String toString() {
        return "CoderClient[url=" + endpoint.url() + ", bypassRateLimit=" + bypassRateLimit() + ", headers="
                + endpoint.headers().size() + "]";
    }
}
