package dev.scaletest.reports.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.reports.ReportMetadata;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.Timeseries;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * A merged report's charts with one line per shard, on the merged report's clock: active streams,
 * bytes read per second and workspaces created per second, each where some shard recorded it. They
 * show what the merged totals hide: a shard that started late, stalled or carried less. Drawn for
 * 2 to {@value #MAX_SHARDS} inputs; with more the lines could no longer be told apart.
 */
final class ShardCharts {
    static final int MAX_SHARDS = 32;

    private record Metric(String id, String title, String unit, Function<Timeseries.Point, Double> value) {}

    private static final List<Metric> METRICS = List.of(
            new Metric("shards-streams", "Active streams per shard", "",
                    p -> p.gauges().containsKey(MetricNames.STREAMS_ACTIVE)
                            ? (Double) (double) p.gauges().get(MetricNames.STREAMS_ACTIVE) : null),
            new Metric("shards-bytes-read", "Bytes read per second, per shard", "bytes/s",
                    p -> p.rates().get(MetricNames.TRAFFIC_BYTES_READ)),
            new Metric("shards-created", "Workspaces created per second, per shard", "/s",
                    p -> p.rates().get(MetricNames.WORKSPACES_CREATED)));

    private final ObjectMapper mapper;

    ShardCharts(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    List<ChartData.Chart> charts(ScaletestReport report) {
        List<ReportMetadata.Source> sources = report.metadata().mergedFrom().stream()
                .filter(s -> s.figures() != null && !s.figures().activity().points().isEmpty()).toList();
        if (sources.size() < 2 || sources.size() > MAX_SHARDS) {
            return List.of();
        }
        List<ChartData.Chart> charts = new ArrayList<>();
        for (Metric metric : METRICS) {
            ObjectNode spec = spec(report, sources, metric);
            if (spec != null) {
                charts.add(new ChartData.Chart(metric.id(), metric.title(), "shards", spec));
            }
        }
        return charts;
    }

    /** One series per source on the common slots of the merged clock; null when no source has the metric. */
    private ObjectNode spec(ScaletestReport report, List<ReportMetadata.Source> sources, Metric metric) {
        SortedSet<Long> slots = new TreeSet<>();
        List<Map<Long, Double>> bySource = new ArrayList<>();
        boolean any = false;
        for (ReportMetadata.Source source : sources) {
            Timeseries activity = source.figures().activity();
            long interval = report.timeseries().intervalMs() > 0 ? report.timeseries().intervalMs() : activity.intervalMs();
            long offset = source.startedAt().toEpochMilli() - report.metadata().startedAt().toEpochMilli();
            Map<Long, Double> values = new HashMap<>();
            for (Timeseries.Point p : activity.points()) {
                long slot = interval > 0 ? Math.floorDiv(offset + p.t(), interval) * interval : offset + p.t();
                slots.add(slot);
                Double v = metric.value().apply(p);
                if (v != null) {
                    values.put(slot, v);
                    any = true;
                }
            }
            bySource.add(values);
        }
        if (!any) {
            return null;
        }
        ObjectNode spec = mapper.createObjectNode().put("kind", "time").put("unit", metric.unit());
        ArrayNode x = spec.putArray("x");
        slots.forEach(t -> x.add(t / 1000.0));
        ArrayNode series = spec.putArray("series");
        for (int i = 0; i < sources.size(); i++) {
            ReportMetadata.Source source = sources.get(i);
            ObjectNode s = series.addObject()
                    .put("label", name(source, report.metadata().mergedFrom().indexOf(source))).put("dashed", false);
            ArrayNode v = s.putArray("values");
            Map<Long, Double> values = bySource.get(i);
            slots.forEach(t -> {
                Double value = values.get(t);
                if (value == null) {
                    v.addNull();
                } else {
                    v.add(value);
                }
            });
        }
        return spec;
    }

    /** {@code shard 1 of 4}, or {@code report 2} for an input without shard metadata. */
    static String name(ReportMetadata.Source source, int position) {
        return source.shard() != null ? source.shard().label() : "report " + (position + 1);
    }
}
