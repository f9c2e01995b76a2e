package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workspaces and their builds, with coderd's rules for creating them, for starting a new
 * build, and for who sees which: a workspace and its builds are visible to their owner and to
 * site owners, and anything else is coderd's one 404. Separate from the provisioner queue, which
 * runs the builds' jobs, and from the users, who only own workspaces. Unsynchronized: called only
 * under the {@link Deployment} lock.
 */
final class WorkspaceStore {
    private static final List<String> TRANSITIONS = List.of("start", "stop", "delete");
    private static final List<String> JOB_STATUSES = List.of("pending", "running", "succeeded", "canceling", "canceled", "failed");

    private final UserDirectory users;
    private final Map<UUID, WorkspaceState> workspaces = new LinkedHashMap<>();
    // Each owner's live workspaces: workspace creation and user deletion would otherwise scan every
    // workspace under the lock, quadratic over a thousand-workspace run. Kept in step with the map above.
    private final Map<UUID, List<WorkspaceState>> liveByOwner = new HashMap<>();
    private final Map<UUID, BuildState> builds = new ConcurrentHashMap<>();

    WorkspaceStore(UserDirectory users) {
        this.users = users;
    }

    /** Members create workspaces for themselves only; site owners for anyone. */
    void requireMayCreateFor(UUID caller, UserAccount owner) {
        if (!owner.id.equals(caller) && !users.isSiteOwner(caller)) {
            throw new ApiException(403, "Forbidden.", "you may only create workspaces for yourself", null);
        }
    }

    /**
     * A new workspace of the owner, without builds yet: the name must pass coderd's name rule, the
     * parameter values the template's rules, and no live workspace of the owner may have the name.
     */
    WorkspaceState create(UserAccount owner, TemplateDefinition template, String name, Map<String, String> parameters,
                          String autostartSchedule, Long ttlMs) {
        if (!NameRule.valid(name)) {
            throw new ApiException(400, "Validation failed.", null, List.of(new CoderJson.ValidationError("name",
                    "Validation failed for tag \"workspace_name\" with value: \"" + (name == null ? "" : name) + "\"")));
        }
        TemplateCatalog.validateParameters(template, parameters, true);
        for (WorkspaceState existing : liveByOwner.getOrDefault(owner.id, List.of())) {
            if (existing.name.equalsIgnoreCase(name)) {
                throw new ApiException(409, "Workspace \"" + name + "\" already exists.", null,
                        List.of(new CoderJson.ValidationError("name", "This value is already in use and should be unique.")));
            }
        }
        WorkspaceState workspace = new WorkspaceState(UUID.randomUUID(), name, owner, template, Instant.now(), autostartSchedule, ttlMs);
        workspaces.put(workspace.id, workspace);
        liveByOwner.computeIfAbsent(owner.id, id -> new ArrayList<>()).add(workspace);
        return workspace;
    }

    /**
     * The workspace a new build of {@code transition} goes to, after coderd's checks: a known
     * transition, the active template version if one is named, parameter values that pass, a
     * workspace not deleted (410) and no build still active (409).
     */
    WorkspaceState buildable(UUID caller, UUID workspaceId, String transition, UUID versionId, Map<String, String> parameters) {
        WorkspaceState workspace = visible(caller, workspaceId);
        if (!TRANSITIONS.contains(transition)) {
            throw ApiException.validation("Validation failed.", "transition",
                    "Validation failed for tag \"oneof\" with value: \"" + transition + "\"");
        }
        if (versionId != null && !versionId.equals(Deployment.ZERO_UUID) && !versionId.equals(workspace.template.activeVersionId())) {
            throw ApiException.validation("Template version not found.", "template_version_id",
                    "template version \"" + versionId + "\" does not exist");
        }
        TemplateCatalog.validateParameters(workspace.template, parameters, false);
        if (workspace.deleted) {
            throw new ApiException(410, "Workspace \"" + workspaceId + "\" was deleted.");
        }
        if (workspace.latestBuild().job.active()) {
            throw new ApiException(409, "Workspace build is already active.");
        }
        return workspace;
    }

    /** The workspace's next build; its job is the caller's to queue. */
    BuildState newBuild(WorkspaceState workspace, String transition, UUID initiator) {
        BuildState build = new BuildState(UUID.randomUUID(), workspace, workspace.builds.size() + 1, transition, initiator, Instant.now());
        workspace.builds.add(build);
        workspace.updatedAt = build.createdAt;
        builds.put(build.id, build);
        return build;
    }

