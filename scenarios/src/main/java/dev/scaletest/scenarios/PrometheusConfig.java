package dev.scaletest.scenarios;

import dev.scaletest.harness.GoDuration;
import dev.scaletest.net.HostPort;
import dev.scaletest.net.HttpUrl;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Metrics export: the scrape endpoint listens on {@code address} (host:port, every path serves the
 * registry), the command waits {@code scrapeWait} before exiting so the last scrape can happen, and
 * with {@code pushUrl} the final values are also pushed (then the wait is not needed).
 */
public record PrometheusConfig(String address, Duration scrapeWait, Optional<URI> pushUrl) {

    public PrometheusConfig {
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(scrapeWait, "scrapeWait");
        Objects.requireNonNull(pushUrl, "pushUrl");
    }

    /** Where the scrape endpoint listens: {@code 0.0.0.0:21112}, {@code 127.0.0.1:0} (a free port), {@code :21112} (every interface). */
    public HostPort listenAddress() {
        try {
            return HostPort.parse(address, false, 0);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("--scaletest-prometheus-address " + e.getMessage());
        }
    }

    public void validate() {
        listenAddress();
        if (scrapeWait.isNegative()) {
            throw new ConfigException("--scaletest-prometheus-wait must not be negative, got " + GoDuration.format(scrapeWait));
        }
        pushUrl.ifPresent(url -> {
            try {
                HttpUrl.check(url);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("--prometheus-push-url " + e.getMessage());
            }
        });
    }
}
