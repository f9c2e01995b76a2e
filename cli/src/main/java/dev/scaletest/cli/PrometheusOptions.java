package dev.scaletest.cli;

import dev.scaletest.net.HttpUrl;
import dev.scaletest.scenarios.ConfigException;
import dev.scaletest.scenarios.PrometheusConfig;
import picocli.CommandLine.Option;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/** Coder's Prometheus flag group, plus {@code --prometheus-push-url}. */
public final class PrometheusOptions {

    @Option(names = "--scaletest-prometheus-address", descriptionKey = "CODER_SCALETEST_PROMETHEUS_ADDRESS",
            defaultValue = "0.0.0.0:21112", paramLabel = "HOST:PORT",
            description = "Address the metrics endpoint listens on. Default: ${DEFAULT-VALUE}.")
    String address;

    @Option(names = "--scaletest-prometheus-wait", descriptionKey = "CODER_SCALETEST_PROMETHEUS_WAIT", defaultValue = "15s",
            paramLabel = "DURATION", converter = GoDurationConverter.class,
            description = "How long to wait before exiting so the last scrape can happen. Default: ${DEFAULT-VALUE}.")
    Duration scrapeWait;

    @Option(names = "--prometheus-push-url", descriptionKey = "CODER_SCALETEST_PROMETHEUS_PUSH_URL", paramLabel = "URL",
            description = {"Also push the final metrics to this URL: Prometheus remote write when its path ends in /write, /push or /receive",
                    "(e.g. http://prometheus:9090/api/v1/write), a Pushgateway otherwise."})
    String pushUrl;

    PrometheusConfig toConfig() {
        Optional<URI> push = Optional.empty();
        if (pushUrl != null && !pushUrl.isBlank()) {
            try {
                push = Optional.of(HttpUrl.parse(pushUrl.trim()));
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--prometheus-push-url " + e.getMessage());
            }
        }
        return new PrometheusConfig(address.trim(), scrapeWait, push);
    }
}
