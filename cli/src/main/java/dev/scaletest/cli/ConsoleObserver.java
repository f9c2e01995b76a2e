package dev.scaletest.cli;

import dev.scaletest.cli.progress.LiveProgress;
import dev.scaletest.cli.progress.PhaseCounts;
import dev.scaletest.harness.PhaseProgress;
import dev.scaletest.harness.Results;
import dev.scaletest.harness.ResultsText;
import dev.scaletest.reports.output.ReportWriter;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.TextSummary;
import dev.scaletest.reports.ThrottlingNotice;
import dev.scaletest.scenarios.run.RunObserver;
import dev.scaletest.scenarios.run.TrafficSample;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.function.Supplier;

/**
 * What a run shows on the console: Coder's lines on stdout, ours on stderr ({@code --quiet} hides
 * the details and the summary), live progress in the chosen mode, and every {@code --output}.
 */
final class ConsoleObserver implements RunObserver {
    private final PrintStream out;
    private final PrintStream err;
    private final CommonOptions common;
    private final ReportWriter writer;
    private boolean tokenHintShown;

    ConsoleObserver(PrintStream out, PrintStream err, CommonOptions common, ReportWriter writer) {
        this.out = out;
        this.err = err;
        this.common = common;
        this.writer = writer;
    }

    @Override
    public void coderLine(String line) {
        out.println(line);
    }

    @Override
    public void note(String line) {
        err.println(line);
        err.flush();
    }

    @Override
    public void detail(String line) {
        if (!common.quiet()) {
            note(line);
        }
    }

    /**
     * The {@code --token} hint comes with the first phase, once the input has passed every check:
     * bad input stays one line on stderr.
     */
    private void tokenHintOnce() {
        if (common.tokenOnCommandLine() && !tokenHintShown) {
            tokenHintShown = true;
            note(CommonOptions.TOKEN_HINT);
        }
    }

    @Override
    public Watch phaseStarted(String name, Supplier<PhaseProgress> progress) {
        tokenHintOnce();
        LiveProgress live = common.liveProgress(err).start();
        LiveProgress.Feed feed = live.phase(name, () -> PhaseCounts.of(progress.get()));
        return () -> closeBoth(feed, live);
    }

    @Override
    public Watch trafficStarted(String name, Supplier<TrafficSample> samples) {
        tokenHintOnce();
        LiveProgress live = common.liveProgress(err).start();
        LiveProgress.Feed feed = live.traffic(name, samples);
        return () -> closeBoth(feed, live);
    }

    private static void closeBoth(LiveProgress.Feed feed, LiveProgress live) {
        try (live) {
            feed.close();
        }
    }

    /**
     * Every {@code --output}, then on stderr the summary (it carries the threshold table) unless
     * {@code --quiet}, and the rate-limit notice when the runs mostly waited on 429s. A file that
     * could not be written went elsewhere ({@link ReportDelivery}); that is thrown last, in one line.
     */
    @Override
    public void reported(ScaletestReport report) throws IOException {
        List<String> detours = new ReportDelivery(writer, out, common.journalDir()).deliver(report, common.outputs());
        if (!common.quiet()) {
            err.println();
            err.print(TextSummary.summary(report));
        }
        ThrottlingNotice.line(report).ifPresent(err::println);
        if (!detours.isEmpty()) {
            throw new IOException(String.join("; ", detours));
        }
    }

    @Override
    public void choreResults(Results results) {
        err.print(ResultsText.render(results));
    }
}
