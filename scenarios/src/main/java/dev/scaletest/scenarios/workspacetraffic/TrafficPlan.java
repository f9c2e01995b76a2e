package dev.scaletest.scenarios.workspacetraffic;

import dev.scaletest.harness.RunCancellation;
import dev.scaletest.scenarios.PrometheusConfig;
import dev.scaletest.scenarios.prometheus.MetricsPush;
import dev.scaletest.scenarios.prometheus.ScrapeWait;
import dev.scaletest.scenarios.run.Phase;
import dev.scaletest.scenarios.run.Plan;
import dev.scaletest.scenarios.run.RunObserver;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.Optional;

/** The traffic phase, then the metrics' last scrape and push. */
final class TrafficPlan implements Plan {
    private final Plan phases;
    private final PrometheusConfig prometheus;
    private final PrometheusMeterRegistry registry;
    private final String runId;
    private final RunObserver observer;

    /** @param runId the Pushgateway instance the metrics are pushed under */
    TrafficPlan(Plan phases, PrometheusConfig prometheus, PrometheusMeterRegistry registry, String runId, RunObserver observer) {
        this.phases = phases;
        this.prometheus = prometheus;
        this.registry = registry;
        this.runId = runId;
        this.observer = observer;
    }

    @Override
    public Optional<Phase> next() throws Exception {
        return phases.next();
    }

    @Override
    public String cleanupSkippedHint() {
        return phases.cleanupSkippedHint();
    }

    /**
     * Interrupted or not, the results of every stream are written by now (Coder's tool skips them
     * on Ctrl-C; scaletest's exit code table promises them). The wait for a last scrape is for runs
     * that ended by themselves: after Ctrl-C, and on a Ctrl-C during it, the command exits.
     */
    @Override
    public void finish(RunCancellation cancellation) throws InterruptedException {
        if (!cancellation.interrupted()) {
            awaitScrape(cancellation);
        }
        push();
    }

    /** Waits --scaletest-prometheus-wait, unless Ctrl-C ends the wait early. */
    private void awaitScrape(RunCancellation cancellation) {
        Thread waiting = Thread.currentThread();
        try (var onInterrupt = cancellation.runPhase().onCancel(waiting::interrupt)) {
            new ScrapeWait(observer::note).await(prometheus.scrapeWait());
        } catch (InterruptedException e) {
            // Ctrl-C: the results are written, nothing is left to wait for.
        }
        // A Ctrl-C just as the wait ended must not interrupt what follows.
        Thread.interrupted();
    }

    private void push() throws InterruptedException {
        if (prometheus.pushUrl().isEmpty()) {
            return;
        }
        URI url = prometheus.pushUrl().get();
        try (HttpClient http = HttpClient.newHttpClient()) {
            MetricsPush.to(http, url).push(registry, runId);
        } catch (IOException e) {
            observer.note("scaletest: pushing metrics to " + url + ": " + e.getMessage());
        }
    }
}
