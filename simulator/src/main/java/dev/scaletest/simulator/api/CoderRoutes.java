package dev.scaletest.simulator.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.scaletest.simulator.state.Deployment;
import dev.scaletest.simulator.state.SearchQuery;
import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/** The coderd REST routes the simulator serves, wired to the deployment state. */
public final class CoderRoutes {
    public static final String VERSION = "v2.24.1+simulator";
    /** The route coderd puts behind its login rate limiter as well as the API limiter. */
    public static final String LOGIN_ROUTE = "POST /users/login";

    private final Deployment deployment;
    private final Supplier<String> externalUrl;
    private final String appHost;
    private final UUID deploymentId = UUID.randomUUID();
    private final AgentRouting agentRouting;
    private final BuildLogRoute buildLogs;

    public CoderRoutes(Deployment deployment, Supplier<String> externalUrl, String appHost, AgentRouting agentRouting,
                       BuildLogRoute buildLogs) {
        this.deployment = deployment;
        this.externalUrl = externalUrl;
        this.appHost = appHost;
        this.agentRouting = agentRouting;
        this.buildLogs = buildLogs;
    }

    /** Every route, in the order they are matched: a literal segment before a placeholder in the same place. */
    public List<Route> routes() {
        List<Route> routes = new ArrayList<>();
        routes.add(new Route("GET", "/buildinfo", false, this::buildInfo));
        addUserRoutes(routes);
        addTemplateRoutes(routes);
        addWorkspaceRoutes(routes);
        return routes;
    }

    /** Users, their API keys, and what a user path reaches: organizations and new workspaces. */
    private void addUserRoutes(List<Route> routes) {
        routes.add(new Route("GET", "/users/first", false, call -> new Reply.Json(200,
                new CoderJson.Response("The initial user has already been created!", null, null))));
        routes.add(new Route("POST", "/users/first", false, call -> {
            throw new ApiException(409, "The initial user has already been created.");
        }));
        routes.add(new Route("POST", "/users/login", false, this::login));
        routes.add(new Route("GET", "/users", true, this::listUsers));
        routes.add(new Route("POST", "/users", true, this::createUser));
        routes.add(new Route("GET", "/users/{user}", true, call -> ok(deployment.user(call.caller(), call.path("user")))));
        routes.add(new Route("DELETE", "/users/{user}", true, call -> {
            deployment.deleteUser(call.caller(), call.path("user"));
            return new Reply.Json(200, new CoderJson.Response("User has been deleted!", null, null));
        }));
        routes.add(new Route("PUT", "/users/{user}/roles", true, call -> {
            List<String> roles = new ArrayList<>();
            call.body().path("roles").forEach(role -> roles.add(role.asText()));
            return ok(deployment.updateRoles(call.caller(), call.path("user"), roles));
        }));
        routes.add(new Route("POST", "/users/{user}/keys/tokens", true, this::createToken));
        routes.add(new Route("GET", "/users/{user}/keys/tokens", true, call -> ok(deployment.tokens(call.caller(), call.path("user"),
                goBool(call.query("include_all", "")), goBool(call.query("include_expired", ""))))));
        routes.add(new Route("GET", "/users/{user}/keys/tokens/tokenconfig", true,
                call -> ok(deployment.tokenConfig(call.caller(), call.path("user")))));
        routes.add(new Route("GET", "/users/{user}/keys/{keyid}", true,
                call -> ok(deployment.apiKey(call.caller(), call.path("user"), call.path("keyid")))));
        routes.add(new Route("DELETE", "/users/{user}/keys/{keyid}", true, call -> {
            deployment.deleteApiKey(call.caller(), call.path("user"), call.path("keyid"));
            return new Reply.Empty(204);
        }));
        routes.add(new Route("GET", "/users/{user}/organizations", true,
                call -> ok(deployment.organizationsOf(call.caller(), call.path("user")))));
        routes.add(new Route("POST", "/users/{user}/workspaces", true, this::createWorkspace));
    }

