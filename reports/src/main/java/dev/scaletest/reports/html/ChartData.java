package dev.scaletest.reports.html;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.scaletest.reports.MetricNames;
import dev.scaletest.reports.OperationStats;
import dev.scaletest.reports.ScaletestReport;
import dev.scaletest.reports.Timeseries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * The charts of an HTML report as data the page's script draws: one entry per chart, each naming
 * its kind ({@code time}, {@code bars} or {@code spectrum}), axis unit, x values and series.
 */
final class ChartData {
    private final ObjectMapper mapper = new ObjectMapper();

    /** A chart the page will draw: its id (the container's {@code data-chart}) and title. */
    record Chart(String id, String title, String section, ObjectNode spec) {}

    List<Chart> charts(ScaletestReport report) {
        List<Chart> charts = new ArrayList<>();
        Timeseries ts = report.timeseries();
        List<Timeseries.Point> points = ts.points();
        if (!points.isEmpty()) {
            List<String> ops = points.stream().flatMap(p -> p.latencies().keySet().stream()).distinct().sorted()
                    .filter(op -> !op.endsWith(MetricNames.UNCORRECTED_SUFFIX)).toList();
            for (String op : ops) {
                ObjectNode spec = timeSpec(points, "ms");
                ArrayNode series = spec.putArray("series");
                for (double p : new double[] {50, 95, 99}) {
                    addSeries(series, "p" + (int) p, points.stream().map(pt -> percentile(pt.latencies().get(op), p)).toList(), false);
                }
                String twin = op + MetricNames.UNCORRECTED_SUFFIX;
                if (points.stream().anyMatch(pt -> pt.latencies().containsKey(twin))) {
                    for (double p : new double[] {50, 99}) {
                        addSeries(series, "p" + (int) p + " uncorrected",
                                points.stream().map(pt -> percentile(pt.latencies().get(twin), p)).toList(), true);
                    }
                }
                charts.add(new Chart("latency-" + op, op + " latency over time", "latency", spec));
            }
            // The planned-bytes counter grows by a stream's whole plan when the stream starts: as a
            // rate it is one spike that would flatten the real throughput lines.
            List<String> rates = points.stream().flatMap(p -> p.rates().keySet().stream()).distinct().sorted()
                    .filter(r -> !r.equals(MetricNames.TRAFFIC_BYTES_TARGET)).toList();
            List<String> byteRates = rates.stream().filter(r -> r.contains("bytes")).toList();
            List<String> otherRates = rates.stream().filter(r -> !r.contains("bytes")).toList();
            if (!byteRates.isEmpty()) {
                charts.add(new Chart("throughput-bytes", "Traffic throughput", "throughput",
                        rateSpec(points, byteRates, "bytes/s")));
            }
            if (!otherRates.isEmpty()) {
                charts.add(new Chart("throughput-events", "Completions per second", "throughput",
                        rateSpec(points, otherRates, "/s")));
            }
            List<String> gauges = points.stream().flatMap(p -> p.gauges().keySet().stream()).distinct().sorted().toList();
            if (!gauges.isEmpty()) {
                ObjectNode spec = timeSpec(points, "");
                ArrayNode series = spec.putArray("series");
                for (String g : gauges) {
                    addSeries(series, g, points.stream().map(pt -> pt.gauges().containsKey(g)
                            ? (Double) (double) pt.gauges().get(g) : null).toList(), false);
                }
                charts.add(new Chart("gauges", "Active streams and builds in flight", "throughput", spec));
            }
        }
        charts.addAll(new ShardCharts(mapper).charts(report));
        List<OperationStats> lifecycle = lifecycle(report);
        if (!lifecycle.isEmpty()) {
            ObjectNode spec = mapper.createObjectNode().put("kind", "bars").put("unit", "ms");
            ArrayNode x = spec.putArray("x");
            ArrayNode labels = spec.putArray("labels");
            for (int i = 0; i < lifecycle.size(); i++) {
                x.add(i);
                labels.add(lifecycle.get(i).name());
            }
            ArrayNode series = spec.putArray("series");
            addSeries(series, "p50", lifecycle.stream().map(o -> (Double) o.percentileMs(50)).toList(), false);
            addSeries(series, "p95", lifecycle.stream().map(o -> (Double) o.percentileMs(95)).toList(), false);
            charts.add(new Chart("lifecycle", "Workspace lifecycle: p50 and p95 per step", "lifecycle", spec));
        }
        for (OperationStats op : report.operations().values()) {
            if (op.count() > 0 && !op.name().endsWith(MetricNames.UNCORRECTED_SUFFIX)) {
                charts.add(new Chart("spectrum-" + op.name(), op.name() + " latency by percentile", "distribution",
                        spectrum(op, report.operations().get(op.name() + MetricNames.UNCORRECTED_SUFFIX))));
            }
        }
        return charts;
    }

