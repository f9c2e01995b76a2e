package dev.scaletest.simulator.wire;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The simulator's own wire shapes, named after coderd's {@code codersdk} types. Field names are
 * those of Coder's swagger file; timestamps are Go RFC3339Nano strings; absent optionals are omitted.
 */
public final class CoderJson {
    private CoderJson() {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Response(
            @JsonProperty("message") String message,
            @JsonProperty("detail") String detail,
            @JsonProperty("validations") List<ValidationError> validations) {
    }

    public record ValidationError(@JsonProperty("field") String field, @JsonProperty("detail") String detail) {
    }

    public record SlimRole(
            @JsonProperty("name") String name,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("organization_id") String organizationId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record User(
            @JsonProperty("id") String id,
            @JsonProperty("username") String username,
            @JsonProperty("email") String email,
            @JsonProperty("name") String name,
            @JsonProperty("avatar_url") String avatarUrl,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("last_seen_at") String lastSeenAt,
            @JsonProperty("status") String status,
            @JsonProperty("login_type") String loginType,
            @JsonProperty("theme_preference") String themePreference,
            @JsonProperty("organization_ids") List<String> organizationIds,
            @JsonProperty("roles") List<SlimRole> roles) {
    }

    public record GetUsersResponse(@JsonProperty("users") List<User> users, @JsonProperty("count") int count) {
    }

    public record LoginWithPasswordResponse(@JsonProperty("session_token") String sessionToken) {
    }

    public record Organization(
            @JsonProperty("id") String id,
            @JsonProperty("name") String name,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("description") String description,
            @JsonProperty("icon") String icon,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("is_default") boolean isDefault) {
    }

    public record Template(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("organization_id") String organizationId,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("organization_display_name") String organizationDisplayName,
            @JsonProperty("organization_icon") String organizationIcon,
            @JsonProperty("name") String name,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("provisioner") String provisioner,
            @JsonProperty("active_version_id") String activeVersionId,
            @JsonProperty("active_user_count") int activeUserCount,
            @JsonProperty("description") String description,
            @JsonProperty("deprecated") boolean deprecated,
            @JsonProperty("deprecation_message") String deprecationMessage,
            @JsonProperty("icon") String icon,
            @JsonProperty("default_ttl_ms") long defaultTtlMs,
            @JsonProperty("activity_bump_ms") long activityBumpMs,
            @JsonProperty("failure_ttl_ms") long failureTtlMs,
            @JsonProperty("time_til_dormant_ms") long timeTilDormantMs,
            @JsonProperty("time_til_dormant_autodelete_ms") long timeTilDormantAutodeleteMs,
            @JsonProperty("allow_user_autostart") boolean allowUserAutostart,
            @JsonProperty("allow_user_autostop") boolean allowUserAutostop,
            @JsonProperty("allow_user_cancel_workspace_jobs") boolean allowUserCancelWorkspaceJobs,
            @JsonProperty("require_active_version") boolean requireActiveVersion,
            @JsonProperty("created_by_id") String createdById,
            @JsonProperty("created_by_name") String createdByName,
            @JsonProperty("use_classic_parameter_flow") boolean useClassicParameterFlow) {
    }

    public record MinimalUser(
            @JsonProperty("id") String id,
            @JsonProperty("username") String username,
            @JsonProperty("name") String name) {
    }

    public record TemplateVersion(
            @JsonProperty("id") String id,
            @JsonProperty("template_id") String templateId,
            @JsonProperty("organization_id") String organizationId,
            @JsonProperty("name") String name,
            @JsonProperty("message") String message,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("readme") String readme,
            @JsonProperty("archived") boolean archived,
            @JsonProperty("has_external_agent") boolean hasExternalAgent,
            @JsonProperty("job") ProvisionerJob job,
            @JsonProperty("created_by") MinimalUser createdBy) {
    }

    public record TemplateVersionParameterOption(
            @JsonProperty("name") String name,
            @JsonProperty("description") String description,
            @JsonProperty("value") String value,
            @JsonProperty("icon") String icon) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TemplateVersionParameter(
            @JsonProperty("name") String name,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("description") String description,
            @JsonProperty("description_plaintext") String descriptionPlaintext,
            @JsonProperty("type") String type,
            @JsonProperty("form_type") String formType,
            @JsonProperty("mutable") boolean mutable,
            @JsonProperty("default_value") String defaultValue,
            @JsonProperty("icon") String icon,
            @JsonProperty("options") List<TemplateVersionParameterOption> options,
            @JsonProperty("validation_regex") String validationRegex,
            @JsonProperty("validation_min") Integer validationMin,
            @JsonProperty("validation_max") Integer validationMax,
            @JsonProperty("validation_error") String validationError,
            @JsonProperty("validation_monotonic") String validationMonotonic,
            @JsonProperty("required") boolean required,
            @JsonProperty("ephemeral") boolean ephemeral) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProvisionerJob(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("completed_at") String completedAt,
            @JsonProperty("canceled_at") String canceledAt,
            @JsonProperty("error") String error,
            @JsonProperty("status") String status,
            @JsonProperty("worker_id") String workerId,
            @JsonProperty("worker_name") String workerName,
            @JsonProperty("file_id") String fileId,
            @JsonProperty("tags") Map<String, String> tags,
            @JsonProperty("queue_position") int queuePosition,
            @JsonProperty("queue_size") int queueSize,
            @JsonProperty("organization_id") String organizationId,
            @JsonProperty("initiator_id") String initiatorId,
            @JsonProperty("input") ProvisionerJobInput input,
            @JsonProperty("type") String type,
            @JsonProperty("metadata") ProvisionerJobMetadata metadata,
            @JsonProperty("logs_overflowed") boolean logsOverflowed) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProvisionerJobInput(
            @JsonProperty("template_version_id") String templateVersionId,
            @JsonProperty("workspace_build_id") String workspaceBuildId) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ProvisionerJobMetadata(
            @JsonProperty("template_id") String templateId,
            @JsonProperty("template_name") String templateName,
            @JsonProperty("template_display_name") String templateDisplayName,
            @JsonProperty("template_icon") String templateIcon,
            @JsonProperty("template_version_name") String templateVersionName,
            @JsonProperty("workspace_id") String workspaceId,
            @JsonProperty("workspace_name") String workspaceName) {
    }

    public record ProvisionerJobLog(
            @JsonProperty("id") long id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("log_source") String logSource,
            @JsonProperty("log_level") String logLevel,
            @JsonProperty("stage") String stage,
            @JsonProperty("output") String output) {
    }

    public record WorkspaceApp(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("external") boolean external,
            @JsonProperty("slug") String slug,
            @JsonProperty("display_name") String displayName,
            @JsonProperty("command") String command,
            @JsonProperty("icon") String icon,
            @JsonProperty("subdomain") boolean subdomain,
            @JsonProperty("subdomain_name") String subdomainName,
            @JsonProperty("sharing_level") String sharingLevel,
            @JsonProperty("health") String health,
            @JsonProperty("group") String group,
            @JsonProperty("hidden") boolean hidden,
            @JsonProperty("open_in") String openIn,
            @JsonProperty("statuses") List<Object> statuses) {
    }

    public record WorkspaceAgentHealth(@JsonProperty("healthy") boolean healthy, @JsonProperty("reason") String reason) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkspaceAgent(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("first_connected_at") String firstConnectedAt,
            @JsonProperty("last_connected_at") String lastConnectedAt,
            @JsonProperty("disconnected_at") String disconnectedAt,
            @JsonProperty("started_at") String startedAt,
            @JsonProperty("ready_at") String readyAt,
            @JsonProperty("status") String status,
            @JsonProperty("lifecycle_state") String lifecycleState,
            @JsonProperty("name") String name,
            @JsonProperty("resource_id") String resourceId,
            @JsonProperty("instance_id") String instanceId,
            @JsonProperty("architecture") String architecture,
            @JsonProperty("environment_variables") Map<String, String> environmentVariables,
            @JsonProperty("operating_system") String operatingSystem,
            @JsonProperty("logs_length") int logsLength,
            @JsonProperty("logs_overflowed") boolean logsOverflowed,
            @JsonProperty("directory") String directory,
            @JsonProperty("expanded_directory") String expandedDirectory,
            @JsonProperty("version") String version,
            @JsonProperty("api_version") String apiVersion,
            @JsonProperty("apps") List<WorkspaceApp> apps,
            @JsonProperty("troubleshooting_url") String troubleshootingUrl,
            @JsonProperty("connection_timeout_seconds") int connectionTimeoutSeconds,
            @JsonProperty("subsystems") List<String> subsystems,
            @JsonProperty("health") WorkspaceAgentHealth health,
            @JsonProperty("display_apps") List<String> displayApps,
            @JsonProperty("log_sources") List<Object> logSources,
            @JsonProperty("scripts") List<Object> scripts,
            @JsonProperty("startup_script_behavior") String startupScriptBehavior) {
    }

    public record WorkspaceResource(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("job_id") String jobId,
            @JsonProperty("workspace_transition") String workspaceTransition,
            @JsonProperty("type") String type,
            @JsonProperty("name") String name,
            @JsonProperty("hide") boolean hide,
            @JsonProperty("icon") String icon,
            @JsonProperty("agents") List<WorkspaceAgent> agents,
            @JsonProperty("metadata") List<Object> metadata,
            @JsonProperty("daily_cost") int dailyCost) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record WorkspaceBuild(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("workspace_id") String workspaceId,
            @JsonProperty("workspace_name") String workspaceName,
            @JsonProperty("workspace_owner_id") String workspaceOwnerId,
            @JsonProperty("workspace_owner_name") String workspaceOwnerName,
            @JsonProperty("workspace_owner_avatar_url") String workspaceOwnerAvatarUrl,
            @JsonProperty("template_version_id") String templateVersionId,
            @JsonProperty("template_version_name") String templateVersionName,
            @JsonProperty("build_number") int buildNumber,
            @JsonProperty("transition") String transition,
            @JsonProperty("initiator_id") String initiatorId,
            @JsonProperty("initiator_name") String initiatorName,
            @JsonProperty("job") ProvisionerJob job,
            @JsonProperty("reason") String reason,
            @JsonProperty("resources") List<WorkspaceResource> resources,
            @JsonProperty("deadline") String deadline,
            @JsonProperty("max_deadline") String maxDeadline,
            @JsonProperty("status") String status,
            @JsonProperty("daily_cost") int dailyCost,
            @JsonProperty("has_ai_task") boolean hasAiTask,
            @JsonProperty("has_external_agent") boolean hasExternalAgent) {
    }

    public record WorkspaceHealth(@JsonProperty("healthy") boolean healthy, @JsonProperty("failing_agents") List<String> failingAgents) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Workspace(
            @JsonProperty("id") String id,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("owner_id") String ownerId,
            @JsonProperty("owner_name") String ownerName,
            @JsonProperty("owner_avatar_url") String ownerAvatarUrl,
            @JsonProperty("organization_id") String organizationId,
            @JsonProperty("organization_name") String organizationName,
            @JsonProperty("template_id") String templateId,
            @JsonProperty("template_name") String templateName,
            @JsonProperty("template_display_name") String templateDisplayName,
            @JsonProperty("template_icon") String templateIcon,
            @JsonProperty("template_allow_user_cancel_workspace_jobs") boolean templateAllowUserCancelWorkspaceJobs,
            @JsonProperty("template_active_version_id") String templateActiveVersionId,
            @JsonProperty("template_require_active_version") boolean templateRequireActiveVersion,
            @JsonProperty("template_use_classic_parameter_flow") boolean templateUseClassicParameterFlow,
            @JsonProperty("latest_build") WorkspaceBuild latestBuild,
            @JsonProperty("outdated") boolean outdated,
            @JsonProperty("name") String name,
            @JsonProperty("autostart_schedule") String autostartSchedule,
            @JsonProperty("ttl_ms") Long ttlMs,
            @JsonProperty("last_used_at") String lastUsedAt,
            @JsonProperty("deleting_at") String deletingAt,
            @JsonProperty("dormant_at") String dormantAt,
            @JsonProperty("health") WorkspaceHealth health,
            @JsonProperty("automatic_updates") String automaticUpdates,
            @JsonProperty("allow_renames") boolean allowRenames,
            @JsonProperty("favorite") boolean favorite,
            @JsonProperty("is_prebuild") boolean isPrebuild) {
    }

    public record WorkspacesResponse(@JsonProperty("workspaces") List<Workspace> workspaces, @JsonProperty("count") int count) {
    }

    public record BuildInfoResponse(
            @JsonProperty("external_url") String externalUrl,
            @JsonProperty("version") String version,
            @JsonProperty("dashboard_url") String dashboardUrl,
            @JsonProperty("telemetry") boolean telemetry,
            @JsonProperty("workspace_proxy") boolean workspaceProxy,
            @JsonProperty("agent_api_version") String agentApiVersion,
            @JsonProperty("provisioner_api_version") String provisionerApiVersion,
            @JsonProperty("upgrade_message") String upgradeMessage,
            @JsonProperty("deployment_id") String deploymentId,
            @JsonProperty("webpush_public_key") String webpushPublicKey) {
    }

    public record MatchedProvisioners(
            @JsonProperty("count") int count,
            @JsonProperty("available") int available,
            @JsonProperty("most_recently_seen") String mostRecentlySeen) {
    }

    public record GenerateAPIKeyResponse(@JsonProperty("key") String key) {
    }

    public record AppHostResponse(@JsonProperty("host") String host) {
    }

    public record DeploymentValues(
            @JsonProperty("disable_owner_workspace_exec") boolean disableOwnerWorkspaceExec,
            @JsonProperty("disable_path_apps") boolean disablePathApps,
            @JsonProperty("wildcard_access_url") String wildcardAccessUrl,
            @JsonProperty("dangerous") DangerousConfig dangerous,
            @JsonProperty("session_lifetime") SessionLifetime sessionLifetime) {
    }

    public record DangerousConfig(
            @JsonProperty("allow_all_cors") boolean allowAllCors,
            @JsonProperty("allow_path_app_sharing") boolean allowPathAppSharing,
            @JsonProperty("allow_path_app_site_owner_access") boolean allowPathAppSiteOwnerAccess) {
    }

    /** Durations in nanoseconds, as Go's {@code time.Duration} marshals. */
    public record SessionLifetime(
            @JsonProperty("default_token_lifetime") long defaultTokenLifetime,
            @JsonProperty("max_token_lifetime") long maxTokenLifetime,
            @JsonProperty("max_admin_token_lifetime") long maxAdminTokenLifetime) {
    }

    /** {@code codersdk.APIKey}. */
    public record ApiKey(
            @JsonProperty("id") String id,
            @JsonProperty("user_id") String userId,
            @JsonProperty("last_used") String lastUsed,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("login_type") String loginType,
            @JsonProperty("scope") String scope,
            @JsonProperty("scopes") List<String> scopes,
            @JsonProperty("token_name") String tokenName,
            @JsonProperty("lifetime_seconds") long lifetimeSeconds) {
    }

    /**
     * {@code codersdk.APIKeyWithOwner}: what coderd's token list answers (the OpenAPI file says
     * {@code []codersdk.APIKey}; coderd embeds that and adds the owner's username).
     */
    public record ApiKeyWithOwner(
            @JsonProperty("id") String id,
            @JsonProperty("user_id") String userId,
            @JsonProperty("last_used") String lastUsed,
            @JsonProperty("expires_at") String expiresAt,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("updated_at") String updatedAt,
            @JsonProperty("login_type") String loginType,
            @JsonProperty("scope") String scope,
            @JsonProperty("scopes") List<String> scopes,
            @JsonProperty("token_name") String tokenName,
            @JsonProperty("lifetime_seconds") long lifetimeSeconds,
            @JsonProperty("username") String username) {

        public static ApiKeyWithOwner of(ApiKey key, String username) {
            return new ApiKeyWithOwner(key.id(), key.userId(), key.lastUsed(), key.expiresAt(), key.createdAt(), key.updatedAt(),
                    key.loginType(), key.scope(), key.scopes(), key.tokenName(), key.lifetimeSeconds(), username);
        }
    }

    /** {@code codersdk.TokenConfig}: the longest lifetime, in nanoseconds, a token of that user may get. */
    public record TokenConfig(@JsonProperty("max_token_lifetime") long maxTokenLifetime) {
    }

    public record DeploymentConfig(@JsonProperty("config") DeploymentValues config) {
    }
}
