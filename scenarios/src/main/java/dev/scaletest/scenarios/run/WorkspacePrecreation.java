package dev.scaletest.scenarios.run;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.ScaletestWorkspaces;
import dev.scaletest.coder.TemplateResolver;
import dev.scaletest.coder.model.CreateWorkspaceRequest;
import dev.scaletest.coder.model.Template;
import dev.scaletest.coder.model.User;
import dev.scaletest.coder.model.Workspace;
import dev.scaletest.coder.model.WorkspaceAgent;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.wire.CoderApiException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;

/**
 * Creates workspaces as the owner and waits until every agent is connected: the workspaces traffic
 * goes to when the deployment is a fresh one ({@link DeploymentTarget#precreate()}, the built-in
 * simulator, which drops them when it closes).
 */
public final class WorkspacePrecreation {
    private static final Duration POLL = Duration.ofMillis(100);

    private final CoderClient admin;
    private final User me;
    private final Duration readyTimeout;

    public WorkspacePrecreation(CoderClient admin, User me, Duration readyTimeout) {
        this.admin = admin;
        this.me = me;
        this.readyTimeout = readyTimeout;
    }

    /** Creates {@code count} workspaces of {@code templateName} in parallel and waits for their agents. */
    public List<UUID> create(String templateName, int count) throws Exception {
        Template template = new TemplateResolver(admin).resolve(templateName, me);
        String prefix = ScaletestWorkspaces.PREFIX + HexFormat.of().formatHex(randomBytes()) + "-";
        List<UUID> ids = new ArrayList<>(count);
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<UUID>> created = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                String name = prefix + i;
                created.add(pool.submit(() -> createAndAwait(template, name)));
            }
            for (Future<UUID> f : created) {
                try {
                    ids.add(f.get());
                } catch (ExecutionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
        }
        return ids;
    }

    private UUID createAndAwait(Template template, String name) throws CoderApiException, InterruptedException {
        Workspace w = admin.createWorkspace(template.organizationId(), me.id(),
                CreateWorkspaceRequest.forTemplate(template.id(), name, List.of()));
        long until = System.nanoTime() + readyTimeout.toNanos();
        while (true) {
            WorkspaceBuild build = w.latestBuild();
            if (build != null && !build.jobActive()) {
                if (!WorkspaceBuild.STATUS_RUNNING.equals(build.status())) {
                    throw new IllegalStateException("workspace " + name + " did not start: build status " + build.status());
                }
                List<WorkspaceAgent> agents = build.agents();
                if (!agents.isEmpty() && agents.stream().allMatch(WorkspaceAgent::connected)) {
                    return w.id();
                }
            }
            if (System.nanoTime() > until) {
                throw new IllegalStateException("workspace " + name + " not ready (agents connected) within " + readyTimeout);
            }
            Thread.sleep(POLL);
            w = admin.workspace(w.id());
        }
    }

    private static byte[] randomBytes() {
        byte[] b = new byte[4];
        new SecureRandom().nextBytes(b);
        return b;
    }
}
