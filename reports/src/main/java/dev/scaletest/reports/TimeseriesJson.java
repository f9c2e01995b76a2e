package dev.scaletest.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * A {@link Timeseries} in a JSON report: {@code {interval_ms, points [{t, ops, rates, gauges}]}}, for
 * the report's own series and for each merged input's activity.
 */
final class TimeseriesJson {
    private TimeseriesJson() {}

    static void write(JsonGenerator g, String field, Timeseries ts) throws IOException {
        g.writeObjectFieldStart(field);
        g.writeNumberField("interval_ms", ts.intervalMs());
        g.writeArrayFieldStart("points");
        for (Timeseries.Point p : ts.points()) {
            g.writeStartObject();
            g.writeNumberField("t", p.t());
            g.writeObjectFieldStart("ops");
            for (Map.Entry<String, Histogram> e : p.latencies().entrySet()) {
                OperationStats op = new OperationStats(e.getKey(), e.getValue());
                g.writeObjectFieldStart(e.getKey());
                g.writeNumberField("count", op.count());
                g.writeNumberField("p50_ms", op.percentileMs(50));
                g.writeNumberField("p95_ms", op.percentileMs(95));
                g.writeNumberField("p99_ms", op.percentileMs(99));
                g.writeStringField("histogram", HistogramEncoding.encode(e.getValue()));
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeObjectFieldStart("rates");
            for (Map.Entry<String, Double> e : p.rates().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("gauges");
            for (Map.Entry<String, Long> e : p.gauges().entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    /** {@code source} names the report and field in error messages. */
    static Timeseries read(JsonNode ts, String source) {
        List<Timeseries.Point> points = new ArrayList<>();
        for (JsonNode p : ts.path("points")) {
            long t = p.path("t").asLong();
            SortedMap<String, Histogram> latencies = new TreeMap<>();
            p.path("ops").properties().forEach(e -> latencies.put(e.getKey(), HistogramEncoding.decode(
                    e.getValue().path("histogram").asText(), source + " t=" + t + " " + e.getKey())));
            SortedMap<String, Double> rates = new TreeMap<>();
            p.path("rates").properties().forEach(e -> rates.put(e.getKey(), e.getValue().asDouble()));
            SortedMap<String, Long> gauges = new TreeMap<>();
            p.path("gauges").properties().forEach(e -> gauges.put(e.getKey(), e.getValue().asLong()));
            points.add(new Timeseries.Point(t, latencies, rates, gauges));
        }
        return new Timeseries(ts.path("interval_ms").asLong(), points);
    }
}