    /** The organization, its templates and their versions, and dry runs of a version. */
    private void addTemplateRoutes(List<Route> routes) {
        routes.add(new Route("GET", "/organizations/{organization}", true, call -> ok(deployment.organization(call.path("organization")))));
        routes.add(new Route("GET", "/organizations/{organization}/templates", true,
                call -> ok(deployment.templates(call.path("organization")))));
        routes.add(new Route("POST", "/organizations/{organization}/members/{user}/workspaces", true, call -> {
            deployment.organization(call.path("organization"));
            return createWorkspace(call);
        }));
        routes.add(new Route("GET", "/templates/{template}", true, call -> ok(deployment.template(call.pathUuid("template")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}", true,
                call -> ok(deployment.templateVersion(call.pathUuid("templateversion")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/rich-parameters", true,
                call -> ok(deployment.richParameters(call.pathUuid("templateversion")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/external-auth", true, call -> {
            deployment.requireTemplateVersion(call.pathUuid("templateversion"));
            return ok(List.of());
        }));
        routes.add(new Route("POST", "/templateversions/{templateversion}/dry-run", true, call -> new Reply.Json(201,
                deployment.createDryRun(call.pathUuid("templateversion"), ApiCall.optionalText(call.body(), "workspace_name")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/dry-run/{job}", true,
                call -> ok(deployment.dryRun(call.pathUuid("templateversion"), call.pathUuid("job")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/dry-run/{job}/matched-provisioners", true,
                call -> ok(deployment.matchedProvisioners(call.pathUuid("templateversion"), call.pathUuid("job")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/dry-run/{job}/resources", true,
                call -> ok(deployment.dryRunResources(call.pathUuid("templateversion"), call.pathUuid("job")))));
        routes.add(new Route("GET", "/templateversions/{templateversion}/dry-run/{job}/logs", true, buildLogs::handleDryRun));
        routes.add(new Route("PATCH", "/templateversions/{templateversion}/dry-run/{job}/cancel", true, call -> {
            deployment.cancelDryRun(call.pathUuid("templateversion"), call.pathUuid("job"));
            return ok(new CoderJson.Response("Job has been marked as canceled...", null, null));
        }));
    }

    /** Workspaces, their builds and build logs, the deployment's settings, and agents. */
    private void addWorkspaceRoutes(List<Route> routes) {
        routes.add(new Route("GET", "/workspaces", true, this::listWorkspaces));
        routes.add(new Route("GET", "/workspaces/{workspace}", true, call -> ok(deployment.workspace(call.caller(),
                call.pathUuid("workspace"), "true".equals(call.query("include_deleted", "false"))))));
        routes.add(new Route("POST", "/workspaces/{workspace}/builds", true, this::createBuild));
        routes.add(new Route("GET", "/workspacebuilds/{workspacebuild}", true,
                call -> ok(deployment.build(call.caller(), call.pathUuid("workspacebuild")))));
        routes.add(new Route("PATCH", "/workspacebuilds/{workspacebuild}/cancel", true, call -> {
            deployment.cancelBuild(call.caller(), call.pathUuid("workspacebuild"));
            return new Reply.Json(200, new CoderJson.Response("Job has been marked as canceled...", null, null));
        }));
        routes.add(new Route("GET", "/workspacebuilds/{workspacebuild}/logs", true, buildLogs::handle));
        routes.add(new Route("GET", "/deployment/config", true, call -> ok(deployment.deploymentConfig())));
        routes.add(new Route("GET", "/applications/host", true, call -> ok(new CoderJson.AppHostResponse(appHost))));
        routes.add(new Route("GET", "/workspaceagents/{workspaceagent}", true,
                call -> ok(deployment.workspaceAgent(call.caller(), call.pathUuid("workspaceagent")))));
        // The API key is optional here: the terminal route answers a missing key itself (see AgentRouting).
        routes.add(new Route("GET", "/workspaceagents/{workspaceagent}/pty", false, agentRouting::pty));
    }

    private static Reply ok(Object body) {
        return new Reply.Json(200, body);
    }

    private Reply buildInfo(ApiCall call) {
        String url = externalUrl.get();
        return ok(new CoderJson.BuildInfoResponse(url, VERSION, url, false, false, "2.4", "1.6", "",
                deploymentId.toString(), ""));
    }

    private Reply login(ApiCall call) {
        JsonNode body = call.body();
        String token = deployment.login(ApiCall.optionalText(body, "email"), ApiCall.optionalText(body, "password"));
        return new Reply.Json(201, new CoderJson.LoginWithPasswordResponse(token));
    }

    /** coderd reads the body into {@code codersdk.CreateTokenRequest}; {@code lifetime} is a Go duration in nanoseconds. */
    private Reply createToken(ApiCall call) {
        JsonNode body = call.body();
        JsonNode lifetime = body.path("lifetime");
        if (!lifetime.isMissingNode() && !lifetime.isNull() && !lifetime.canConvertToExactIntegral()) {
            throw new ApiException(400, "Request body must be valid JSON.",
                    "json: cannot unmarshal " + lifetime.getNodeType().name().toLowerCase(java.util.Locale.ROOT)
                            + " into Go struct field CreateTokenRequest.lifetime of type time.Duration", null);
        }
        List<String> scopes = new ArrayList<>();
        String scope = ApiCall.optionalText(body, "scope");
        body.path("scopes").forEach(s -> scopes.add(s.asText()));
        if (scopes.isEmpty() && scope != null && !scope.isEmpty()) {
            scopes.add(scope);
        }
        String key = deployment.createToken(call.caller(), call.path("user"), java.time.Duration.ofNanos(lifetime.asLong(0)),
                ApiCall.optionalText(body, "token_name"), scopes);
        return new Reply.Json(201, new CoderJson.GenerateAPIKeyResponse(key));
    }

    /** Go's {@code strconv.ParseBool}, unreadable as false (coderd ignores the error). */
    private static boolean goBool(String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            default -> false;
        };
    }

    private Reply listUsers(ApiCall call) {
        return ok(deployment.users(SearchQuery.parse(call.query("q", "")), call.queryInt("limit"), call.queryInt("offset")));
    }

    private Reply createUser(ApiCall call) {
        JsonNode body = call.body();
        List<UUID> organizations = new ArrayList<>();
        JsonNode orgs = body.path("organization_ids");
        if (orgs.isArray()) {
            for (JsonNode org : orgs) {
                try {
                    organizations.add(UUID.fromString(org.asText()));
                } catch (IllegalArgumentException e) {
                    throw ApiException.validation("Request body has invalid values.", "organization_ids",
                            "\"" + org.asText() + "\" is not a valid UUID");
                }
            }
        }
        if (organizations.isEmpty()) {
            organizations.add(deployment.organizationId());
        }
        CoderJson.User user = deployment.createUser(call.caller(), ApiCall.optionalText(body, "email"),
                ApiCall.optionalText(body, "username"), ApiCall.optionalText(body, "name"),
                ApiCall.optionalText(body, "password"), ApiCall.optionalText(body, "login_type"), organizations);
        return new Reply.Json(201, user);
    }

    private Reply createWorkspace(ApiCall call) {
        JsonNode body = call.body();
        JsonNode ttl = body.path("ttl_ms");
        CoderJson.Workspace workspace = deployment.createWorkspace(call.caller(), call.path("user"),
                ApiCall.optionalUuid(body, "template_id"), ApiCall.optionalUuid(body, "template_version_id"),
                ApiCall.optionalText(body, "name"), ApiCall.optionalText(body, "autostart_schedule"),
                ttl.isNumber() ? ttl.asLong() : null, parameters(body));
        return new Reply.Json(201, workspace);
    }

    private static Map<String, String> parameters(JsonNode body) {
        Map<String, String> values = new LinkedHashMap<>();
        JsonNode list = body.path("rich_parameter_values");
        if (list.isArray()) {
            for (JsonNode parameter : list) {
                values.put(parameter.path("name").asText(), parameter.path("value").asText());
            }
        }
        return values;
    }

    private Reply listWorkspaces(ApiCall call) {
        return ok(deployment.workspaces(call.caller(), SearchQuery.parse(call.query("q", "")),
                call.queryInt("limit"), call.queryInt("offset")));
    }

    private Reply createBuild(ApiCall call) {
        JsonNode body = call.body();
        String transition = ApiCall.optionalText(body, "transition");
        if (transition == null || transition.isEmpty()) {
            throw new ApiException(400, "Validation failed.", null,
                    List.of(new CoderJson.ValidationError("transition", "Validation failed for tag \"required\" with value: \"\"")));
        }
        return new Reply.Json(201, deployment.createBuild(call.caller(), call.pathUuid("workspace"), transition,
                ApiCall.optionalUuid(body, "template_version_id"), parameters(body)));
    }
}
