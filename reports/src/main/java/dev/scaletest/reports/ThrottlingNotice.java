package dev.scaletest.reports;

import dev.scaletest.harness.Results;
import dev.scaletest.harness.RunResult;
import java.time.Duration;
import java.util.Optional;

/**
 * The one line telling the operator that coderd's rate limits, not the deployment, set the pace:
 * printed when the runs spent at least {@value #SHARE} of their summed time waiting on 429s. It names
 * coderd's settings, since a scale test usually wants them off.
 */
public final class ThrottlingNotice {
    /** The share of the runs' time spent waiting from which the notice is printed. */
    public static final double SHARE = 0.25;

    private ThrottlingNotice() {}

    /** The notice for {@code report}'s throttling against its runs' summed durations, if due. */
    public static Optional<String> line(ScaletestReport report) {
        return line(report.throttling(), summedDuration(report.results()));
    }

    /** The notice for {@code throttling} against {@code runTime}, the runs' durations added up, if due. */
    public static Optional<String> line(Throttling throttling, Duration runTime) {
        double share = throttling.shareOf(runTime);
        if (throttling.waitMs() == 0 || share < SHARE) {
            return Optional.empty();
        }
        return Optional.of("scaletest: runs spent " + Math.round(Math.min(share, 1) * 100) + "% of their time waiting on "
                + "coderd's rate limits (HTTP 429); for scale tests coderd usually runs with --dangerous-disable-rate-limits, "
                + "or raise --api-rate-limit (default 512/min per user and endpoint); logins are limited to 60/min per IP");
    }

    /** The runs' durations added up. */
    public static Duration summedDuration(Results results) {
        return results.runs().values().stream().map(RunResult::duration).reduce(Duration.ZERO, Duration::plus);
    }
}
