package dev.scaletest.reports;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The inputs of a merge as {@code metadata.merged_from}: each input's command line, shard and
 * times, and its figures for the merged page (see {@link ReportMetadata.Figures}). An input that is
 * itself a merge contributes its own sources.
 */
final class MergeSources {
    private MergeSources() {}

    static List<ReportMetadata.Source> of(List<ScaletestReport> inputs) {
        List<ReportMetadata.Source> sources = new ArrayList<>();
        for (ScaletestReport r : inputs) {
            ReportMetadata m = r.metadata();
            if (m.mergedFrom().isEmpty()) {
                sources.add(new ReportMetadata.Source(m.commandLine(), m.shard(), m.startedAt(), m.endedAt(), figures(r)));
            } else {
                sources.addAll(m.mergedFrom());
            }
        }
        return sources;
    }

    private static ReportMetadata.Figures figures(ScaletestReport r) {
        return new ReportMetadata.Figures(r.results().totalRuns(), r.results().totalPass(), r.results().totalFail(),
                r.verdict(), r.traffic() == null ? 0 : r.traffic().streams(), activity(r.timeseries()));
    }

    /** The time series without its latencies: rates and gauges are small, histograms are not. */
    private static Timeseries activity(Timeseries ts) {
        List<Timeseries.Point> points = ts.points().stream()
                .map(p -> new Timeseries.Point(p.t(), new TreeMap<>(), p.rates(), p.gauges())).toList();
        return new Timeseries(ts.intervalMs(), points);
    }
}
