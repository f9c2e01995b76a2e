package dev.scaletest.scenarios.prometheus;

import io.prometheus.metrics.model.snapshots.ClassicHistogramBucket;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Quantile;
import io.prometheus.metrics.model.snapshots.StateSetSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The samples a Prometheus scrape of a registry yields, named as the text format names them
 * ({@code _total} on counters; {@code _bucket} with cumulative counts and an {@code le} label,
 * {@code _count} and {@code _sum} on histograms; {@code quantile} on summaries), with the target's
 * labels added as a scrape adds them: a metric's own label of the same name is kept as
 * {@code exported_<name>}. Native-only histograms are left out: remote write 1.0 has no place for them.
 */
public final class RegistrySamples {
    private final Map<String, String> targetLabels;
    private final List<Sample> samples = new ArrayList<>();

    private RegistrySamples(Map<String, String> targetLabels) {
        this.targetLabels = targetLabels;
    }

    public static List<Sample> of(MetricSnapshots snapshots, Map<String, String> targetLabels) {
        RegistrySamples collected = new RegistrySamples(targetLabels);
        for (MetricSnapshot snapshot : snapshots) {
            collected.add(snapshot);
        }
        return List.copyOf(collected.samples);
    }

    private void add(MetricSnapshot snapshot) {
        String name = snapshot.getMetadata().getPrometheusName();
        switch (snapshot) {
            case CounterSnapshot c -> c.getDataPoints().forEach(p -> add(name + "_total", p.getLabels(), p.getValue()));
            case GaugeSnapshot g -> g.getDataPoints().forEach(p -> add(name, p.getLabels(), p.getValue()));
            case UnknownSnapshot u -> u.getDataPoints().forEach(p -> add(name, p.getLabels(), p.getValue()));
            case InfoSnapshot i -> i.getDataPoints().forEach(p -> add(name + "_info", p.getLabels(), 1));
            case StateSetSnapshot s -> s.getDataPoints().forEach(p -> {
                for (int k = 0; k < p.size(); k++) {
                    add(name, p.getLabels().add(name, p.getName(k)), p.isTrue(k) ? 1 : 0);
                }
            });
            case HistogramSnapshot h -> h.getDataPoints().forEach(p -> {
                if (p.hasClassicHistogramData()) {
                    addHistogram(name, h.isGaugeHistogram(), p);
                }
            });
            case SummarySnapshot s -> s.getDataPoints().forEach(p -> {
                for (Quantile q : p.getQuantiles()) {
                    add(name, p.getLabels().add("quantile", format(q.getQuantile())), q.getValue());
                }
                addCountAndSum(name + "_", p.getLabels(), p.hasCount(), p.getCount(), p.hasSum(), p.getSum());
            });
            default -> throw new IllegalArgumentException("no remote-write form for " + snapshot.getClass().getSimpleName()
                    + " " + name);
        }
    }

    /** The model holds each bucket's own count; the exposition, and so Prometheus, cumulative ones. */
    private void addHistogram(String name, boolean gauge, HistogramSnapshot.HistogramDataPointSnapshot point) {
        long cumulative = 0;
        for (ClassicHistogramBucket bucket : point.getClassicBuckets()) {
            cumulative += bucket.getCount();
            add(name + "_bucket", point.getLabels().add("le", format(bucket.getUpperBound())), cumulative);
        }
        // a gauge histogram's totals are _gcount and _gsum
        addCountAndSum(name + (gauge ? "_g" : "_"), point.getLabels(), point.hasCount(), point.getCount(),
                point.hasSum(), point.getSum());
    }

    private void addCountAndSum(String prefix, Labels labels, boolean hasCount, long count, boolean hasSum, double sum) {
        if (hasCount) {
            add(prefix + "count", labels, count);
        }
        if (hasSum) {
            add(prefix + "sum", labels, sum);
        }
    }

    private void add(String name, Labels labels, double value) {
        TreeMap<String, String> all = new TreeMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String labelName = labels.getPrometheusName(i);
            all.put(targetLabels.containsKey(labelName) ? "exported_" + labelName : labelName, labels.getValue(i));
        }
        all.putAll(targetLabels);
        all.put(Sample.NAME_LABEL, name);
        samples.add(new Sample(all, value));
    }

    /** As the text format writes a bound or quantile, so a query by {@code le} matches a scraped series. */
    static String format(double value) {
        if (value == Double.POSITIVE_INFINITY) {
            return "+Inf";
        }
        if (value == Double.NEGATIVE_INFINITY) {
            return "-Inf";
        }
        return Double.isNaN(value) ? "NaN" : Double.toString(value);
    }
}
