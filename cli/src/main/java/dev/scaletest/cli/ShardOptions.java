package dev.scaletest.cli;

import dev.scaletest.harness.Shard;
import dev.scaletest.scenarios.ConfigException;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which part of which logical run this process is: {@code --shard INDEX/COUNT}, {@code --shard-count}
 * (with Kubernetes' {@value Shard#INDEX_VARIABLE} as the index) and {@code --run-id}. Declared on
 * the root like {@link GlobalOptions}, so they work before or after the command name, and kept to
 * the scenario commands by {@link FlagScopes}. The rules for a valid shard are {@link Shard}'s.
 */
public final class ShardOptions {

    /** A run id names files and directories and Coder tokens: letters, digits, '.', '_' and '-', as a Kubernetes Job name. */
    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,62}");

    @Option(names = "--shard", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_SHARD", paramLabel = "INDEX/COUNT",
            description = "Do shard INDEX of COUNT of one run split over processes that never talk to each other (indexes count from 0,"
                    + " as Kubernetes counts them: 0/4 is the first of four). Every shard of a run needs the same --run-id.")
    String shard;

    @Option(names = "--shard-count", scope = ScopeType.INHERIT, descriptionKey = Shard.COUNT_VARIABLE, paramLabel = "N",
            description = "The run is split over N shards and this process's index is " + Shard.INDEX_VARIABLE
                    + " (set by a Kubernetes Indexed Job). Without a count that variable is ignored.")
    Integer shardCount;

    @Option(names = "--run-id", scope = ScopeType.INHERIT, descriptionKey = "CODER_SCALETEST_RUN_ID", paramLabel = "ID",
            description = "Names the logical run in the reports; every shard of a run gives the same one, and 'report merge' checks it."
                    + " Default: a new id per process (yyyyMMdd-HHmmss-xxxx, UTC).")
    String runId;

    /**
     * The shard this process is, or empty for a whole run. A bad spec, a count without an index, or
     * an index the count does not allow is bad input (one line, exit 2).
     */
    Optional<Shard> shard(CliEnvironment environment) {
        try {
            return Shard.resolve(shard, shardCount, environment.variable(Shard.INDEX_VARIABLE));
        } catch (IllegalArgumentException e) {
            throw new ConfigException(e.getMessage());
        }
    }

    /** {@code --run-id} as given and checked, or empty when the process makes its own. */
    Optional<String> runId() {
        if (runId == null || runId.isBlank()) {
            return Optional.empty();
        }
        String id = runId.strip();
        if (!RUN_ID.matcher(id).matches()) {
            throw new ConfigException("--run-id \"" + id + "\" must be 1 to 63 letters, digits, '.', '_' or '-', starting with a"
                    + " letter or digit (it names the journal directory and the run's API tokens)");
        }
        return Optional.of(id);
    }
}