    /** A succeeded delete build: the workspace is gone from its owner's live ones. */
    void markDeleted(WorkspaceState workspace, Instant now) {
        workspace.deleted = true;
        workspace.updatedAt = now;
        List<WorkspaceState> owned = liveByOwner.get(workspace.owner.id);
        if (owned != null && owned.remove(workspace) && owned.isEmpty()) {
            liveByOwner.remove(workspace.owner.id);
        }
    }

    WorkspaceState visible(UUID caller, UUID id) {
        WorkspaceState workspace = workspaces.get(id);
        if (workspace == null || !(workspace.owner.id.equals(caller) || users.isSiteOwner(caller))) {
            throw ApiException.resourceNotFound();
        }
        return workspace;
    }

    /** {@code GET /workspaces/{id}}: a deleted workspace only when asked for (else coderd's 410). */
    WorkspaceState readable(UUID caller, UUID id, boolean includeDeleted) {
        WorkspaceState workspace = visible(caller, id);
        if (workspace.deleted && !includeDeleted) {
            throw new ApiException(410, "Workspace \"" + id + "\" was deleted, you can view this workspace by specifying "
                    + "'?deleted=true' and trying again.");
        }
        return workspace;
    }

    BuildState visibleBuild(UUID caller, UUID buildId) {
        BuildState build = builds.get(buildId);
        if (build == null) {
            throw ApiException.resourceNotFound();
        }
        visible(caller, build.workspace.id);
        return build;
    }

    /**
     * The live workspaces the caller sees that match coderd's workspace search (free text or
     * {@code name:}, {@code owner:} with {@code me}, {@code template:}, {@code status:}), by owner then name.
     */
    List<WorkspaceState> search(UUID caller, SearchQuery query) {
        String owner = null;
        String name = null;
        String template = null;
        String status = null;
        for (SearchQuery.Term term : query.terms()) {
            String value = term.value().toLowerCase(Locale.ROOT);
            switch (term.key()) {
                case "", "name" -> name = value;
                case "owner" -> owner = value.equals("me") ? users.get(caller).username.toLowerCase(Locale.ROOT) : value;
                case "template" -> template = value;
                case "status" -> status = value;
                default -> throw ApiException.validation("Invalid workspace search query.", term.key(),
                        "Query param \"" + term.key() + "\" is not a valid query param");
            }
        }
        String o = owner;
        String n = name;
        String t = template;
        String s = status;
        boolean siteOwner = users.isSiteOwner(caller);
        return workspaces.values().stream()
                .filter(w -> !w.deleted)
                .filter(w -> siteOwner || w.owner.id.equals(caller))
                .filter(w -> o == null || w.owner.username.equalsIgnoreCase(o))
                .filter(w -> n == null || w.name.toLowerCase(Locale.ROOT).contains(n))
                .filter(w -> t == null || w.template.name().equalsIgnoreCase(t))
                .filter(w -> s == null || w.latestBuild().status().equals(s))
                .sorted(Comparator.comparing((WorkspaceState w) -> w.owner.username.toLowerCase(Locale.ROOT))
                        .thenComparing(w -> w.name.toLowerCase(Locale.ROOT)))
                .toList();
    }

    /**
     * The one live workspace with this name (case-insensitive) of the owner named by username, or
     * of any owner when {@code ownerName} is null; empty when there is none or more than one.
     */
    Optional<WorkspaceState> liveNamed(String ownerName, String workspaceName) {
        List<WorkspaceState> matches = workspaces.values().stream()
                .filter(w -> !w.deleted && w.name.equalsIgnoreCase(workspaceName))
                .filter(w -> ownerName == null || w.owner.username.equalsIgnoreCase(ownerName))
                .toList();
        return matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    int liveCount(UUID ownerId) {
        return liveByOwner.getOrDefault(ownerId, List.of()).size();
    }

    int alive() {
        return (int) workspaces.values().stream().filter(w -> !w.deleted).count();
    }

    int buildCount() {
        return builds.size();
    }

    /** Builds by their job's status, every status present (zero when none). */
    Map<String, Integer> buildsByJobStatus() {
        Map<String, Integer> byStatus = new TreeMap<>();
        for (String status : JOB_STATUSES) {
            byStatus.put(status, 0);
        }
        for (BuildState build : builds.values()) {
            byStatus.merge(build.job.status, 1, Integer::sum);
        }
        return Map.copyOf(byStatus);
    }
}
