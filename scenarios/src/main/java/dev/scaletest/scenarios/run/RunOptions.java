package dev.scaletest.scenarios.run;

import dev.scaletest.harness.Shard;
import dev.scaletest.reports.thresholds.Threshold;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every scenario run shares, resolved and checked by the application before anything starts.
 *
 * @param runId            names the logical run, which every shard of it shares: the report's {@code run_id},
 *                         API token names, the Pushgateway instance
 * @param shard            the part of the run this process does; empty for a whole run
 * @param journalDir       where this run records what it creates
 * @param thresholds       the gates judged on the report
 * @param abortOnThreshold stop a watched phase as soon as a threshold can no longer hold
 * @param commandLine      the arguments as typed; secrets are removed before they reach a report
 * @param toolVersion      the application's version: the report's {@code tool_version} and the User-Agent
 */
public record RunOptions(String runId, Optional<Shard> shard, Path journalDir, List<Threshold> thresholds, boolean abortOnThreshold,
        List<String> commandLine, String toolVersion) {

    public RunOptions {
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(journalDir, "journalDir");
        thresholds = List.copyOf(thresholds);
        commandLine = List.copyOf(commandLine);
        Objects.requireNonNull(toolVersion, "toolVersion");
    }

    /** The User-Agent of every call to Coder, {@code scaletest/<version>}. */
    public String userAgent() {
        return "scaletest/" + toolVersion;
    }
}
