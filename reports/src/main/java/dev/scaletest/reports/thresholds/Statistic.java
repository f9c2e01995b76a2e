package dev.scaletest.reports.thresholds;

/** What a latency threshold looks at in an operation's histogram. */
public enum Statistic {
    COUNT("count", -1),
    MEAN("mean", -1),
    MIN("min", -1),
    MAX("max", -1),
    P50("p50", 50),
    P90("p90", 90),
    P95("p95", 95),
    P99("p99", 99),
    P999("p99.9", 99.9);

    private final String text;
    private final double percentile;

    Statistic(String text, double percentile) {
        this.text = text;
        this.percentile = percentile;
    }

    public String text() {
        return text;
    }

    /** The percentile (0..100) for p-statistics, negative otherwise. */
    public double percentile() {
        return percentile;
    }

    static Statistic parse(String text) {
        if (text.equals("p999")) {
            return P999;
        }
        for (Statistic s : values()) {
            if (s.text.equals(text)) {
                return s;
            }
        }
        return null;
    }
}
