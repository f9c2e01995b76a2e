package dev.scaletest.coder;

import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspacesPage;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.coder.wire.GoQuery;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Lists the workspaces scaletest created (the helper shared by cleanup and workspace-traffic):
 * pages of 100 filtered server-side by name, kept client-side when the workspace name or the
 * owner's username starts with {@code scaletest-}, in server order.
 */
public final class ScaletestWorkspaces {
    public static final String PREFIX = "scaletest-";
    public static final int PAGE_SIZE = 100;

    /**
     * The kept workspaces, and those of other users skipped because the deployment disables owner
     * exec into them (the CLI then suggests {@code --use-host-login}).
     */
    public record Listing(List<Workspace> workspaces, List<Workspace> skipped) {
        public Listing {
            workspaces = List.copyOf(workspaces);
            skipped = List.copyOf(skipped);
        }

        public int skippedOwnerExecDisabled() {
            return skipped.size();
        }
    }

    private final CoderClient client;

    public ScaletestWorkspaces(CoderClient client) {
        this.client = client;
    }

    /**
     * The search: {@code owner:"me"} (only when {@code ownerMe}), {@code name:"scaletest-"},
     * {@code template:"<t>"} (only when given, exactly as typed), space-joined.
     */
    public static String query(boolean ownerMe, String template) {
        List<String> terms = new ArrayList<>(3);
        if (ownerMe) {
            terms.add("owner:" + GoQuery.quote("me"));
        }
        terms.add("name:" + GoQuery.quote(PREFIX));
        if (template != null && !template.isEmpty()) {
            terms.add("template:" + GoQuery.quote(template));
        }
        return String.join(" ", terms);
    }

    public static boolean isScaletest(Workspace w) {
        return startsWithPrefix(w.name()) || startsWithPrefix(w.ownerName());
    }

    private static boolean startsWithPrefix(String s) {
        return s != null && s.startsWith(PREFIX);
    }

    /**
     * Pages until the first empty page; the {@code count} field is not trusted.
     *
     * @param callerExecs whether the caller will reach into the workspaces itself (terminal, SSH,
     *     apps): then, where the deployment disables owner exec, other users' workspaces are
     *     {@linkplain Listing#skipped() skipped}. Deleting them needs no exec, so cleanup keeps all.
     */
    public Listing list(boolean ownerMe, String template, boolean callerExecs) throws CoderApiException, InterruptedException {
        User me = client.me();
        boolean ownerExecDisabled = callerExecs && client.deploymentConfig().ownerWorkspaceExecDisabled();
        String q = query(ownerMe, template);
        List<Workspace> kept = new ArrayList<>();
        List<Workspace> skipped = new ArrayList<>();
        for (int page = 0; ; page++) {
            WorkspacesPage p = client.workspaces(q, PAGE_SIZE, page * PAGE_SIZE);
            if (p.workspaces().isEmpty()) {
                break;
            }
            for (Workspace w : p.workspaces()) {
                if (!isScaletest(w)) {
                    continue;
                }
                if (ownerExecDisabled && !me.id().equals(w.ownerId())) {
                    skipped.add(w);
                    continue;
                }
                kept.add(w);
            }
        }
        return new Listing(kept, skipped);
    }

    /**
     * The live workspace called {@code name} (of {@code owner}, a username, when given): how a
     * workspace whose create request was cut off (Ctrl-C, a killed process) is found again, since
     * only its name and owner were known beforehand. The search is a substring match, so the
     * result is checked exactly.
     */
    public static Optional<Workspace> byName(CoderClient client, String name, String owner)
            throws CoderApiException, InterruptedException {
        String q = "name:" + GoQuery.quote(name) + (owner != null ? " owner:" + GoQuery.quote(owner) : "");
        return client.workspaces(q, PAGE_SIZE, 0).workspaces().stream()
                .filter(w -> w.name().equals(name) && (owner == null || owner.equals(w.ownerName())))
                .findFirst();
    }
}
