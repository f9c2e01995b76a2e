package dev.scaletest.simulator.state;

import dev.scaletest.simulator.wire.CoderJson;
import java.util.List;

/** The logs of one provisioner job as a stream: read what is there, and be told when more arrives. */
public final class BuildLogFeed {
    private final ProvisionerQueue queue;
    private final JobState job;

    BuildLogFeed(ProvisionerQueue queue, JobState job) {
        this.queue = queue;
        this.job = job;
    }

    public List<CoderJson.ProvisionerJobLog> logsAfter(long afterId) {
        return queue.logsAfter(job, afterId);
    }

    /** True once the job reached a final status; no log is added after that. */
    public boolean finished() {
        return queue.finished(job);
    }

    /** Runs {@code listener} (on a provisioner thread) after each new log line and when the job finishes. */
    public void subscribe(Runnable listener) {
        job.listeners.add(listener);
    }

    public void unsubscribe(Runnable listener) {
        job.listeners.remove(listener);
    }
}
