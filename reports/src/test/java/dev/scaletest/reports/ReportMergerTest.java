package dev.scaletest.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportMergerTest {
    private final ReportJson json = new ReportJson(new TestResultsCodec());

    private ScaletestReport shard(int index, Instant start, List<ReportFixtures.Sample> samples) throws Exception {
        ScaletestReport report = new ReportBuilder().build(ReportFixtures.results(start, "workspacebuild", 4, index),
                ReportFixtures.snapshot(start, 6, samples, 4),
                ReportFixtures.metadata(start, 6, new ReportMetadata.Shard(index, 2, index == 0 ? "0:4" : "4:8")),
                ReportFixtures.errors("workspacebuild"), ReportFixtures.THRESHOLDS, ReportFixtures.throttling());
        // through JSON, as the merge command reads files
        return json.read(new ByteArrayInputStream(json.toJson(report).getBytes(StandardCharsets.UTF_8)), "shard" + index);
    }

    @Test
    void mergedHistogramsAndPercentilesEqualOneReportOverTheUnion() throws Exception {
        List<ReportFixtures.Sample> a = ReportFixtures.samples(1, 6, 5);
        List<ReportFixtures.Sample> b = ReportFixtures.samples(2, 6, 5);
        Instant start = ReportFixtures.START;
        ScaletestReport merged = new ReportMerger().merge(List.of(shard(0, start, a), shard(1, start, b)));

        List<ReportFixtures.Sample> union = new java.util.ArrayList<>(a);
        union.addAll(b);
        var whole = ReportFixtures.snapshot(start, 6, union, 8);
        for (var e : whole.latencies().entrySet()) {
            OperationStats m = merged.operations().get(e.getKey());
            OperationStats w = new OperationStats(e.getKey(), e.getValue());
            assertEquals(w.histogram(), m.histogram(), e.getKey());
            for (double p : new double[] {50, 90, 95, 99, 99.9}) {
                assertEquals(w.percentileMs(p), m.percentileMs(p), e.getKey() + " p" + p);
            }
            assertEquals(w.meanMs(), m.meanMs());
            assertEquals(w.histogram(), HistogramEncoding.decode(HistogramEncoding.encode(m.histogram()), e.getKey()),
                    "re-encoded merge decodes to the union");
        }
        for (int i = 0; i < 6; i++) {
            var point = merged.timeseries().points().get(i);
            assertEquals(i * 5000L, point.t());
            assertEquals(whole.intervals().get(i).latencies().get("build.run"), point.latencies().get("build.run"));
        }
        assertEquals(8, merged.results().totalRuns());
        assertEquals(7, merged.results().totalPass());
        assertEquals(1, merged.results().totalFail());
        assertEquals(8, merged.traffic().streams());
        assertEquals(4, merged.errors().get(0).count(), "http_status: 2 per shard");
        assertEquals(dev.scaletest.errors.ErrorClass.HTTP_STATUS, merged.errors().get(0).errorClass());
        assertEquals(4, merged.lateStarts());
        Throttling one = ReportFixtures.throttling();
        assertEquals(2 * one.responses(), merged.throttling().responses());
        assertEquals(2 * one.waitMs(), merged.throttling().waitMs());
        assertEquals(new Throttling.Route(6, 2 * 183_750), merged.throttling().routes().get("POST /users/login"));
        assertEquals(new Throttling.Route(2, 2 * 60_400), merged.throttling().routes().get("GET /workspacebuilds/{workspacebuild}"));
    }

    @Test
    void throttlingOfAReportWithoutItAddsNothing() throws Exception {
        ScaletestReport a = shard(0, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        ScaletestReport b = shard(1, ReportFixtures.START, ReportFixtures.samples(2, 6, 1));
        ScaletestReport none = new ScaletestReport(b.results(), b.metadata(), b.operations(), b.traffic(), b.errors(),
                b.timeseries(), b.thresholds(), b.verdict(), b.lateStarts(), Throttling.NONE);
        assertEquals(a.throttling(), new ReportMerger().merge(List.of(a, none)).throttling());
    }

    @Test
    void clashingRunIdsGetAShardSuffixAndAreDocumented() throws Exception {
        Instant start = ReportFixtures.START;
        ScaletestReport merged = new ReportMerger().merge(List.of(
                shard(0, start, ReportFixtures.samples(1, 6, 1)),
                shard(1, start.plusSeconds(7), ReportFixtures.samples(2, 6, 1))));
        assertTrue(merged.results().runs().containsKey("workspacebuild/0#0"));
        assertTrue(merged.results().runs().containsKey("workspacebuild/0#1"));
        assertEquals("0#1", merged.results().runs().get("workspacebuild/0#1").id());
        assertEquals("workspacebuild/0", merged.metadata().renamedRuns().get("workspacebuild/0#1"));
        assertEquals("workspacebuild/0#0", merged.errors().get(0).firstRun());
        assertEquals(Duration.ofSeconds(37), merged.results().elapsed(), "earliest start to latest end");
        assertEquals(2, merged.metadata().mergedFrom().size());
        // shard 1 started 7s later: its first point (t=0) lands in the slot 5s..10s
        assertEquals(7, merged.timeseries().points().size());
        assertEquals("fail", merged.verdict().json());
        assertEquals(5, merged.thresholds().size());
        ScaletestReport gated = new ReportMerger().merge(List.of(shard(0, start, ReportFixtures.samples(1, 6, 1))),
                MergeOptions.STRICT.allowingIncomplete().withThresholds(
                        List.of(dev.scaletest.reports.thresholds.Threshold.parse("build.run:count>=1000"))));
        assertEquals(6, gated.thresholds().size());
        assertEquals(false, gated.thresholds().get(5).passed());
        assertEquals("thresholds_failed", gated.verdict().json(), "shard 0 has no failed run");
    }

    @Test
    void anIncompleteMergeBecomesCompleteWithTheMissingShard() throws Exception {
        Instant start = ReportFixtures.START;
        ScaletestReport pair = new ReportMerger().merge(List.of(
                ReportFixtures.shard("nightly-7", 0, 3, start, ReportFixtures.samples(1, 6, 1)),
                ReportFixtures.shard("nightly-7", 1, 3, start, ReportFixtures.samples(2, 6, 1))),
                MergeOptions.STRICT.allowingIncomplete());
        assertEquals(List.of(2), pair.metadata().missingShards());
        ScaletestReport third = ReportFixtures.shard("nightly-7", 2, 3, start, ReportFixtures.samples(3, 6, 1));
        ScaletestReport all = new ReportMerger().merge(List.of(ReportFixtures.throughJson(pair), third));
        assertEquals(3, all.metadata().mergedFrom().size());
        assertEquals(2, all.metadata().mergedFrom().get(2).shard().index());
        assertEquals(12, all.results().totalRuns());
        assertFalse(all.metadata().incomplete());
        assertEquals("nightly-7", all.metadata().runId());
    }

    @Test
    void aRenamedRunThatMeetsARunOfItsNewNameIsRefusedNotOverwritten() throws Exception {
        Instant start = ReportFixtures.START;
        ScaletestReport a = ReportFixtures.shard(null, 0, 0, start, ReportFixtures.samples(1, 6, 1));
        // b holds workspacebuild/0 and a run already named workspacebuild/0#2, the name b's /0 gets in a merge
        java.util.SortedMap<String, dev.scaletest.harness.RunResult> runs = new java.util.TreeMap<>(a.results().runs());
        dev.scaletest.harness.RunResult one = runs.remove("workspacebuild/1");
        runs.put("workspacebuild/0#2", new dev.scaletest.harness.RunResult("workspacebuild/0#2", "workspacebuild", "0#2",
                one.logs(), one.startedAt(), one.duration(), one.error()));
        var r = a.results();
        ScaletestReport b = new ScaletestReport(new dev.scaletest.harness.Results(r.totalRuns(), r.totalPass(),
                r.totalFail(), r.elapsed(), runs), a.metadata(), a.operations(), a.traffic(), a.errors(), a.timeseries(),
                a.thresholds(), a.verdict(), a.lateStarts(), a.throttling());
        for (List<ScaletestReport> inputs : List.of(List.of(a, b), List.of(b, a))) {
            var e = assertThrows(IllegalArgumentException.class, () -> new ReportMerger().merge(inputs));
            assertTrue(e.getMessage().startsWith("cannot merge: two runs would both be named workspacebuild/0#"),
                    e.getMessage());
        }
    }

    @Test
    void refusesIntervalsThatDoNotDivideEachOther() throws Exception {
        ScaletestReport a = shard(0, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        ScaletestReport b = shard(1, ReportFixtures.START, ReportFixtures.samples(2, 6, 1));
        ScaletestReport odd = new ScaletestReport(b.results(), b.metadata(), b.operations(), b.traffic(), b.errors(),
                new Timeseries(3000, b.timeseries().points()), b.thresholds(), b.verdict(), b.lateStarts(), b.throttling());
        var e = assertThrows(IllegalArgumentException.class, () -> new ReportMerger().merge(List.of(a, odd)));
        assertTrue(e.getMessage().contains("intervals do not divide each other (3000ms and 5000ms)"), e.getMessage());
    }

    @Test
    void aShardWithACoarserSeriesSetsTheMergedIntervalAndTheFinerOneIsSummedIntoIt() throws Exception {
        ScaletestReport a = shard(0, ReportFixtures.START, ReportFixtures.samples(1, 6, 5));
        ScaletestReport b = shard(1, ReportFixtures.START, ReportFixtures.samples(2, 6, 5));
        ScaletestReport coarse = pairwise(b);
        ScaletestReport atFine = new ReportMerger().merge(List.of(a, b));
        for (List<ScaletestReport> inputs : List.of(List.of(a, coarse), List.of(coarse, a))) {
            Timeseries merged = new ReportMerger().merge(inputs).timeseries();
            assertEquals(10_000, merged.intervalMs());
            assertEquals(3, merged.points().size());
            for (int i = 0; i < 3; i++) {
                Timeseries.Point point = merged.points().get(i);
                Timeseries.Point first = atFine.timeseries().points().get(2 * i);
                Timeseries.Point second = atFine.timeseries().points().get(2 * i + 1);
                assertEquals(i * 10_000L, point.t());
                assertEquals(HistogramEncoding.sum(List.of(first.latencies().get("build.run"), second.latencies().get("build.run"))),
                        point.latencies().get("build.run"), "the slot holds exactly both shards' two intervals");
                double written = (first.rates().get(MetricNames.TRAFFIC_BYTES_WRITTEN)
                        + second.rates().get(MetricNames.TRAFFIC_BYTES_WRITTEN)) / 2;
                assertEquals(written, point.rates().get(MetricNames.TRAFFIC_BYTES_WRITTEN), 0.002, "a rate is the slot's average");
                long streams = a.timeseries().points().get(2 * i + 1).gauges().get(MetricNames.STREAMS_ACTIVE)
                        + coarse.timeseries().points().get(i).gauges().get(MetricNames.STREAMS_ACTIVE);
                assertEquals(streams, point.gauges().get(MetricNames.STREAMS_ACTIVE), "a shard's peak over the slot, added across shards");
            }
            long counted = merged.points().stream().mapToLong(p -> p.latencies().get("build.run").getTotalCount()).sum();
            assertEquals(atFine.operations().get("build.run").histogram().getTotalCount(), counted);
        }
    }

    /** The report with its time series at twice the interval, as a long run's bounded series becomes. */
    private static ScaletestReport pairwise(ScaletestReport r) {
        List<Timeseries.Point> fine = r.timeseries().points();
        List<Timeseries.Point> coarse = new java.util.ArrayList<>();
        for (int i = 0; i + 1 < fine.size(); i += 2) {
            Timeseries.Point x = fine.get(i);
            Timeseries.Point y = fine.get(i + 1);
            java.util.SortedMap<String, org.HdrHistogram.Histogram> latencies = new java.util.TreeMap<>();
            x.latencies().forEach((op, h) -> latencies.put(op, HistogramEncoding.sum(List.of(h, y.latencies().get(op)))));
            java.util.SortedMap<String, Double> rates = new java.util.TreeMap<>();
            x.rates().forEach((name, v) -> rates.put(name, (v + y.rates().get(name)) / 2));
            java.util.SortedMap<String, Long> gauges = new java.util.TreeMap<>();
            x.gauges().forEach((name, v) -> gauges.put(name, Math.max(v, y.gauges().get(name))));
            coarse.add(new Timeseries.Point(x.t(), latencies, rates, gauges));
        }
        return new ScaletestReport(r.results(), r.metadata(), r.operations(), r.traffic(), r.errors(),
                new Timeseries(2 * r.timeseries().intervalMs(), coarse), r.thresholds(), r.verdict(), r.lateStarts(), r.throttling());
    }

    @Test
    void toleratesIntervalsWithinTwoPercent() throws Exception {
        ScaletestReport a = shard(0, ReportFixtures.START, ReportFixtures.samples(1, 6, 1));
        ScaletestReport b = shard(1, ReportFixtures.START, ReportFixtures.samples(2, 6, 1));
        long own = a.timeseries().intervalMs();
        ScaletestReport close = withInterval(b, own + own / 100);
        assertEquals(own, new ReportMerger().merge(List.of(a, close)).timeseries().intervalMs(), "the first input's interval");
        ScaletestReport far = withInterval(b, own + own * 3 / 100);
        assertThrows(IllegalArgumentException.class, () -> new ReportMerger().merge(List.of(a, far)));
    }

    private static ScaletestReport withInterval(ScaletestReport r, long intervalMs) {
        return new ScaletestReport(r.results(), r.metadata(), r.operations(), r.traffic(), r.errors(),
                new Timeseries(intervalMs, r.timeseries().points()), r.thresholds(), r.verdict(), r.lateStarts(), r.throttling());
    }
}
