package dev.scaletest.simulator.state;

import dev.scaletest.simulator.Distribution;
import dev.scaletest.simulator.Faults;
import dev.scaletest.simulator.SimulatorStats;
import dev.scaletest.simulator.wire.ApiException;
import dev.scaletest.simulator.wire.CoderJson;
import dev.scaletest.simulator.wire.GoTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The provisioner daemons and their jobs: the queue of pending build jobs, the idle daemons, each
 * running job's timeline of log lines up to success or failure, cancellation, the job logs that
 * build-log streams read, and dry runs (which finish at once). Separate from the workspaces
 * because jobs run on the scheduler, not on a request: {@link #dispatch}, the timeline steps and
 * the log reads of {@link BuildLogFeed} take the {@link Deployment} lock themselves, and listeners
 * are told outside it. What a succeeded build does to the workspace and its agents is the
 * deployment's {@link BuildSucceeded}, called under the lock. Everything else is unsynchronized
 * and called only under that lock.
 */
final class ProvisionerQueue {
    /** The effects of a succeeded build beyond its job; runs under the deployment's lock. */
    @FunctionalInterface
    interface BuildSucceeded {
        void apply(BuildState build, Instant now);
    }

    private final Object lock;
    private final int provisioners;
    private final Distribution buildTime;
    private final SimulatorStats stats;
    private final ScheduledExecutorService scheduler;
    private final Supplier<Faults> faults;
    private final BuildSucceeded onSuccess;
    private final Deque<JobState> pendingJobs = new ArrayDeque<>();
    private final Deque<String> idleWorkers = new ArrayDeque<>();
    private final Map<String, UUID> workerIds = new LinkedHashMap<>();
    private final Map<UUID, JobState> dryRuns = new ConcurrentHashMap<>();
    private long nextLogId = 1;

    ProvisionerQueue(Object lock, int provisioners, Distribution buildTime, SimulatorStats stats,
                     ScheduledExecutorService scheduler, Supplier<Faults> faults, BuildSucceeded onSuccess) {
        this.lock = lock;
        this.provisioners = provisioners;
        this.buildTime = buildTime;
        this.stats = stats;
        this.scheduler = scheduler;
        this.faults = faults;
        this.onSuccess = onSuccess;
        for (int i = 0; i < provisioners; i++) {
            String name = "provisioner-" + i;
            idleWorkers.add(name);
            workerIds.put(name, UUID.randomUUID());
        }
    }

    // ---- build jobs, under the lock ----

    /** Queues a build's job; the caller runs {@link #dispatch} once it has left the lock. */
    void enqueue(JobState job) {
        pendingJobs.add(job);
    }

    /**
     * Cancels a pending or running job (coderd's 400 for a finished one) and frees its daemon; the
     * caller runs {@link #afterCancel} once it has left the lock.
     */
    void cancel(JobState job, UserAccount canceledBy) {
        if (!job.active()) {
            throw new ApiException(400, "Job has already completed!");
        }
        boolean wasRunning = "running".equals(job.status);
        pendingJobs.remove(job);
        Instant now = Instant.now();
        appendLog(job, "provisioner_daemon", "warn", "Cleaning Up", "Build canceled by " + canceledBy.username);
        job.status = "canceled";
        job.canceledAt = now;
        job.completedAt = now;
        job.build.updatedAt = now;
        if (wasRunning) {
            releaseWorker(job);
        }
    }

    /** Queue position (1-based) and queue size of a pending job; zeros when not queued. */
    int[] queuePosition(JobState job) {
        int position = 0;
        int index = 0;
        for (JobState pending : pendingJobs) {
            index++;
            if (pending == job) {
                position = index;
            }
        }
        return position == 0 ? new int[] {0, 0} : new int[] {position, pendingJobs.size()};
    }

    /** The live log view of a job, for the build-log stream. */
    BuildLogFeed feed(JobState job) {
        return new BuildLogFeed(this, job);
    }

    // ---- dry runs (the plan "coder create" and create-workspaces show before building), under the lock ----

    /** A dry run finishes at once: the simulated template always plans the same resources. */
    JobState createDryRun(String workspaceName) {
        Instant now = Instant.now();
        JobState job = new JobState(UUID.randomUUID(), now, null);
        String name = workspaceName == null || workspaceName.isEmpty() ? "dry-run" : workspaceName;
        for (BuildTimeline.Step step : BuildTimeline.steps("start", name, idleWorkers.isEmpty() ? "provisioner-0" : idleWorkers.peek())) {
            if (!step.stage().equals("Starting workspace")) {
                appendLog(job, step.source(), step.level(), step.stage(), step.output());
            }
        }
        job.status = "succeeded";
        job.startedAt = now;
        job.completedAt = now;
        dryRuns.put(job.id, job);
        return job;
    }

    JobState dryRun(UUID jobId) {
        JobState job = dryRuns.get(jobId);
        if (job == null) {
            throw ApiException.resourceNotFound();
        }
        return job;
    }

    void cancelDryRun(JobState job) {
        if (!job.active()) {
            throw new ApiException(400, "Job has already completed!");
        }
    }

    CoderJson.MatchedProvisioners matchedProvisioners() {
        return new CoderJson.MatchedProvisioners(provisioners, idleWorkers.size(), GoTime.format(Instant.now()));
    }

    // ---- entry points outside the lock: they take it themselves ----

    /** Starts pending jobs on idle provisioner daemons, oldest first. */
    void dispatch() {
        List<JobState> started = new ArrayList<>();
        synchronized (lock) {
            while (!idleWorkers.isEmpty() && !pendingJobs.isEmpty()) {
                JobState job = pendingJobs.poll();
                job.workerName = idleWorkers.poll();
                job.workerId = workerIds.get(job.workerName);
                job.status = "running";
                job.startedAt = Instant.now();
                job.build.updatedAt = job.startedAt;
                started.add(job);
            }
        }
        for (JobState job : started) {
            runJob(job);
        }
    }

    /** After {@link #cancel}: tells the job's log streams, and gives the freed daemon the next job. */
    void afterCancel(JobState job) {
        notifyListeners(job);
        dispatch();
    }

    List<CoderJson.ProvisionerJobLog> logsAfter(JobState job, long after) {
        synchronized (lock) {
            return job.logs.stream().filter(l -> l.id() > after).map(WireView::log).toList();
        }
    }

    boolean finished(JobState job) {
        synchronized (lock) {
            return !job.active();
        }
    }

    // ---- a running job's timeline ----

    private void runJob(JobState job) {
        Faults current = faults.get();
        boolean fail = current.buildFailureRate() > 0 && ThreadLocalRandom.current().nextDouble() < current.buildFailureRate();
        List<BuildTimeline.Step> steps = BuildTimeline.steps(job.build.transition, job.build.workspace.name, job.workerName);
        if (fail) {
            steps = new ArrayList<>(steps.subList(0, steps.size() - 2));
            steps.add(BuildTimeline.failure(job.build.transition));
            stats.faultsInjected.increment();
        }
        Duration total = buildTime.sample(ThreadLocalRandom.current());
        long stepNanos = total.toNanos() / (steps.size() + 1);
        scheduleStep(job, steps, 0, fail, stepNanos);
    }

    private void scheduleStep(JobState job, List<BuildTimeline.Step> steps, int index, boolean fail, long stepNanos) {
        try {
            scheduler.schedule(() -> runStep(job, steps, index, fail, stepNanos), stepNanos, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException shuttingDown) {
            // the simulator is closing; the job stays where it is
        }
    }

    private void runStep(JobState job, List<BuildTimeline.Step> steps, int index, boolean fail, long stepNanos) {
        boolean last = index >= steps.size();
        synchronized (lock) {
            if (!"running".equals(job.status)) {
                return;
            }
            if (!last) {
                BuildTimeline.Step step = steps.get(index);
                appendLog(job, step.source(), step.level(), step.stage(), step.output());
            } else {
                completeJob(job, fail);
            }
        }
        notifyListeners(job);
        if (last) {
            dispatch();
        } else {
            scheduleStep(job, steps, index + 1, fail, stepNanos);
        }
    }

    private void appendLog(JobState job, String source, String level, String stage, String output) {
        job.logs.add(new JobState.LogLine(nextLogId++, Instant.now(), source, level, stage, output));
    }

    private void completeJob(JobState job, boolean fail) {
        Instant now = Instant.now();
        job.completedAt = now;
        job.build.updatedAt = now;
        releaseWorker(job);
        if (fail) {
            job.status = "failed";
            job.error = BuildTimeline.FAILURE_ERROR;
            return;
        }
        job.status = "succeeded";
        onSuccess.apply(job.build, now);
    }

    private void releaseWorker(JobState job) {
        if (job.workerName != null && !idleWorkers.contains(job.workerName)) {
            idleWorkers.add(job.workerName);
        }
    }

    private static void notifyListeners(JobState job) {
        for (Runnable listener : job.listeners) {
            try {
                listener.run();
            } catch (RuntimeException e) {
                // a closing log stream must not stop the job's timeline
                job.listeners.remove(listener);
            }
        }
    }
}
