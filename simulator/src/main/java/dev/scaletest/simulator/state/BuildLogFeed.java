package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.CoderJson;
import java.util.List;

/** The logs of one provisioner job as a stream: read what is there, and be told when more arrives. */
public final class BuildLogFeed {
    private final Deployment deployment;
    private final JobState job;

    BuildLogFeed(Deployment deployment, JobState job) {
        this.deployment = deployment;
        this.job = job;
    }

    public List<CoderJson.ProvisionerJobLog> logsAfter(long afterId) {
        return deployment.logsAfter(job, afterId);
    }

    /** True once the job reached a final status; no log is added after that. */
    public boolean finished() {
        return deployment.finished(job);
    }

    /** Runs {@code listener} (on a provisioner thread) after each new log line and when the job finishes. */
    public void subscribe(Runnable listener) {
        job.listeners.add(listener);
    }

    public void unsubscribe(Runnable listener) {
        job.listeners.remove(listener);
    }
}
