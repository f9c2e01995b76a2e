package dev.scaletest.scenarios.createworkspaces;

import dev.scaletest.coder.CoderApiException;
import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.harness.RunLog;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.web.BuildLogFollower;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Waits for a start build as Coder's tool does: dots while it is queued, then its logs streamed
 * stage by stage, then a final look at the job. Records the time queued ({@code build.queue}) and
 * the time running ({@code build.run}), and how many builds are being waited for ({@code build.in_flight}).
 */
final class BuildWaiter {
    private static final Duration QUEUE_POLL = Duration.ofMillis(500);
    private static final Duration RUN_POLL = Duration.ofMillis(250);

    private final BuildLogFollower logs;
    private final OperationMetrics metrics;
    private final AtomicLong inFlight = new AtomicLong();

    BuildWaiter(BuildLogFollower logs, OperationMetrics metrics) {
        this.logs = logs;
        this.metrics = metrics;
        metrics.gauge(MetricNames.BUILDS_IN_FLIGHT, inFlight::get);
    }

    /** Returns the finished build; the caller decides what its job status means for the run. */
    WorkspaceBuild await(CoderClient client, WorkspaceBuild build, RunLog log) throws CoderApiException, InterruptedException {
        inFlight.incrementAndGet();
        try {
            return follow(client, build, log);
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private WorkspaceBuild follow(CoderClient client, WorkspaceBuild build, RunLog log) throws CoderApiException, InterruptedException {
        long queued = System.nanoTime();
        log.print("Build is currently queued...");
        while (build.job().pending()) {
            log.print(".");
            Thread.sleep(QUEUE_POLL);
            build = client.build(build.id());
        }
        long running = System.nanoTime();
        metrics.latency("build.queue").recordNanos(running - queued);
        log.print("\nBuild started! Streaming logs below:\n");
        String[] stage = {null};
        try {
            logs.follow(build.id(), 0, line -> {
                if (line.stage() != null && !line.stage().equals(stage[0])) {
                    stage[0] = line.stage();
                    log.print("\n" + line.stage() + "\n");
                }
                String level = line.level() == null || line.level().isEmpty() ? "unknown" : line.level();
                log.print("\t" + level + ":\t" + line.output() + "\n");
            }).get();
        } catch (ExecutionException e) {
            // The logs are for reading only; the build's outcome comes from the job either way.
            log.println("build logs " + build.id() + ": " + e.getCause().getMessage() + "; polling the build instead");
        }
        build = client.build(build.id());
        while (build.job().active()) {
            Thread.sleep(RUN_POLL);
            build = client.build(build.id());
        }
        metrics.latency("build.run").recordNanos(System.nanoTime() - running);
        if (build.job().succeeded()) {
            log.print("\n\nBuild succeeded!\n");
        } else if (build.job().failed()) {
            log.print("\nBuild failed with error \"" + build.job().errorText() + "\".\nSee logs above for more details.\n");
        } else if (build.job().canceled()) {
            log.print("\nBuild canceled.\n");
        }
        return build;
    }
}
