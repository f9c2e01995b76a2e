package dev.scaletest.cli;

import dev.scaletest.cli.progress.LiveProgress;
import dev.scaletest.cli.progress.ProgressMode;
import dev.scaletest.coder.CoderEndpoint;
import dev.scaletest.harness.Shard;
import dev.scaletest.reports.output.OutputTarget;
import dev.scaletest.reports.thresholds.Threshold;
import dev.scaletest.scenarios.run.RunOptions;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What every scenario command shares, resolved and checked.
 *
 * @param endpoint         the Coder deployment; empty with {@code embedded} (the launcher starts
 *                         the built-in simulator and points everything at it)
 * @param runId            names the logical run: {@code --run-id}, or made per process ({@code yyyyMMdd-HHmmss-xxxx}, UTC)
 * @param shard            the part of the run this process does ({@code --shard}, or {@code --shard-count} with
 *                         Kubernetes' completion index); empty for a whole run
 * @param journalDir       where this run records what it created ({@code ./scaletest-runs/<run-id>/}, a shard's
 *                         in {@code shard-<index>/} below it, unless {@code --journal-dir})
 * @param outputs          result outputs, stdout entry first; empty for {@code cleanup}, which
 *                         prints text results to stderr as Coder's does
 * @param progress         {@link ProgressMode#NONE} when {@code --quiet}
 * @param stderrIsTerminal decides what {@link ProgressMode#AUTO} shows
 * @param thresholds       {@code --threshold} expressions as given
 * @param abortOnThreshold stop the run as soon as a threshold fails
 * @param commandLine      the arguments as typed (secrets are removed before they reach a report)
 */
public record CommonOptions(
        Optional<CoderEndpoint> endpoint,
        boolean embedded,
        String runId,
        Optional<Shard> shard,
        Path journalDir,
        List<OutputTarget> outputs,
        ProgressMode progress,
        boolean stderrIsTerminal,
        boolean quiet,
        List<String> thresholds,
        boolean abortOnThreshold,
        boolean verbose,
        List<String> commandLine) {

    public CommonOptions {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(runId, "runId");
        Objects.requireNonNull(shard, "shard");
        Objects.requireNonNull(journalDir, "journalDir");
        outputs = List.copyOf(outputs);
        Objects.requireNonNull(progress, "progress");
        thresholds = List.copyOf(thresholds);
        commandLine = List.copyOf(commandLine);
    }

    /** Shown once a run gets going when {@link #tokenOnCommandLine()}: ps, /proc and shell history show arguments. */
    public static final String TOKEN_HINT = "Hint: --token puts the session token where ps and shell history show it;"
            + " set CODER_SESSION_TOKEN instead.";

    /** Whether the session token was typed as {@code --token} rather than taken from the environment or 'coder login'. */
    public boolean tokenOnCommandLine() {
        return commandLine.stream().anyMatch(arg -> arg.equals("--token") || arg.startsWith("--token="));
    }

    /**
     * What the scenarios need of these options, with the thresholds parsed: a bad one is bad input,
     * found before anything starts.
     */
    public RunOptions runOptions(String toolVersion) {
        List<Threshold> parsed = ThresholdOptions.parse(thresholds);
        return new RunOptions(runId, shard, journalDir, parsed, abortOnThreshold, commandLine, toolVersion);
    }

    /** The live progress display this run asked for, writing to {@code stderr}; not yet started. */
    public LiveProgress liveProgress(PrintStream stderr) {
        return LiveProgress.forMode(progress, stderr, stderrIsTerminal);
    }
}
