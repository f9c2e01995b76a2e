package dev.scaletest.coder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.scaletest.coder.ScriptedCoder.Reply;
import dev.scaletest.coder.ScriptedCoder.Seen;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.wire.RetryPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ScaletestLookupsTest {
    private static final UUID ORG_A = UUID.fromString("a0000000-0000-4000-8000-000000000001");
    private static final UUID ORG_B = UUID.fromString("b0000000-0000-4000-8000-000000000002");
    private static final UUID ME = UUID.fromString("c0000000-0000-4000-8000-000000000003");

    private ScriptedCoder coder;
    private CoderClient client;

    @BeforeEach
    void start() throws Exception {
        coder = new ScriptedCoder();
        client = CoderClient.builder(coder.endpoint(List.of()), ScriptedCoder.httpClient()).retry(RetryPolicy.NONE).build();
    }

    @AfterEach
    void stop() {
        coder.close();
    }

    private static String userJson(UUID id, String username, String email, String role) {
        return "{\"id\":\"" + id + "\",\"username\":\"" + username + "\",\"email\":\"" + email + "\",\"organization_ids\":[\""
                + ORG_A + "\",\"" + ORG_B + "\"],\"roles\":[" + (role == null ? "" : "{\"name\":\"" + role + "\"}") + "]}";
    }

    private User me() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, userJson(ME, "admin", "admin@x.io", "owner")));
        return client.me();
    }

    private static String template(UUID id, String name, UUID org) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"organization_id\":\"" + org + "\",\"active_version_id\":\"" + UUID.randomUUID() + "\"}";
    }

    @Test
    void ownerCheckPassesForOwnersAndNamesTheProblemOtherwise() throws Exception {
        coder.on("GET", "/api/v2/users/me", Reply.json(200, userJson(ME, "admin", "a@x.io", "owner")),
                Reply.json(200, userJson(ME, "member", "m@x.io", "template-admin")));
        assertEquals("admin", OwnerCheck.requireSiteOwner(client).username());
        CoderSetupException e = assertThrows(CoderSetupException.class, () -> OwnerCheck.requireSiteOwner(client));
        assertEquals("Not logged in as a site owner. Scale testing is only available to site owners.", e.getMessage());
    }

    @Test
    void templateByUuidIsFetchedDirectly() throws Exception {
        User me = me();
        UUID id = UUID.randomUUID();
        coder.on("GET", "/api/v2/templates/" + id, Reply.json(200, template(id, "docker", ORG_A)));
        Template t = new TemplateResolver(client).resolve(id.toString(), me);
        assertEquals("docker", t.name());
        assertEquals(0, coder.requests("GET", "/api/v2/organizations/" + ORG_A + "/templates").size());
    }

    @Test
    void templateByNameIsTheFirstExactMatchAcrossOrganizations() throws Exception {
        User me = me();
        UUID wanted = UUID.randomUUID();
        coder.on("GET", "/api/v2/organizations/" + ORG_A + "/templates",
                Reply.json(200, "[" + template(UUID.randomUUID(), "Docker", ORG_A) + "," + template(UUID.randomUUID(), "docker-2", ORG_A) + "]"));
        coder.on("GET", "/api/v2/organizations/" + ORG_B + "/templates",
                Reply.json(200, "[" + template(wanted, "docker", ORG_B) + "," + template(UUID.randomUUID(), "docker", ORG_B) + "]"));
        Template t = new TemplateResolver(client).resolve("docker", me);
        assertEquals(wanted, t.id());
        assertEquals(ORG_B, t.organizationId());
    }

    @Test
    void unknownTemplateNamesTheValue() throws Exception {
        User me = me();
        coder.on("GET", "/api/v2/organizations/" + ORG_A + "/templates", Reply.json(200, "[]"));
        coder.on("GET", "/api/v2/organizations/" + ORG_B + "/templates", Reply.json(200, "[" + template(UUID.randomUUID(), "k8s", ORG_B) + "]"));
        CoderSetupException e = assertThrows(CoderSetupException.class, () -> new TemplateResolver(client).resolve("docker", me));
        assertEquals("could not find template \"docker\" in any organization", e.getMessage());
        // the nil UUID is not an id, so it is looked up as a name
        e = assertThrows(CoderSetupException.class,
                () -> new TemplateResolver(client).resolve("00000000-0000-0000-0000-000000000000", me));
        assertEquals("could not find template \"00000000-0000-0000-0000-000000000000\" in any organization", e.getMessage());
    }

    @Test
    void uuidFormsFollowGo() {
        UUID u = UUID.fromString("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        assertEquals(Optional.of(u), TemplateResolver.parseUuid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
        assertEquals(Optional.of(u), TemplateResolver.parseUuid("urn:uuid:6ba7b810-9dad-11d1-80b4-00c04fd430c8"));
        assertEquals(Optional.of(u), TemplateResolver.parseUuid("{6ba7b810-9dad-11d1-80b4-00c04fd430c8}"));
        assertEquals(Optional.of(u), TemplateResolver.parseUuid("6ba7b8109dad11d180b400c04fd430c8"));
        assertEquals(Optional.empty(), TemplateResolver.parseUuid("1-1-1-1-1"));
        assertEquals(Optional.empty(), TemplateResolver.parseUuid("docker"));
    }

    private static String workspace(String name, String owner, UUID ownerId) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + name + "\",\"owner_name\":\"" + owner + "\",\"owner_id\":\"" + ownerId + "\"}";
    }

    private static String workspacesPage(List<String> items) {
        return "{\"workspaces\":[" + String.join(",", items) + "],\"count\":999}";
    }

    @Test
    void workspaceListingPagesUntilAnEmptyPageAndFilters() throws Exception {
        me();
        coder.on("GET", "/api/v2/deployment/config", Reply.json(200, "{\"config\":{\"disable_owner_workspace_exec\":false}}"));
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(switch (i % 3) {
                case 0 -> workspace("scaletest-ws-" + i, "bob", UUID.randomUUID());
                case 1 -> workspace("dev-" + i, "scaletest-user-" + i, UUID.randomUUID());
                default -> workspace("dev-" + i, "alice", UUID.randomUUID());
            });
        }
        List<String> second = List.of(workspace("scaletest-last", "bob", UUID.randomUUID()), workspace("other", "carol", UUID.randomUUID()));
        coder.on("GET", "/api/v2/workspaces", Reply.json(200, workspacesPage(first)), Reply.json(200, workspacesPage(second)),
                Reply.json(200, workspacesPage(List.of())));
        ScaletestWorkspaces.Listing listing = new ScaletestWorkspaces(client).list(false, "docker", true);
        assertEquals(34 + 33 + 1, listing.workspaces().size());
        assertEquals(0, listing.skippedOwnerExecDisabled());
        assertEquals("scaletest-ws-0", listing.workspaces().getFirst().name());
        assertEquals("scaletest-last", listing.workspaces().getLast().name());
        List<String> queries = coder.requests("GET", "/api/v2/workspaces").stream().map(Seen::rawQuery).toList();
        String q = "q=name%3A%22scaletest-%22+template%3A%22docker%22";
        assertEquals(List.of("limit=100&" + q, "limit=100&offset=100&" + q, "limit=100&offset=200&" + q), queries);
    }

    @Test
    void workspacesOfOthersAreSkippedWhenOwnerExecIsDisabled() throws Exception {
        me();
        coder.on("GET", "/api/v2/deployment/config", Reply.json(200, "{\"config\":{\"disable_owner_workspace_exec\":true}}"));
        coder.on("GET", "/api/v2/workspaces",
                Reply.json(200, workspacesPage(List.of(workspace("scaletest-mine", "admin", ME), workspace("scaletest-theirs", "bob", UUID.randomUUID())))),
                Reply.json(200, workspacesPage(List.of())));
        ScaletestWorkspaces.Listing listing = new ScaletestWorkspaces(client).list(true, null, true);
        assertEquals(List.of("scaletest-mine"), listing.workspaces().stream().map(Workspace::name).toList());
        assertEquals(1, listing.skippedOwnerExecDisabled());
        assertEquals("limit=100&q=owner%3A%22me%22+name%3A%22scaletest-%22", coder.requests("GET", "/api/v2/workspaces").getFirst().rawQuery());
    }

    @Test
    void withoutExecByTheCallerOthersWorkspacesAreKeptWhenOwnerExecIsDisabled() throws Exception {
        // Acting as each owner (--as-workspace-owners), or deleting (cleanup), needs no owner exec.
        me();
        coder.on("GET", "/api/v2/deployment/config", Reply.json(200, "{\"config\":{\"disable_owner_workspace_exec\":true}}"));
        coder.on("GET", "/api/v2/workspaces",
                Reply.json(200, workspacesPage(List.of(workspace("scaletest-mine", "admin", ME), workspace("scaletest-theirs", "bob", UUID.randomUUID())))),
                Reply.json(200, workspacesPage(List.of())));
        ScaletestWorkspaces.Listing listing = new ScaletestWorkspaces(client).list(false, null, false);
        assertEquals(List.of("scaletest-mine", "scaletest-theirs"), listing.workspaces().stream().map(Workspace::name).toList());
        assertEquals(0, listing.skippedOwnerExecDisabled());
    }

    @Test
    void userListingPagesUntilAnEmptyPageAndFilters() throws Exception {
        List<String> first = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            first.add(switch (i % 4) {
                case 0 -> userJson(UUID.randomUUID(), "scaletest-u" + i, "u" + i + "@corp.io", null);
                case 1 -> userJson(UUID.randomUUID(), "renamed" + i, "x" + i + "@scaletest.local", null);
                case 2 -> userJson(UUID.randomUUID(), "alice" + i, "scaletest-alice" + i + "@corp.io", null);
                default -> userJson(UUID.randomUUID(), "my-scaletest-" + i, "b" + i + "@scaletest.local.evil", null);
            });
        }
        coder.on("GET", "/api/v2/users", Reply.json(200, "{\"users\":[" + String.join(",", first) + "],\"count\":100}"),
                Reply.json(200, "{\"users\":[" + userJson(UUID.randomUUID(), "scaletest-z", "z@x", null) + "],\"count\":100}"),
                Reply.json(200, "{\"users\":[],\"count\":100}"));
        List<User> users = new ScaletestUsers(client).list();
        assertEquals(25 + 25 + 1, users.size());
        assertTrue(users.stream().allMatch(ScaletestUsers::isScaletest));
        List<String> queries = coder.requests("GET", "/api/v2/users").stream().map(Seen::rawQuery).toList();
        assertEquals(List.of("limit=100&q=scaletest-", "limit=100&offset=100&q=scaletest-", "limit=100&offset=200&q=scaletest-"), queries);
    }
}
