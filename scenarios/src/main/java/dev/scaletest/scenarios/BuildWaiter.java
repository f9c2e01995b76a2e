package dev.scaletest.scenarios;

import dev.scaletest.coder.CoderClient;
import dev.scaletest.coder.model.WorkspaceBuild;
import dev.scaletest.coder.wire.CoderApiException;
import dev.scaletest.harness.RunLog;
import dev.scaletest.metrics.LevelGauge;
import dev.scaletest.metrics.OperationMetrics;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.web.BuildLogFollower;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.function.BiConsumer;

/**
 * Waits for a workspace build as Coder's tool does: dots while it is queued (one look every 500 ms),
 * then its logs streamed stage by stage until coderd closes the stream, which it does once the job
 * ended, then one last look at the job. A build therefore costs a handful of requests however long
 * it runs. Only when the log stream cannot be opened or breaks is the build polled instead, with
 * exponential backoff.
 *
 * <p>The client of each call says as whom: the workspace's user where the run has one (Coder's tool
 * waits with the user's client), the owner in {@code scaletest cleanup}. One waiter serves every run.
 */
public final class BuildWaiter {
    private static final Duration QUEUE_POLL = Duration.ofMillis(500);
    private static final Duration FALLBACK_FIRST_POLL = Duration.ofMillis(250);
    private static final Duration FALLBACK_MAX_POLL = Duration.ofSeconds(5);

    private final BuildLogFollower logs;
    private final BiConsumer<String, Long> phases;
    private final LevelGauge inFlight;

    private BuildWaiter(BuildLogFollower logs, BiConsumer<String, Long> phases, LevelGauge inFlight) {
        this.logs = logs;
        this.phases = phases;
        this.inFlight = inFlight;
    }

    /**
     * A waiter for the builds a test measures: it records the time queued ({@code build.queue}),
     * the time running ({@code build.run}) and how many builds are being waited for
     * ({@code build.in_flight}: in the report, the most at once in each interval).
     */
    public static BuildWaiter metered(BuildLogFollower logs, OperationMetrics metrics) {
        return new BuildWaiter(logs, (operation, nanos) -> metrics.latency(operation).recordNanos(nanos),
                metrics.level(MetricNames.BUILDS_IN_FLIGHT));
    }

    /** A waiter that measures nothing, for builds that are not the test's subject (cancels, deletes). */
    public static BuildWaiter unmetered(BuildLogFollower logs) {
        return new BuildWaiter(logs, (operation, nanos) -> {}, new LevelGauge());
    }

    /**
     * Waits as {@code client}'s identity and returns the finished build; the caller decides what its
     * job status means for the run.
     */
    public WorkspaceBuild await(CoderClient client, WorkspaceBuild build, RunLog log) throws CoderApiException, InterruptedException {
        inFlight.increment();
        try {
            return follow(client, build, log);
        } finally {
            inFlight.decrement();
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
        phases.accept("build.queue", running - queued);
        log.print("\nBuild started! Streaming logs below:\n");
        String[] stage = {null};
        boolean streamed = true;
        try {
            logs.follow(client.endpoint(), build.id(), 0, line -> {
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
            streamed = false;
        }
        build = client.build(build.id());
        if (streamed && build.job().active()) {
            log.println("build logs " + build.id() + " ended while the job was still " + build.job().status() + "; polling the build");
        }
        Duration poll = FALLBACK_FIRST_POLL;
        while (build.job().active()) {
            Thread.sleep(poll);
            poll = poll.multipliedBy(2).compareTo(FALLBACK_MAX_POLL) < 0 ? poll.multipliedBy(2) : FALLBACK_MAX_POLL;
            build = client.build(build.id());
        }
        phases.accept("build.run", System.nanoTime() - running);
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