    static List<OperationStats> lifecycle(ScaletestReport report) {
        return MetricNames.LIFECYCLE.stream().map(report.operations()::get)
                .filter(o -> o != null && o.count() > 0).toList();
    }

    private ObjectNode timeSpec(List<Timeseries.Point> points, String unit) {
        ObjectNode spec = mapper.createObjectNode().put("kind", "time").put("unit", unit);
        ArrayNode x = spec.putArray("x");
        points.forEach(p -> x.add(p.t() / 1000.0));
        return spec;
    }

    private ObjectNode rateSpec(List<Timeseries.Point> points, List<String> names, String unit) {
        ObjectNode spec = timeSpec(points, unit);
        ArrayNode series = spec.putArray("series");
        for (String name : names) {
            addSeries(series, name, points.stream().map(p -> p.rates().get(name)).toList(), false);
        }
        return spec;
    }

    /**
     * The percentile spectrum as HdrHistogram plots it: x is 1/(1-p) on a log axis, from p0 up to the
     * percentile the sample count still resolves (1/(1-p) no larger than the count).
     */
    private ObjectNode spectrum(OperationStats op, OperationStats uncorrected) {
        ObjectNode spec = mapper.createObjectNode().put("kind", "spectrum").put("unit", "ms");
        ArrayNode x = spec.putArray("x");
        List<Double> xs = new ArrayList<>();
        long count = op.count();
        for (int k = 0; k <= 60; k++) {
            double inverse = Math.pow(10, k / 10.0);
            if (k > 0 && inverse > Math.max(count, 10)) {
                break;
            }
            xs.add(inverse);
        }
        xs.forEach(x::add);
        ArrayNode series = spec.putArray("series");
        addSeries(series, "latency", xs.stream().map(v -> percentile(op.histogram(), 100 * (1 - 1 / v))).toList(), false);
        if (uncorrected != null && uncorrected.count() > 0) {
            addSeries(series, "uncorrected", xs.stream()
                    .map(v -> percentile(uncorrected.histogram(), 100 * (1 - 1 / v))).toList(), true);
        }
        return spec;
    }

    private static Double percentile(Histogram h, double p) {
        if (h == null || h.getTotalCount() == 0) {
            return null;
        }
        return h.getValueAtPercentile(p) / 1000.0;
    }

    private static void addSeries(ArrayNode series, String label, List<Double> values, boolean dashed) {
        ObjectNode s = series.addObject().put("label", label).put("dashed", dashed);
        ArrayNode v = s.putArray("values");
        values.forEach(value -> {
            if (value == null) {
                v.addNull();
            } else {
                v.add(value);
            }
        });
    }

    ObjectNode toJson(List<Chart> charts) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode map = root.putObject("charts");
        for (Chart c : charts) {
            map.set(c.id(), c.spec());
        }
        return root;
    }

    static Map<String, String> sectionTitles() {
        return Map.of("shards", "Shards", "latency", "Latency over time", "throughput", "Throughput and concurrency",
                "lifecycle", "Workspace lifecycle", "distribution", "Latency distribution");
    }
}
